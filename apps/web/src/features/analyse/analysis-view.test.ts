import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  compareSides,
  defaultView,
  filterParameters,
  parseDay,
  searchForView,
  viewFromSearch,
} from './analysis-view.ts';

describe('viewFromSearch', () => {
  it('gives the default view for an empty address', () => {
    expect(viewFromSearch('')).toEqual(defaultView());
    expect(searchForView(defaultView())).toBe('');
  });

  it('reads every filter, the mode and the cell size', () => {
    const view = viewFromSearch(
      '?mode=hot-spots&cell=150&category=meeting-places,least-liked&relation=lives,visitor&ageBand=18-29' +
        '&session=abc234&group=Bord%201&from=2025-05-01&to=2025-06-30&rings=2',
    );
    expect(view.mode).toBe('hot-spots');
    expect(view.cell).toBe(150);
    expect(view.rings).toBe(2);
    expect(view.filters).toEqual({
      category: ['meeting-places', 'least-liked'],
      relation: ['lives', 'visitor'],
      ageBand: ['18-29'],
      session: ['ABC234'],
      group: ['Bord 1'],
      from: '2025-05-01',
      to: '2025-06-30',
      answer: [],
    });
  });

  it('drops values that make no sense instead of failing', () => {
    const view = viewFromSearch(
      '?mode=pie&cell=20&relation=lives,alien&ageBand=old&from=2025-02-30&to=yesterday&rings=9&at=x,y&contribution=42',
    );
    expect(view.mode).toBe('heatmap');
    expect(view.cell).toBe(200);
    expect(view.rings).toBe(1);
    expect(view.filters.relation).toEqual(['lives']);
    expect(view.filters.ageBand).toEqual([]);
    expect(view.filters.from).toBeNull();
    expect(view.filters.to).toBeNull();
    expect(view.at).toBeNull();
    expect(view.contribution).toBeNull();
  });

  it('keeps cell sizes within 50–500 metres', () => {
    expect(viewFromSearch('?cell=50').cell).toBe(50);
    expect(viewFromSearch('?cell=500').cell).toBe(500);
    expect(viewFromSearch('?cell=501').cell).toBe(200);
    expect(viewFromSearch('?cell=120.5').cell).toBe(200);
  });

  it('puts a reversed date range the right way round', () => {
    const view = viewFromSearch('?from=2025-06-30&to=2025-05-01');
    expect([view.filters.from, view.filters.to]).toEqual(['2025-05-01', '2025-06-30']);
  });

  it('deduplicates list values', () => {
    expect(viewFromSearch('?category=a,a,b').filters.category).toEqual(['a', 'b']);
  });
});

describe('searchForView', () => {
  it('round-trips a full view', () => {
    const view = {
      ...defaultView(),
      mode: 'compare' as const,
      cell: 100,
      filters: {
        ...defaultView().filters,
        category: ['community'],
        ageBand: ['67-79' as const],
        from: '2025-01-01',
      },
      compare: { by: 'session' as const, a: 'ABC234', b: 'XYZ789' },
      at: '-3,12',
      search: 'benken ved kirka',
      suppress: true,
    };
    expect(viewFromSearch(searchForView(view))).toEqual(view);
  });

  it('keeps the keys it does not own (the language) and leaves defaults out', () => {
    const search = searchForView({ ...defaultView(), mode: 'density' }, '?lang=nn&mode=heatmap&cell=300');
    expect(new URLSearchParams(search).get('lang')).toBe('nn');
    expect(new URLSearchParams(search).get('mode')).toBe('density');
    expect(new URLSearchParams(search).has('cell')).toBe(false);
  });
});

describe('the filters as API parameters', () => {
  it('joins lists with commas and leaves empty ones out', () => {
    const filters = {
      ...defaultView().filters,
      relation: ['lives' as const, 'grew-up' as const],
      to: '2025-06-01',
    };
    expect(filterParameters(filters)).toEqual({ relation: 'lives,grew-up', to: '2025-06-01' });
    expect(activeFilterCount(filters)).toBe(2);
  });

  it('makes two sides of a comparison from the shared filters', () => {
    const view = {
      ...defaultView(),
      filters: { ...defaultView().filters, category: ['community'], relation: ['grew-up' as const] },
      compare: { by: 'relation' as const, a: 'lives', b: 'visitor' },
    };
    expect(compareSides(view)).toEqual({
      a: { ...view.filters, relation: ['lives'] },
      b: { ...view.filters, relation: ['visitor'] },
    });
    expect(compareSides({ ...view, compare: { by: 'relation', a: 'lives', b: null } })).toBeNull();
  });

  it('accepts only real calendar days', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2025-1-01')).toBeNull();
  });
});
