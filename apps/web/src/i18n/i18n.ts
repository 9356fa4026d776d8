import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserStorage } from '../lib/storage.ts';
import {
  FALLBACK_LANGUAGES,
  LANGUAGE_STORAGE_KEY,
  matchUiLanguage,
  resolveLanguage,
  textDirection,
  type UiLanguage,
} from './language.ts';
import { resources } from './resources.ts';

/** The language asked for by the address's `?lang=`, if it names one the app has. */
export function languageFromAddress(search: string): UiLanguage | null {
  return matchUiLanguage(new URLSearchParams(search).get('lang'));
}

function applyToDocument(language: string) {
  document.documentElement.lang = language;
  document.documentElement.dir = textDirection(language);
}

/**
 * Starts i18next in the language the page should open in and keeps `<html lang dir>` and the
 * remembered choice in step with every later change.
 */
export function startI18n(): i18n {
  const storage = browserStorage();
  const language = resolveLanguage({
    query: new URLSearchParams(window.location.search).get('lang'),
    stored: storage.getItem(LANGUAGE_STORAGE_KEY),
    preferred: navigator.languages ?? [navigator.language],
  });

  const instance = i18next.createInstance();
  instance.on('languageChanged', (next) => {
    applyToDocument(next);
    storage.setItem(LANGUAGE_STORAGE_KEY, next);
  });
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    // Staff pages and keys added late are missing in some languages: English, then bokmål.
    fallbackLng: FALLBACK_LANGUAGES,
    supportedLngs: Object.keys(resources),
    interpolation: { escapeValue: false }, // React escapes what it renders.
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(language);
  // Remember an explicit ?lang= too, so the next page opened without it keeps the language.
  storage.setItem(LANGUAGE_STORAGE_KEY, language);
  return instance;
}
