import type { LanguageTag } from '@nabolag/schema';
import { RIGHT_TO_LEFT_LANGUAGES } from '@nabolag/schema/plain';

/**
 * Languages with complete locale files: every page, the staff pages included. The first is the
 * default. A unit test holds nn and en to exactly nb's keys.
 */
export const COMPLETE_LANGUAGES = ['nb', 'nn', 'en'] as const satisfies readonly LanguageTag[];

/**
 * Languages translated for residents: every page a resident sees (the project list, the map,
 * "My places", the privacy notice, the accessibility statement, errors). The staff pages are not
 * translated into them and fall back to English, then bokmål (see `FALLBACK_LANGUAGES`). Chosen
 * for the languages most spoken in Torstrand besides Norwegian.
 */
export const RESIDENT_LANGUAGES = ['ar', 'pl', 'so', 'ti', 'uk'] as const satisfies readonly LanguageTag[];

/** Every language the interface offers, in the order of the language menu. */
export const UI_LANGUAGES = [...COMPLETE_LANGUAGES, ...RESIDENT_LANGUAGES] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: UiLanguage = 'nb';

/**
 * Where i18next looks for a text a language lacks: nynorsk readers read bokmål best; everyone
 * else gets English, then bokmål (the reference, which has every key).
 */
export const FALLBACK_LANGUAGES = {
  nn: ['nb', 'en'],
  nb: ['en'],
  default: ['en', 'nb'],
} as const satisfies Record<string, readonly UiLanguage[]>;

/** Where the reader's choice is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'nabolag:language';

/**
 * Language names in themselves (endonyms) that browsers cannot be relied on for: the interface's
 * own languages, written as the language menu shows them whatever the browser's ICU data, and
 * Northern Sami, which browsers with trimmed ICU data (some Android WebViews) name only by its
 * code. Capitalised as a menu item is in each language.
 */
const NATIVE_NAMES: Readonly<Record<string, string>> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  en: 'English',
  ar: 'العربية',
  pl: 'Polski',
  so: 'Soomaali',
  ti: 'ትግርኛ',
  uk: 'Українська',
  se: 'Davvisámegiella',
};

/**
 * A language's name in itself ("Norsk bokmål", "Soomaali", "العربية"), for every list of
 * languages, the residents' menu and the staff pages alike: never translated, so that a reader
 * who lands in a language they cannot read still finds their own, and one language is never
 * "Somali" in one list and "Soomaali" in another. From the table above, else the browser's
 * `Intl.DisplayNames` in that same language (first letter capitalised), else the tag.
 */
export function nativeLanguageName(tag: string): string {
  const known = NATIVE_NAMES[tag];
  if (known) return known;
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language', fallback: 'none' }).of(tag);
    if (name) return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    // Not a tag the browser knows at all (RangeError): the tag itself below.
  }
  return tag;
}

/** Each interface language's name in itself, in the order of the language menu. */
export const LANGUAGE_NAMES = Object.fromEntries(
  UI_LANGUAGES.map((language) => [language, nativeLanguageName(language)]),
) as Record<UiLanguage, string>;

const isUiLanguage = (value: string): value is UiLanguage =>
  (UI_LANGUAGES as readonly string[]).includes(value);

/** Whether `language` has every key, the staff pages' included. */
export const isCompleteLanguage = (language: string): boolean =>
  (COMPLETE_LANGUAGES as readonly string[]).includes(language);

/**
 * Maps a tag from a link or a browser (`nb`, `nb-NO`, `NN`, `en_GB`, `no`, `ar-SY`) to an
 * interface language, or `null` when there is no locale file for it. Plain `no` (Norwegian)
 * means bokmål, as browsers set it for most Norwegian readers.
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
