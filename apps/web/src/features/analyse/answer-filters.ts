import {
  type AnswerFilter,
  answerFilterSchema,
  type Category,
  type FollowUpQuestion,
  MAX_ANSWER_FILTERS,
  pickText,
} from '@nabolag/schema';

/**
 * Filters on follow-up answers in the analysis ("meeting places visited daily"). A filter is kept
 * as the API's text, `how_often:daily,weekly` or `safe:4..5`, so the address, the API query
 * (`answer=…;…`) and the view state are one and the same.
 */

/** A question the analysis can filter on: choices, scales and numbers (free text is not a list). */
export type FilterableQuestion = Exclude<FollowUpQuestion, { type: 'text' }>;

/**
 * The filterable questions of the chosen categories (every category when none is chosen), once
 * per key, in the order the categories and their questions come.
 */
export function filterableQuestions(
  categories: readonly Category[],
  chosen: readonly string[],
): FilterableQuestion[] {
  const questions = new Map<string, FilterableQuestion>();
  for (const category of categories) {
    if (chosen.length > 0 && !chosen.includes(category.key)) continue;
    for (const question of category.questions ?? [])
      if (question.type !== 'text' && !questions.has(question.key)) questions.set(question.key, question);
  }
  return [...questions.values()];
}

/** The values of a filter on choices or exact numbers; undefined for a range. */
const valuesOf = (filter: AnswerFilter): Array<string | number> | undefined =>
  'anyOf' in filter ? filter.anyOf : undefined;

/** The filter a text describes, or null when it is not one. */
export function parseAnswerFilter(text: string): AnswerFilter | null {
  const parsed = answerFilterSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
}

/** Answer filters from the address (`a:b;c:1..2`): the valid ones, one per question, at most 10. */
export function answerFiltersFromText(text: string | null): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const part of text.split(';')) {
    const filter = parseAnswerFilter(part.trim());
    if (!filter || seen.has(filter.question)) continue;
    if (valuesOf(filter)?.length === 0) continue;
    seen.add(filter.question);
    kept.push(part.trim());
  }
  return kept.slice(0, MAX_ANSWER_FILTERS);
}

const questionOf = (text: string) => text.slice(0, text.indexOf(':'));

/** The current filter on `question`, parsed, or null. */
export function filterOn(filters: readonly string[], question: string): AnswerFilter | null {
  const text = filters.find((filter) => questionOf(filter) === question);
  return text ? parseAnswerFilter(text) : null;
}

/** The option keys chosen for a choice question (none: not filtered). */
export function chosenOptions(filters: readonly string[], question: string): string[] {
  const filter = filterOn(filters, question);
  return filter ? (valuesOf(filter) ?? []).map(String) : [];
}

/** The range chosen for a scale or number question; null ends are open. */
export function chosenRange(
  filters: readonly string[],
  question: string,
): { min: number | null; max: number | null } {
  const filter = filterOn(filters, question);
  if (!filter) return { min: null, max: null };
  const values = valuesOf(filter);
  if (values) {
    const numbers = values.filter((value): value is number => typeof value === 'number');
    return numbers.length === 1
      ? { min: numbers[0] as number, max: numbers[0] as number }
      : { min: null, max: null };
  }
  const range = filter as { min?: number; max?: number };
  return { min: range.min ?? null, max: range.max ?? null };
}

/** `filters` with the filter on `question` replaced by `text` (null: removed), in question order. */
function replaced(filters: readonly string[], question: string, text: string | null): string[] {
  const others = filters.filter((filter) => questionOf(filter) !== question);
  return text ? [...others, text] : others;
}

/** Chooses these options of a choice question (an empty list removes its filter). */
export function withOptions(
  filters: readonly string[],
  question: string,
  options: readonly string[],
): string[] {
  return replaced(filters, question, options.length > 0 ? `${question}:${options.join(',')}` : null);
}

/** Sets the range of a scale or number question (both ends open removes its filter). */
export function withRange(
  filters: readonly string[],
  question: string,
  min: number | null,
  max: number | null,
): string[] {
  if (min === null && max === null) return replaced(filters, question, null);
  return replaced(filters, question, `${question}:${min ?? ''}..${max ?? ''}`);
}

/**
 * A filter in words for summaries: "How often are you here?: Daily, Weekly", "How safe…: 4–5",
 * "…: ≥ 4". Questions no category asks any more show their key.
 */
export function describeAnswerFilter(
  text: string,
  categories: readonly Category[],
  language: string,
): string {
  const filter = parseAnswerFilter(text);
  if (!filter) return text;
  const question = filterableQuestions(categories, []).find((candidate) => candidate.key === filter.question);
  const title = question ? pickText(question.labels, language) || filter.question : filter.question;
  const chosen = valuesOf(filter);
  if (chosen) {
    const options = question && 'options' in question ? question.options : [];
    const values = chosen.map((value) => {
      const option = options.find((candidate) => candidate.key === value);
      return option ? pickText(option.labels, language) || option.key : String(value);
    });
    return `${title}: ${values.join(', ')}`;
  }
  const range = filter as { min?: number; max?: number };
  const number = new Intl.NumberFormat(language);
  if (range.min !== undefined && range.max !== undefined)
    return `${title}: ${number.format(range.min)}–${number.format(range.max)}`;
  return range.min !== undefined
    ? `${title}: ≥ ${number.format(range.min)}`
    : `${title}: ≤ ${number.format(range.max as number)}`;
}
