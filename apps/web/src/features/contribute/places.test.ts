import type { Category, PublicContributionFeature } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { centreOfBounds, excerpt, placesByCategory, representativePosition } from './places.ts';

const category = (key: string): Category => ({
  key,
  labels: { nb: key },
  prompts: { nb: key },
  geometryTypes: ['Point'],
  colour: '#336699',
});

const feature = (id: string, key: string, created: string): PublicContributionFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [10, 59] },
  properties: { id, category: key, story: null, created, photo: null },
});

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('representativePosition', () => {
  it('is the point itself', () => {
    expect(representativePosition({ type: 'Point', coordinates: [10.1, 59.1] })).toEqual([10.1, 59.1]);
  });

  it('is the middle vertex of a line', () => {
    const line = {
      type: 'LineString' as const,
      coordinates: [
        [10, 59],
        [10.5, 59.5],
        [11, 60],
      ] as [number, number][],
    };
    expect(representativePosition(line)).toEqual([10.5, 59.5]);
  });

  it('is the mean of the corners of an area, the closing position left out', () => {
    const area = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [10, 59],
          [12, 59],
          [12, 61],
          [10, 61],
          [10, 59],
        ],
      ] as [number, number][][],
    };
    expect(representativePosition(area)).toEqual([11, 60]);
  });
});

describe('centreOfBounds', () => {
  it('is the middle of the box', () => {
    expect(centreOfBounds([10, 59, 11, 60])).toEqual([10.5, 59.5]);
  });
});

describe('excerpt', () => {
  it('keeps a short story whole, with its whitespace tidied', () => {
    expect(excerpt('  Benken  ved\nelva ')).toBe('Benken ved elva');
  });

  it('cuts a long story at a word boundary', () => {
    expect(excerpt('Der vi møtes hver lørdag morgen', 20)).toBe('Der vi møtes hver…');
  });

  it('gives null for no story', () => {
    expect(excerpt(null)).toBeNull();
    expect(excerpt('   ')).toBeNull();
  });
});

describe('placesByCategory', () => {
  it('groups in the order of the categories, newest first, and leaves out empty and unknown ones', () => {
    const groups = placesByCategory(
      [category('a'), category('b'), category('c')],
      [
        feature(ID(1), 'c', '2025-01-01'),
        feature(ID(2), 'a', '2025-01-01'),
        feature(ID(3), 'c', '2025-03-01'),
      ],
    );
    expect(groups.map((group) => [group.category.key, group.features.map((f) => f.id)])).toEqual([
      ['a', [ID(2)]],
      ['c', [ID(3), ID(1)]],
    ]);
  });

  it('leaves out contributions of a category the project no longer has', () => {
    expect(placesByCategory([category('a')], [feature(ID(1), 'gone', '2025-01-01')])).toEqual([]);
  });
});
