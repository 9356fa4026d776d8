/**
 * Which keys a locale file must have, by language. Shared by the locale test; the script
 * `apps/web/scripts/missing-translations.mjs` applies the same rules (keep them in step).
 */

/** The namespace of the staff pages, which only the complete languages (nb, nn, en) translate. */
export const STAFF_NAMESPACE = 'staff';

/** i18next's plural suffixes (`_one`, `_other`, …), as Intl.PluralRules names the categories. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every text of a nested locale object as `[dotted.key, text]`. */
export function flatten(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

/** A key without its plural suffix: `project.placesCount_few` → `project.placesCount`. */
export const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');

/** The plural category of a key (`few`), or `null` when it is not a plural form. */
export const pluralCategory = (key: string): string | null => PLURAL_SUFFIX.exec(key)?.[1] ?? null;

/** Whether a resident sees the key somewhere (every key except the staff pages'). */
export const isResidentKey = (key: string): boolean =>
  key !== STAFF_NAMESPACE && !key.startsWith(`${STAFF_NAMESPACE}.`);

/** The `{{variables}}` and `<tags>` of a text, sorted: a translation must keep them. */
export function placeholders(text: string): string[] {
  const variables = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => `{{${match[1]}}}`);
  const tags = [...text.matchAll(/<(\w+)>/g)].map((match) => `<${match[1]}>`);
  return [...new Set([...variables, ...tags])].sort();
}
