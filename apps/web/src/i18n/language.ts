import { type LanguageTag, RIGHT_TO_LEFT_LANGUAGES } from '@nabolag/schema';

/** Languages the interface has complete locale files for; the first is the default. */
export const UI_LANGUAGES = ['nb', 'nn', 'en'] as const satisfies readonly LanguageTag[];
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: UiLanguage = 'nb';

/** Where the reader's choice is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'nabolag:language';

/** Each language's name in itself, for the language menu (never translated). */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  en: 'English',
};

const isUiLanguage = (value: string): value is UiLanguage =>
  (UI_LANGUAGES as readonly string[]).includes(value);

/**
 * Maps a tag from a link or a browser (`nb`, `nb-NO`, `NN`, `en_GB`, `no`) to an interface
 * language, or `null` when there is no locale file for it. Plain `no` (Norwegian) means bokmål,
 * as browsers set it for most Norwegian readers.
 */
export function matchUiLanguage(tag: string | null | undefined): UiLanguage | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'no') return 'nb';
  return isUiLanguage(primary) ? primary : null;
}

export interface LanguageSources {
  /** The `lang` query parameter of the page's address, if any. */
  query: string | null;
  /** What was remembered from an earlier visit, if anything. */
  stored: string | null;
  /** The browser's preferred languages, most preferred first (`navigator.languages`). */
  preferred: readonly string[];
}

/**
 * The language to show: an explicit `?lang=` wins (outreach links open in the reader's
 * language), then the remembered choice, then the browser's preferences, then bokmål.
 */
export function resolveLanguage({ query, stored, preferred }: LanguageSources): UiLanguage {
  return (
    matchUiLanguage(query) ??
    matchUiLanguage(stored) ??
    preferred.map(matchUiLanguage).find((language) => language !== null) ??
    DEFAULT_LANGUAGE
  );
}

/** `rtl` for the languages the schema lists as written right to left, otherwise `ltr`. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return RIGHT_TO_LEFT_LANGUAGES.includes(primary) ? 'rtl' : 'ltr';
}
