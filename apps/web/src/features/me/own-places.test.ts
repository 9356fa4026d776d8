import type { Category } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { answersNotCleared, categoriesFor, photoAddress } from './own-places.ts';

const category = (key: string, geometryTypes: Category['geometryTypes']): Category => ({
  key,
  labels: { nb: key },
  prompts: { nb: key },
  geometryTypes,
  colour: '#336699',
});

describe('categoriesFor', () => {
  it('offers only categories that take the geometry the participant drew', () => {
    const categories = [
      category('a', ['Point']),
      category('b', ['LineString']),
      category('c', ['Point', 'Polygon']),
    ];
    const point = { geometry: { type: 'Point' as const, coordinates: [10, 59] as [number, number] } };
    expect(categoriesFor(point, categories).map((found) => found.key)).toEqual(['a', 'c']);
  });
});

describe('photoAddress', () => {
  it('is the stored address until the photo is replaced, then a fresh one', () => {
    expect(photoAddress('/api/contributions/x/photo', 0)).toBe('/api/contributions/x/photo');
    expect(photoAddress('/api/contributions/x/photo', 2)).toBe('/api/contributions/x/photo?v=2');
  });
});

describe('answersNotCleared', () => {
  it('names answers that were blanked but are still stored', () => {
    expect(
      answersNotCleared({ ageBand: '30-44', relation: ['lives'], yearsInArea: 3 }, { relation: ['visitor'] }),
    ).toEqual(['ageBand', 'yearsInArea']);
  });

  it('is empty when nothing stored was blanked', () => {
    expect(answersNotCleared({ relation: ['lives'] }, { ageBand: '18-29', relation: ['lives'] })).toEqual([]);
  });
});
