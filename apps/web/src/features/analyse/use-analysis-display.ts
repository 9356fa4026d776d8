import type { ApiResult } from '../../api/client.ts';
import type { AnalysisDisplay } from '../../map/analysis-layers.ts';
import { useLoad } from '../staff/common/use-load.ts';
import { useStaff } from '../staff/staff-session.ts';
import { type AnalysisView, compareSides, filterParameters } from './analysis-view.ts';

const mapped = <T, U>(result: ApiResult<T>, map: (value: T) => U): ApiResult<U> =>
  result.ok ? { ...result, value: map(result.value) } : result;

/**
 * Loads what the map shows in the view's mode, with the shared filters: hex cells, density
 * points, hot spots, or a comparison. `null` when a comparison still lacks a side.
 */
export function useAnalysisDisplay(slug: string, view: AnalysisView) {
  const { api } = useStaff();
  const filters = filterParameters(view.filters);
  const sides = compareSides(view);
  const key = JSON.stringify([view.mode, view.cell, view.rings, view.suppress, filters, sides]);
  return useLoad<AnalysisDisplay | null>(
    async (signal) => {
      const { analysis } = api;
      switch (view.mode) {
        case 'heatmap':
          return mapped(
            await analysis.heatmap(slug, { cell: view.cell, suppress: view.suppress, ...filters }, signal),
            (cells) => ({ kind: 'heatmap', cells }),
          );
        case 'density':
          return mapped(await analysis.points(slug, filters, signal), (points) => ({
            kind: 'density',
            points,
          }));
        case 'hot-spots':
          return mapped(
            await analysis.hotSpots(slug, { cell: view.cell, rings: view.rings, ...filters }, signal),
            (hotSpots) => ({ kind: 'hot-spots', hotSpots }),
          );
        case 'contested':
          return mapped(
            await analysis.contested(slug, { cell: view.cell, ...filters }, signal),
            (comparison) => ({
              kind: 'compare',
              comparison,
              measure: 'contested',
            }),
          );
        case 'compare': {
          if (!sides) return { ok: true, value: null, status: 200 };
          return mapped(
            await analysis.compare(
              slug,
              view.cell,
              filterParameters(sides.a),
              filterParameters(sides.b),
              signal,
            ),
            (comparison) => ({ kind: 'compare', comparison, measure: 'difference' }),
          );
        }
      }
    },
    [api, slug, key],
  );
}
