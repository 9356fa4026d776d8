import type { AnswerFilter, FollowUpQuestionType } from '@nabolag/schema';

/** Adds a parameter and returns its placeholder with a cast (`$3::text`), as `SqlParameters.add` does. */
export type AddParameter = (value: unknown, cast: string) => string;

/**
 * A SQL condition on a contribution's follow-up answers, for the analysis (heatmaps, counts) and
 * exports: `EXISTS (…)` over `contribution_answers` for the contribution whose id is the SQL
 * expression `contributionId` (`c.id`, `cc.contribution_id`). Values go in through `add`
 * (e.g. `parameters.add.bind(parameters)` of the analysis module's `SqlParameters`).
 *
 * Choices use jsonb containment, which the GIN index on `answers` serves: `{"how_often": "daily"}`
 * for a single choice and `{"who": ["friends"]}` for a multiple choice (both are tried, so the
 * caller need not know the question's type). Ranges compare numeric answers (scale, number).
 */
export function answerFilterSql(filter: AnswerFilter, contributionId: string, add: AddParameter): string {
  if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(contributionId)) {
    throw new Error(`not a column reference: ${contributionId}`);
  }
  if ('anyOf' in filter && filter.anyOf) {
    const documents = filter.anyOf.flatMap(
      (value): Array<Record<string, unknown>> =>
        typeof value === 'string'
          ? [{ [filter.question]: value }, { [filter.question]: [value] }]
          : [{ [filter.question]: value }],
    );
    const anyOf = add(
      documents.map((document) => JSON.stringify(document)),
      'jsonb[]',
    );
    return `EXISTS (SELECT 1 FROM contribution_answers fa WHERE fa.contribution_id = ${contributionId}
              AND fa.answers @> ANY (${anyOf}))`;
  }
  const range = filter as { min?: number; max?: number };
  const key = add(filter.question, 'text');
  const bounds = [
    range.min !== undefined ? `(fa.answers ->> ${key})::numeric >= ${add(range.min, 'numeric')}` : '',
    range.max !== undefined ? `(fa.answers ->> ${key})::numeric <= ${add(range.max, 'numeric')}` : '',
  ].filter((condition) => condition.length > 0);
  return `EXISTS (SELECT 1 FROM contribution_answers fa WHERE fa.contribution_id = ${contributionId}
            AND jsonb_typeof(fa.answers -> ${key}) = 'number'${bounds.map((bound) => ` AND ${bound}`).join('')})`;
}

/**
 * What is wrong with answer filters, given the type each question key has in the project (any
 * category, any version: `storedKeyTypes`): an unknown question, a free-text question (its
 * answers are not a fixed list), a range on a choice, option keys for a number, an empty list or
 * a range whose minimum is above its maximum. Empty when the filters fit.
 */
export function answerFilterProblems(
  filters: readonly AnswerFilter[],
  types: ReadonlyMap<string, FollowUpQuestionType>,
): string[] {
  const problems: string[] = [];
  for (const filter of filters) {
    const type = types.get(filter.question);
    const anyOf = 'anyOf' in filter ? filter.anyOf : undefined;
    const range = filter as { min?: number; max?: number };
    if (type === undefined) problems.push(`there is no question "${filter.question}" in this project`);
    else if (type === 'text')
      problems.push(`"${filter.question}" is answered in free text, which cannot be filtered on`);
    else if (anyOf?.length === 0) problems.push(`give at least one value for "${filter.question}"`);
    else if (type === 'single' || type === 'multiple') {
      if (!anyOf || anyOf.some((value) => typeof value !== 'string'))
        problems.push(`"${filter.question}" is a choice: give option keys, e.g. ${filter.question}:a,b`);
    } else if (anyOf?.some((value) => typeof value !== 'number'))
      problems.push(`"${filter.question}" is answered with a number: give numbers or a range min..max`);
    else if (!anyOf && range.min !== undefined && range.max !== undefined && range.min > range.max)
      problems.push(`the range of "${filter.question}" starts above its end`);
  }
  return problems;
}
