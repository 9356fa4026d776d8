import { describe, expect, it } from 'vitest';
import { keyAfterLabelChange, keyFromLabels, uniqueKey } from './keys-from-labels.ts';

const context = { defaultLanguage: 'nb', languages: ['nb', 'en', 'ar'], taken: [] as string[] };

describe('keys from labels', () => {
  it('slugifies the main language’s label, Norwegian letters spelt out', () => {
    expect(keyFromLabels({ nb: 'Møtesteder', en: 'Meeting places' }, 'category', context)).toBe('motesteder');
    expect(keyFromLabels({ nb: 'Hvor ofte er du her?' }, 'question', context)).toBe('hvor_ofte_er_du_her');
    expect(keyFromLabels({ nb: 'Én gang i uka' }, 'option', context)).toBe('en_gang_i_uka');
  });

  it('takes the first written label when the main language has none', () => {
    expect(keyFromLabels({ ar: 'أماكن', en: 'Parks' }, 'category', context)).toBe('parks');
    expect(keyFromLabels({ en: 'Parks' }, 'category', context)).toBe('parks');
  });

  it('numbers a key another one has already', () => {
    expect(uniqueKey('motesteder', ['motesteder'], 'category')).toBe('motesteder-2');
    expect(uniqueKey('daglig', ['daglig', 'daglig_2'], 'option')).toBe('daglig_3');
    expect(uniqueKey('a'.repeat(40), ['a'.repeat(40)], 'question')).toBe(`${'a'.repeat(38)}_2`);
  });

  it('follows the label while the key is what the label made, a placeholder or empty', () => {
    expect(keyAfterLabelChange('', {}, { nb: 'Lekeplasser' }, 'category', context)).toBe('lekeplasser');
    expect(keyAfterLabelChange('question_1', {}, { nb: 'Hvem?' }, 'question', context)).toBe('hvem');
    expect(
      keyAfterLabelChange('motested', { nb: 'Møtested' }, { nb: 'Møtesteder' }, 'category', context),
    ).toBe('motesteder');
  });

  it('keeps a key staff chose, and one no label can make', () => {
    expect(
      keyAfterLabelChange('meeting-places', { nb: 'Møtesteder' }, { nb: 'Møteplasser' }, 'category', context),
    ).toBe('meeting-places');
    expect(keyAfterLabelChange('question_2', {}, { nb: 'مرحبا' }, 'question', context)).toBe('question_2');
  });
});
