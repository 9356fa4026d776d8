import { describe, expect, it } from 'vitest';
import { pickText } from './plain.ts';

describe('pickText', () => {
  const text = { nb: 'Møtesteder', en: 'Meeting places' };

  it('picks the requested language', () => {
    expect(pickText(text, 'en')).toBe('Meeting places');
  });

  it('falls back to Norwegian Bokmål, then English, for a language the project lacks', () => {
    expect(pickText(text, 'ar')).toBe('Møtesteder');
    expect(pickText({ en: 'Meeting places' }, 'nn')).toBe('Meeting places');
  });

  it('uses the base language of a regional tag', () => {
    expect(pickText({ pt: 'Locais' }, 'pt-BR')).toBe('Locais');
  });

  it('falls back to any text rather than none', () => {
    expect(pickText({ so: 'Meelaha' }, 'nb')).toBe('Meelaha');
    expect(pickText(undefined, 'nb')).toBe('');
  });
});
