import type { BackendModule, ResourceKey } from 'i18next';
import { FALLBACK_LANGUAGES, type UiLanguage } from './language.ts';

/**
 * Each locale file as a chunk of its own: a page downloads its language and that language's
 * fallbacks (`FALLBACK_LANGUAGES`: bokmål readers get nb and en), not all eight files
 * (about 440 kB before compression). The service worker precaches every chunk, so switching
 * language works offline too.
 */
const LOCALE_FILES: Record<UiLanguage, () => Promise<{ default: ResourceKey }>> = {
  nb: () => import('./locales/nb.json'),
  nn: () => import('./locales/nn.json'),
  en: () => import('./locales/en.json'),
  ar: () => import('./locales/ar.json'),
  pl: () => import('./locales/pl.json'),
  so: () => import('./locales/so.json'),
  ti: () => import('./locales/ti.json'),
  uk: () => import('./locales/uk.json'),
};

/** Loads one language's texts; rejects for a language without a locale file. */
export async function loadLocale(language: string): Promise<ResourceKey> {
  const load = Object.hasOwn(LOCALE_FILES, language) ? LOCALE_FILES[language as UiLanguage] : undefined;
  if (!load) throw new Error(`no locale file for "${language}"`);
  return (await load()).default;
}

/** The languages i18next needs to show `language`: itself, then its fallbacks. */
export function languagesFor(language: UiLanguage): UiLanguage[] {
  const fallbacks: readonly UiLanguage[] =
    language === 'nb' || language === 'nn' ? FALLBACK_LANGUAGES[language] : FALLBACK_LANGUAGES.default;
  return [language, ...fallbacks.filter((fallback) => fallback !== language)];
}

/**
 * Starts downloading the texts `language` needs, without waiting: a later `loadLocale` of the
 * same file gets the same download (the browser imports a module once).
 */
export function preloadLocales(language: UiLanguage): void {
  for (const needed of languagesFor(language)) loadLocale(needed).catch(() => undefined);
}

/**
 * An i18next backend over `loadLocale`: i18next asks it for the page's language and its
 * fallbacks at start and before every language change, so `changeLanguage` resolves once the
 * texts are there. A chunk that fails to load (offline before the service worker has cached it)
 * leaves i18next with the fallbacks it has.
 */
export const localeBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    loadLocale(language).then(
      (texts) => callback(null, texts),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};
