import type { AnswerFilter } from '@nabolag/schema';

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
