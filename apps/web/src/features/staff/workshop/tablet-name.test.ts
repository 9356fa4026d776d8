import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { tabletLetter } from '../../../lib/tablet-letter.ts';
import { tabletLabel, tabletName } from './tablet-name.ts';

// A translation function that shows which key and letter were asked for.
const t = ((key: string, options?: { letter?: string }) => `${key}:${options?.letter ?? ''}`) as TFunction;

describe('tablet names', () => {
  it('letters tablets A to Z, then AA, AB … like spreadsheet columns', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(tabletLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('uses the facilitator’s name, else the default name with the letter', () => {
    expect(tabletName({ name: 'Vindusbordet', ordinal: 2 }, t)).toBe('Vindusbordet');
    expect(tabletName({ name: null, ordinal: 2 }, t)).toBe('staff.workshops.tabletDefault:B');
  });

  it('puts the table before the name, and leaves it out when there is none', () => {
    expect(tabletLabel({ name: 'Vindusbordet', ordinal: 1, group: 'Bord 2' }, t)).toBe(
      'Bord 2 · Vindusbordet',
    );
    expect(tabletLabel({ name: null, ordinal: 1, group: null }, t)).toBe('staff.workshops.tabletDefault:A');
  });
});
