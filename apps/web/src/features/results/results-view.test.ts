import type { ProjectResults, ProjectUpdate } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { categoryHeatmap, firstCategory, hasPlaces, paragraphs, updateInLanguage } from './results-view.ts';

const hexagon = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [10, 59],
      [10.01, 59],
      [10.01, 59.01],
      [10, 59],
    ],
  ],
};
const place = (participants: number) => ({
  id: `${participants},0`,
  centre: [10, 59] as [number, number],
  contributions: participants + 1,
  participants,
  label: null,
  labelSource: null,
});
const results = (categories: ProjectResults['categories']): ProjectResults => ({
  k: 5,
  cell: 200,
  total: { contributions: 0, participants: 0 },
  categories,
  quotes: [],
  updates: [],
});

describe('categoryHeatmap', () => {
  it('gives the category’s cells as heatmap features with counts', () => {
    const heatmap = categoryHeatmap(
      results([
        {
          key: 'community',
          contributions: 9,
          cells: [{ id: '1,2', geometry: hexagon, count: 9, participants: 6 }],
          topPlaces: [],
        },
      ]),
      'community',
    );
    expect(heatmap).toEqual({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: hexagon, properties: { count: 9, participants: 6 } }],
      cell: 200,
      k: 5,
    });
  });

  it('is empty for an unknown or no category', () => {
    expect(categoryHeatmap(results([]), null).features).toEqual([]);
    expect(categoryHeatmap(results([]), 'nope').features).toEqual([]);
  });
});

describe('firstCategory', () => {
  it('opens on the category whose busiest place has most people', () => {
    const chosen = firstCategory(
      results([
        { key: 'a', contributions: 1, cells: [], topPlaces: [] },
        { key: 'b', contributions: 9, cells: [], topPlaces: [place(6)] },
        { key: 'c', contributions: 9, cells: [], topPlaces: [place(8)] },
      ]),
    );
    expect(chosen).toBe('c');
  });

  it('never opens on the places people like least, however many named them', () => {
    const chosen = firstCategory(
      results([
        { key: 'least-liked', contributions: 40, cells: [], topPlaces: [place(30)] },
        { key: 'landmarks', contributions: 9, cells: [], topPlaces: [place(6)] },
      ]),
    );
    expect(chosen).toBe('landmarks');
    expect(
      firstCategory(
        results([
          { key: 'least-liked', contributions: 40, cells: [], topPlaces: [place(30)] },
          { key: 'landmarks', contributions: 0, cells: [], topPlaces: [] },
        ]),
      ),
    ).toBe('landmarks');
  });

  it('falls back to the first category, or none', () => {
    expect(firstCategory(results([{ key: 'a', contributions: 0, cells: [], topPlaces: [] }]))).toBe('a');
    expect(firstCategory(results([]))).toBeNull();
  });
});

describe('hasPlaces', () => {
  it('is true once one category shows a cell', () => {
    expect(hasPlaces(results([{ key: 'a', contributions: 3, cells: [], topPlaces: [] }]))).toBe(false);
    expect(
      hasPlaces(
        results([
          {
            key: 'a',
            contributions: 9,
            cells: [{ id: '0,0', geometry: hexagon, count: 9, participants: 5 }],
            topPlaces: [],
          },
        ]),
      ),
    ).toBe(true);
  });
});

describe('updateInLanguage', () => {
  const update: ProjectUpdate = {
    id: '00000000-0000-4000-8000-000000000001',
    publishedOn: '2025-03-14',
    title: { nb: 'Benker ved kirka', en: 'Benches by the church' },
    body: { nb: 'Arbeidet starter i mai.' },
    published: true,
    updatedAt: '2025-03-14T10:00:00Z',
  };

  it('takes the reader’s language where it is written', () => {
    const shown = updateInLanguage(update, 'en', 'nb');
    expect(shown.title).toEqual({ text: 'Benches by the church', lang: 'en' });
  });

  it('falls back to the project’s default language, and says which (for lang=)', () => {
    const shown = updateInLanguage(update, 'ar', 'nb');
    expect(shown.title).toEqual({ text: 'Benker ved kirka', lang: 'nb' });
    expect(shown.body).toEqual({ text: 'Arbeidet starter i mai.', lang: 'nb' });
  });
});

describe('paragraphs', () => {
  it('splits a text at blank lines and drops empty ones', () => {
    expect(paragraphs('First.\n\nSecond\nline.\n\n\n  ')).toEqual(['First.', 'Second\nline.']);
  });
});
