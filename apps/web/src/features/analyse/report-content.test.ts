import type { AnalysisStats, StorySummary } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  pickQuotes,
  QUOTES_PER_CATEGORY,
  TOP_PLACES_PER_CATEGORY,
  topPlacesByCategory,
} from './report-content.ts';

const place = (category: string, cell: string, contributions: number) => ({
  category,
  cell,
  centre: [10, 59] as [number, number],
  contributions,
  participants: contributions,
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
});
