import { pickTextInLanguage, type TextInLanguage } from '@nabolag/schema/plain';

export type { TextInLanguage };

/**
 * A project's text in the reader's language, else along the fallback order (a project's
 * `textFallback`; without one English, then bokmål), and which language was found: the same
 * choice as `pickText` of `@nabolag/schema`. A project's texts are written by its staff in a few
 * languages only; when an Arabic reader gets the English title, the page marks it `lang="en"` so
 * that a screen reader pronounces it as English (WCAG 3.1.2, language of parts).
 */
export const textInLanguage = pickTextInLanguage;

/** The `lang` attribute for a text in `found` shown on a page in `pageLanguage`: only when they differ. */
export const langIfDifferent = (found: TextInLanguage, pageLanguage: string): string | undefined =>
  found.lang && found.lang !== (pageLanguage.split('-')[0] ?? pageLanguage) && found.lang !== pageLanguage
    ? found.lang
    : undefined;
