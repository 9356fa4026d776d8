import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGES, UI_LANGUAGES } from './language.ts';
import { languagesFor, loadLocale, localeBackend } from './locale-loader.ts';
import en from './locales/en.json';
import nb from './locales/nb.json';
import pl from './locales/pl.json';

/** An i18next instance set up as `startI18n` sets it up: texts through the locale backend. */
async function translator(language: string) {
  const instance = i18next.createInstance();
  await instance.use(localeBackend).init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGES,
    supportedLngs: [...UI_LANGUAGES],
  });
  return instance;
}

describe('locale loader', () => {
  it('loads the page language and its fallbacks only', async () => {
    const instance = await translator('ar');
    for (const language of ['ar', 'en', 'nb'])
      expect(instance.hasResourceBundle(language, 'translation')).toBe(true);
    for (const language of ['nn', 'pl', 'so', 'ti', 'uk'])
      expect(instance.hasResourceBundle(language, 'translation')).toBe(false);
    // A staff text, not translated into Arabic, falls back to English.
    expect(instance.t('staff.loading')).toBe(en.staff.loading);
  });

  it('loads a language when the reader switches to it, before the switch', async () => {
    const instance = await translator('nb');
    expect(instance.t('contribute.send')).toBe(nb.contribute.send);
    await instance.changeLanguage('pl');
    expect(instance.language).toBe('pl');
    expect(instance.t('contribute.send')).toBe(pl.contribute.send);
  });

  it('names the languages a page needs in fallback order', () => {
    expect(languagesFor('nb')).toEqual(['nb', 'en']);
    expect(languagesFor('nn')).toEqual(['nn', 'nb', 'en']);
    expect(languagesFor('en')).toEqual(['en', 'nb']);
    expect(languagesFor('so')).toEqual(['so', 'en', 'nb']);
  });

  it('refuses a language without a locale file', async () => {
    await expect(loadLocale('de')).rejects.toThrow(/no locale file/);
    await expect(loadLocale('toString')).rejects.toThrow(/no locale file/);
  });
});
