import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserStorage } from '../lib/storage.ts';
import {
  FALLBACK_LANGUAGES,
  LANGUAGE_STORAGE_KEY,
  matchUiLanguage,
  resolveLanguage,
  textDirection,
  UI_LANGUAGES,
  type UiLanguage,
} from './language.ts';
import { localeBackend } from './locale-loader.ts';

/** The language asked for by the address's `?lang=`, if it names one the app has. */
export function languageFromAddress(search: string): UiLanguage | null {
  return matchUiLanguage(new URLSearchParams(search).get('lang'));
}

function applyToDocument(language: string) {
  document.documentElement.lang = language;
  document.documentElement.dir = textDirection(language);
}

/** The language the page opens in: `?lang=`, then the remembered choice, then the browser's. */
export function pageLanguage(): UiLanguage {
  return resolveLanguage({
    query: new URLSearchParams(window.location.search).get('lang'),
    stored: browserStorage().getItem(LANGUAGE_STORAGE_KEY),
    preferred: navigator.languages ?? [navigator.language],
  });
}

/**
 * Starts i18next in the language the page should open in and keeps `<html lang dir>` and the
 * remembered choice in step with every later change. Resolves once that language's texts and
 * its fallbacks' have loaded (each locale file is a chunk of its own, see locale-loader.ts).
 */
export async function startI18n(): Promise<i18n> {
  const storage = browserStorage();
  const language = pageLanguage();

  // At once, not after the texts have loaded: the reader may leave the page before that.
  applyToDocument(language);
  // Remember an explicit ?lang= too, so the next page opened without it keeps the language.
  storage.setItem(LANGUAGE_STORAGE_KEY, language);

  const instance = i18next.createInstance();
  instance.on('languageChanged', (next) => {
    applyToDocument(next);
    storage.setItem(LANGUAGE_STORAGE_KEY, next);
  });
  await instance
    .use(localeBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      // Staff pages and keys added late are missing in some languages: English, then bokmål.
      fallbackLng: FALLBACK_LANGUAGES,
      supportedLngs: [...UI_LANGUAGES],
      interpolation: { escapeValue: false }, // React escapes what it renders.
      returnNull: false,
    });
  return instance;
}
