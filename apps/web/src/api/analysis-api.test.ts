import { describe, expect, it } from 'vitest';
import { createAnalysisApi, queryString, sideParameters } from './analysis-api.ts';
import type { ApiResult } from './client.ts';

describe('the analysis API client', () => {
  it('builds a stable query, leaving empty values out', () => {
    expect(queryString({ relation: 'lives,visitor', cell: 200, suppress: false, from: '', to: null })).toBe(
      '?cell=200&relation=lives%2Cvisitor&suppress=false',
    );
    expect(queryString({})).toBe('');
  });

  it('sends the two sides of a comparison under a. and b.', () => {
    const paths: string[] = [];
    const api = createAnalysisApi(async (path) => {
      paths.push(path);
      return { ok: false, error: { code: 'NETWORK', status: null, message: '' } } as ApiResult<never>;
    });
    void api.compare('torstrand', 100, { relation: 'lives' }, { relation: 'visitor', category: 'community' });
    expect(paths).toEqual([
      '/api/staff/projects/torstrand/analysis/compare?a.relation=lives&b.category=community&b.relation=visitor&cell=100',
    ]);
    expect(sideParameters({ x: 1 }, {})).toEqual({ 'a.x': 1 });
  });
});
