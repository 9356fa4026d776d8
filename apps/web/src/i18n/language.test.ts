import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_NAMES,
  matchUiLanguage,
  nativeLanguageName,
  resolveLanguage,
  textDirection,
  UI_LANGUAGES,
} from './language.ts';

describe('matchUiLanguage', () => {
  it('accepts region and case variants of a supported language', () => {
    expect(matchUiLanguage('nn-NO')).toBe('nn');
    expect(matchUiLanguage('EN_gb')).toBe('en');
  });

  it('accepts the languages translated for residents', () => {
    expect(matchUiLanguage('ar-SY')).toBe('ar');
    expect(matchUiLanguage('pl')).toBe('pl');
    expect(matchUiLanguage('so-SO')).toBe('so');
    expect(matchUiLanguage('ti-ER')).toBe('ti');
    expect(matchUiLanguage('uk-UA')).toBe('uk');
  });

  it('reads plain Norwegian as bokmål', () => {
    expect(matchUiLanguage('no')).toBe('nb');
  });

  it('returns null for a language without a locale file', () => {
    expect(matchUiLanguage('sv')).toBeNull();
    expect(matchUiLanguage('')).toBeNull();
  });
});

describe('resolveLanguage', () => {
  it('prefers the ?lang= of the address over a remembered choice', () => {
    expect(resolveLanguage({ query: 'en', stored: 'nn', preferred: ['nb'] })).toBe('en');
  });

  it('uses the remembered choice when the address has no usable ?lang=', () => {
    expect(resolveLanguage({ query: 'xx', stored: 'nn', preferred: ['en'] })).toBe('nn');
  });

  it('uses the first supported browser language when nothing was chosen', () => {
    expect(resolveLanguage({ query: null, stored: null, preferred: ['de-DE', 'en-US', 'nb'] })).toBe('en');
  });

  it('falls back to bokmål', () => {
    expect(resolveLanguage({ query: null, stored: null, preferred: ['sv', 'de'] })).toBe('nb');
  });
});

describe('nativeLanguageName', () => {
  it('names every language in itself, Northern Sami too', () => {
    expect(nativeLanguageName('nb')).toBe('Norsk bokmål');
    expect(nativeLanguageName('so')).toBe('Soomaali');
    expect(nativeLanguageName('se')).toBe('Davvisámegiella');
    expect(nativeLanguageName('ar')).toBe('العربية');
  });

  it('asks the browser for languages outside its table, capitalised', () => {
    expect(nativeLanguageName('de')).toBe('Deutsch');
    expect(nativeLanguageName('fr')).toBe('Français');
    expect(nativeLanguageName('lt')).toBe('Lietuvių');
  });

  it('falls back to the tag for one nobody knows', () => {
    expect(nativeLanguageName('qqq')).toBe('qqq');
  });
});

describe('LANGUAGE_NAMES', () => {
  it.each(UI_LANGUAGES)('writes %s in itself, as the Unicode CLDR names it', (language) => {
    const endonym = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? '';
    expect(LANGUAGE_NAMES[language].toLocaleLowerCase(language)).toBe(endonym.toLocaleLowerCase(language));
  });
});

describe('textDirection', () => {
  it('is rtl for Arabic with or without a region', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('ar-EG')).toBe('rtl');
  });

  it('is ltr for Norwegian', () => {
    expect(textDirection('nb')).toBe('ltr');
  });
});
