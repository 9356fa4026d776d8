import {
  analysisStatsSchema,
  compareSchema,
  densityPointsSchema,
  hotSpotsSchema,
  staffHeatmapSchema,
  storiesSchema,
} from '@nabolag/schema';
import type { z } from 'zod';
import type { ApiResult } from './client.ts';

/**
 * The staff place analysis (`/api/staff/projects/:slug/analysis/…`), for planners and admins.
 * Every call takes the filters as the API's query parameters (`category=a,b`, `relation=…`,
 * `from=YYYY-MM-DD` …, see `features/analyse/analysis-view.ts`).
 */

/** Sends a GET as the signed-in staff member (staff-api.ts's `call`: 401 ends the session). */
export type StaffGet = <Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  init?: RequestInit,
) => Promise<ApiResult<z.infer<Schema>>>;

/** Query parameters: plain values; undefined, null and empty strings are left out. */
export type QueryValues = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from `values` in a stable order (sorted keys), or empty. */
export function queryString(values: QueryValues): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(values).sort()) {
    const value = values[key];
    if (value === undefined || value === null || value === '') continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** `a.category=…&b.relation=…`: each side's parameters under its prefix. */
export function sideParameters(a: QueryValues, b: QueryValues): QueryValues {
  const prefixed = (side: string, values: QueryValues) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [`${side}.${key}`, value]));
  return { ...prefixed('a', a), ...prefixed('b', b) };
}

export function createAnalysisApi(get: StaffGet) {
  const base = (slug: string) => `/api/staff/projects/${encodeURIComponent(slug)}/analysis`;
  const init = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    /** Hex cells with contributions and distinct participants; `suppress` previews the public view (k). */
    heatmap: (slug: string, query: QueryValues, signal?: AbortSignal) =>
      get(`${base(slug)}/heatmap${queryString(query)}`, staffHeatmapSchema, init(signal)),
    /** The raw points (a point on each line and area) for the kernel-density view. */
    points: (slug: string, query: QueryValues, signal?: AbortSignal) =>
      get(`${base(slug)}/points${queryString(query)}`, densityPointsSchema, init(signal)),
    /** Getis–Ord Gi* per cell: z-score and significance class (±1 90 %, ±2 95 %, ±3 99 %). */
    hotSpots: (slug: string, query: QueryValues, signal?: AbortSignal) =>
      get(`${base(slug)}/hot-spots${queryString(query)}`, hotSpotsSchema, init(signal)),
    /** Two filter sets per cell (`a.*`, `b.*`). */
    compare: (slug: string, cell: number, a: QueryValues, b: QueryValues, signal?: AbortSignal) =>
      get(
        `${base(slug)}/compare${queryString({ cell, ...sideParameters(a, b) })}`,
        compareSchema,
        init(signal),
      ),
    /** Liked categories against least-liked, per cell. */
    contested: (slug: string, query: QueryValues, signal?: AbortSignal) =>
      get(`${base(slug)}/contested${queryString(query)}`, compareSchema, init(signal)),
    /** Stories in a cell (`cell` + `at`), of one contribution, or all; with the filters and `search`. */
    stories: (slug: string, query: QueryValues, signal?: AbortSignal) =>
      get(`${base(slug)}/stories${queryString(query)}`, storiesSchema, init(signal)),
    /** The dashboard's counts and the top places per category. */
    stats: (slug: string, query: QueryValues, signal?: AbortSignal) =>
      get(`${base(slug)}/stats${queryString(query)}`, analysisStatsSchema, init(signal)),
  };
}

export type AnalysisApi = ReturnType<typeof createAnalysisApi>;
