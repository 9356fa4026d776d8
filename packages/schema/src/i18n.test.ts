import { describe, expect, it } from 'vitest';
import { pickText, pickTextInLanguage, projectTextFallback } from './plain.ts';

describe('pickText', () => {
  const text = { nb: 'Møtesteder', en: 'Meeting places' };

  it('picks the requested language', () => {
    expect(pickText(text, 'en')).toBe('Meeting places');
  });

  it('falls back to English, then Norwegian Bokmål, for a language the project lacks', () => {
    expect(pickText(text, 'ar')).toBe('Meeting places');
    expect(pickText({ nb: 'Møtesteder' }, 'ar')).toBe('Møtesteder');
    expect(pickText({ en: 'Meeting places' }, 'nn')).toBe('Meeting places');
  });

  it('follows a project’s own fallback order', () => {
    const order = projectTextFallback({ textFallback: ['nn', 'nb'], defaultLanguage: 'nb' });
    expect(pickTextInLanguage(text, 'so', order)).toEqual({ text: 'Møtesteder', lang: 'nb' });
    expect(pickTextInLanguage({ ...text, nn: 'Møtestader' }, 'so', order)).toEqual({
      text: 'Møtestader',
      lang: 'nn',
    });
  });

  it('defaults to English, then the project’s main language', () => {
    expect(projectTextFallback({ defaultLanguage: 'nn' })).toEqual(['en', 'nn']);
    expect(projectTextFallback({ textFallback: [], defaultLanguage: 'en' })).toEqual(['en']);
    expect(projectTextFallback({ textFallback: null, defaultLanguage: 'nb' })).toEqual(['en', 'nb']);
  });

  it('uses the base language of a regional tag', () => {
    expect(pickText({ pt: 'Locais' }, 'pt-BR')).toBe('Locais');
  });

  it('falls back to any text rather than none', () => {
    expect(pickText({ so: 'Meelaha' }, 'nb')).toBe('Meelaha');
    expect(pickText(undefined, 'nb')).toBe('');
  });
});
