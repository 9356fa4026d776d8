import { describe, expect, it } from 'vitest';
import { langIfDifferent, textInLanguage } from './project-text.ts';

const title = { nb: 'Kartlegging', en: 'Mapping' };

describe('textInLanguage', () => {
  it('gives the text in the reader’s language when there is one', () => {
    expect(textInLanguage(title, 'en')).toEqual({ text: 'Mapping', lang: 'en' });
  });

  it('falls back to English, then bokmål, and says so', () => {
    expect(textInLanguage(title, 'ar')).toEqual({ text: 'Mapping', lang: 'en' });
    expect(textInLanguage({ nb: 'Kartlegging' }, 'ar')).toEqual({ text: 'Kartlegging', lang: 'nb' });
  });

  it('follows the project’s own order', () => {
    expect(textInLanguage({ ...title, nn: 'Kartlegging (nn)' }, 'so', ['nn', 'en'])).toEqual({
      text: 'Kartlegging (nn)',
      lang: 'nn',
    });
  });

  it('takes any language when neither the reader’s nor a fallback has a text', () => {
    expect(textInLanguage({ sv: 'Kartläggning' }, 'ar')).toEqual({ text: 'Kartläggning', lang: 'sv' });
  });

  it('gives an empty text without a language for a missing text', () => {
    expect(textInLanguage(undefined, 'nb')).toEqual({ text: '', lang: undefined });
  });
});

describe('langIfDifferent', () => {
  it('marks a fallback text with its language', () => {
    expect(langIfDifferent({ text: 'Kartlegging', lang: 'nb' }, 'ar')).toBe('nb');
  });

  it('leaves a text in the page’s language unmarked', () => {
    expect(langIfDifferent({ text: 'Mapping', lang: 'en' }, 'en')).toBeUndefined();
    expect(langIfDifferent({ text: 'Mapping', lang: 'en' }, 'en-GB')).toBeUndefined();
  });
});
