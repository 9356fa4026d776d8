import { z } from 'zod';

/** A BCP 47 language tag as used in `?lang=` and locale files: `nb`, `nn`, `en`, `ar`, `pt-BR`. */
export const languageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'language must be a tag such as nb, nn, en or ar');
export type LanguageTag = z.infer<typeof languageTagSchema>;

/** Text in several languages, keyed by language tag: `{ nb: "Møtesteder", en: "Meeting places" }`. */
export const localizedTextSchema = z.record(languageTagSchema, z.string().max(10_000));
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Languages written right to left; the web app sets `dir="rtl"` for them. */
export const RIGHT_TO_LEFT_LANGUAGES: readonly string[] = ['ar', 'fa', 'he', 'ur', 'ps', 'ckb'];

/**
 * Picks the text for `language`, falling back through `fallbacks` and then to any text at all,
 * so that a prompt missing in one language is shown in another rather than left blank.
 */
export function pickText(
  text: LocalizedText | undefined,
  language: string,
  fallbacks: readonly string[] = ['nb', 'en'],
): string {
  if (!text) return '';
  for (const tag of [language, language.split('-')[0] ?? language, ...fallbacks]) {
    const value = text[tag];
    if (value) return value;
  }
  return Object.values(text).find((value) => value.length > 0) ?? '';
}
