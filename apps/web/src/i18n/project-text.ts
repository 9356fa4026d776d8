import type { LocalizedText } from '@nabolag/schema';

/** A project's text in one language, and which language that is (for the `lang` attribute). */
export interface TextInLanguage {
  text: string;
  /** The language tag of `text`; `undefined` when `text` is empty. */
  lang: string | undefined;
}

/**
 * Like `pickText` of `@nabolag/schema` (the same order: the reader's language, its primary
 * subtag, then bokmål, English, then any), but also says which language was found. A project's
 * texts are written by its staff in a few languages only; when an Arabic reader gets the
 * bokmål title, the page marks it `lang="nb"` so that a screen reader pronounces it as
 * Norwegian (WCAG 3.1.2, language of parts).
 */
export function textInLanguage(
  text: LocalizedText | undefined,
  language: string,
  fallbacks: readonly string[] = ['nb', 'en'],
): TextInLanguage {
  if (!text) return { text: '', lang: undefined };
  for (const tag of [language, language.split('-')[0] ?? language, ...fallbacks]) {
    const value = text[tag];
    if (value) return { text: value, lang: tag };
  }
  const found = Object.entries(text).find(([, value]) => value.length > 0);
  return found ? { text: found[1], lang: found[0] } : { text: '', lang: undefined };
}

/** The `lang` attribute for a text in `found` shown on a page in `pageLanguage`: only when they differ. */
export const langIfDifferent = (found: TextInLanguage, pageLanguage: string): string | undefined =>
  found.lang && found.lang !== pageLanguage ? found.lang : undefined;
