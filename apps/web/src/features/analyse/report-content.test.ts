import type { AnalysisStats, StorySummary } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  areaSquareKilometres,
  contributionPeriod,
  pickQuotes,
  QUOTES_PER_CATEGORY,
  summaryPlaces,
  TOP_PLACES_PER_CATEGORY,
  topPlacesByCategory,
} from './report-content.ts';

const place = (category: string, cell: string, contributions: number) => ({
  category,
  cell,
  centre: [10, 59] as [number, number],
  contributions,
  participants: contributions,
  label: null,
  labelSource: null,
});

const story = (id: number, category: string, overrides: Partial<StorySummary> = {}): StorySummary => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  category,
  story: `Story ${id}`,
  createdAt: `2025-06-${String(id).padStart(2, '0')}T10:00:00Z`,
  status: 'published',
  point: { type: 'Point', coordinates: [10, 59] },
  session: null,
  group: null,
  relation: null,
  ageBand: null,
  featured: false,
  ...overrides,
});

describe('the report', () => {
  it('lists the top places per category in the project order, at most five each', () => {
    const stats = {
      topPlaces: [
        place('least-liked', '0,0', 5),
        ...Array.from({ length: 7 }, (_, index) => place('community', `${index},1`, index + 1)),
      ],
    } as AnalysisStats;
    const grouped = topPlacesByCategory(stats, ['community', 'least-liked']);
    expect(grouped.map((entry) => entry.category)).toEqual(['community', 'least-liked']);
    expect(grouped[0]?.rows).toHaveLength(TOP_PLACES_PER_CATEGORY);
    expect(grouped[0]?.rows[0]?.contributions).toBe(7);
  });

  it('quotes featured stories first, then the newest, and never pending ones', () => {
    const quotes = pickQuotes(
      [
        story(1, 'community', { featured: true }),
        story(2, 'community'),
        story(3, 'community'),
        story(4, 'community'),
        story(5, 'community', { status: 'pending' }),
        story(6, 'least-liked', { story: 'x'.repeat(700) }),
      ],
      ['community', 'least-liked'],
    );
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.stories.map((entry) => entry.story)).toEqual(['Story 1', 'Story 4', 'Story 3']);
    expect(quotes[0]?.stories).toHaveLength(QUOTES_PER_CATEGORY);
  });

  it('gives the summary the most-named place of each category, in the project order', () => {
    const stats = {
      topPlaces: [place('least-liked', '0,0', 9), place('community', '1,1', 3), place('community', '2,1', 6)],
    } as AnalysisStats;
    expect(summaryPlaces(stats, ['community', 'least-liked']).map((entry) => entry.cell)).toEqual([
      '2,1',
      '0,0',
    ]);
  });

  it('says from when to when people contributed, or nothing without data', () => {
    const row = (key: string) => ({ key, contributions: 1, participants: 1 });
    expect(contributionPeriod({ byDay: [row('2026-03-02'), row('2026-02-27')] } as AnalysisStats)).toEqual({
      first: '2026-02-27',
      last: '2026-03-02',
    });
    expect(contributionPeriod({ byDay: [] } as unknown as AnalysisStats)).toBeNull();
  });

  it('measures the area on the sphere, less its holes', () => {
    // 0.01° × 0.01° at 59° N: 1.113 km × 0.573 km ≈ 0.638 km².
    const square = (x: number, y: number, size: number): Array<[number, number]> => [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ];
    const area = areaSquareKilometres({ type: 'Polygon', coordinates: [square(10, 59, 0.01)] });
    expect(area).toBeCloseTo(0.638, 2);
    const holed = areaSquareKilometres({
      type: 'MultiPolygon',
      coordinates: [[square(10, 59, 0.01), square(10.0025, 59.0025, 0.005)]],
    });
    expect(holed).toBeCloseTo(0.638 * 0.75, 2);
  });
});
