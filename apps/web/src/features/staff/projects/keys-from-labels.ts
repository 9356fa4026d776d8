import type { LocalizedText } from '@nabolag/schema';
import { suggestQuestionKey } from './follow-up-editing.ts';
import { suggestCategoryKey } from './project-form.ts';

/**
 * Machine keys (a category's `key`, a follow-up question's or option's `key`) made from what staff
 * write: the label, so that nobody has to invent `question_1` or read it in an export. They are
 * shown under "Advanced" and can be edited there; once edited, or once stored (a category's key
 * is then fixed, a question's is a GIS column), they no longer follow the label.
 */
export type KeyKind = 'category' | 'question' | 'option';

const LIMITS: Record<KeyKind, { slug: (label: string) => string; separator: string; max: number }> = {
  category: { slug: suggestCategoryKey, separator: '-', max: 63 },
  question: { slug: suggestQuestionKey, separator: '_', max: 40 },
  option: { slug: suggestQuestionKey, separator: '_', max: 40 },
};

/** Placeholders an earlier editor gave new questions and options: they follow the label too. */
const PLACEHOLDER = /^(question|option)_[0-9]+$/;

/**
 * The labels a key may be made from, in order: the project's main language, bokmål, then every
 * offered language (a project run in English first).
 */
function labelsForKey(
  labels: LocalizedText | undefined,
  defaultLanguage: string,
  languages: readonly string[],
) {
  if (!labels) return [];
  return [...new Set([defaultLanguage, 'nb', ...languages])]
    .map((language) => labels[language]?.trim() ?? '')
    .filter((label) => label.length > 0);
}

/**
 * `base`, or `base` with the first free number (`motesteder-2`, `hvor_ofte_2`) when another key
 * has it already; kept within the key's length. Empty when `base` is.
 */
export function uniqueKey(base: string, taken: readonly string[], kind: KeyKind): string {
  if (!base) return '';
  const { separator, max } = LIMITS[kind];
  if (!taken.includes(base)) return base;
  for (let number = 2; ; number += 1) {
    const suffix = `${separator}${number}`;
    const candidate = `${base.slice(0, max - suffix.length).replace(/[-_]+$/, '')}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** The key the labels suggest: slugified ("Møtesteder" → `motesteder`) and unique among `taken`. */
export function keyFromLabels(
  labels: LocalizedText | undefined,
  kind: KeyKind,
  context: { defaultLanguage: string; languages: readonly string[]; taken: readonly string[] },
): string {
  // The first label that makes a key: an Arabic or Tigrinya label alone makes none.
  const base = labelsForKey(labels, context.defaultLanguage, context.languages)
    .map(LIMITS[kind].slug)
    .find((slug) => slug.length > 0);
  return base ? uniqueKey(base, context.taken, kind) : '';
}

/**
 * The key after the labels changed from `before` to `after`: made from the new labels while the
 * key is still what the old labels made (or empty, or a placeholder); otherwise left as staff set
 * it. A label that makes no key (only non-Latin letters) leaves the key as it is.
 */
export function keyAfterLabelChange(
  key: string,
  before: LocalizedText | undefined,
  after: LocalizedText,
  kind: KeyKind,
  context: { defaultLanguage: string; languages: readonly string[]; taken: readonly string[] },
): string {
  const follows = key === '' || PLACEHOLDER.test(key) || key === keyFromLabels(before, kind, context);
  if (!follows) return key;
  return keyFromLabels(after, kind, context) || key;
}
