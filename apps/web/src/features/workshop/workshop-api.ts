import { heatmapCollectionSchema, sessionSchema, sessionTabletSchema } from '@nabolag/schema';
import { z } from 'zod';
import { type FetchLike, requestJson } from '../../api/client.ts';

/** The public workshop routes a tablet and the projector use (README, "Workshop sessions"). */

const sessionPath = (code: string) => `/api/sessions/${encodeURIComponent(code)}`;

/** `GET /api/sessions/:code`: the session a tablet or the projector joins. */
export function getSession(code: string, signal?: AbortSignal, fetchImpl?: FetchLike) {
  return requestJson(sessionPath(code), sessionSchema, signal ? { signal } : {}, fetchImpl);
}

/** `GET /api/sessions/:code/stream`, for `EventSource`. */
export const sessionStreamUrl = (code: string) => `${sessionPath(code)}/stream`;

/** `POST /api/sessions/:code/tablets/:tablet`: a kiosk reports in with its unsent places. */
export function reportTablet(
  code: string,
  tablet: string,
  report: { group?: string; pending: number },
  fetchImpl?: FetchLike,
) {
  return requestJson(
    `${sessionPath(code)}/tablets/${encodeURIComponent(tablet)}`,
    z.unknown(),
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(report) },
    fetchImpl,
  );
}

const ownTabletSchema = sessionTabletSchema.pick({ tablet: true, name: true, ordinal: true, group: true });

/** `GET /api/sessions/:code/tablets/:tablet`: this tablet's name and its place at its table. */
export function getTablet(code: string, tablet: string, signal?: AbortSignal, fetchImpl?: FetchLike) {
  return requestJson(
    `${sessionPath(code)}/tablets/${encodeURIComponent(tablet)}`,
    ownTabletSchema,
    signal ? { signal } : {},
    fetchImpl,
  );
}

/** `GET /api/projects/:slug/heatmap?session=&cell=`: k-anonymous hex cells of one session. */
export function getSessionHeatmap(
  slug: string,
  code: string,
  cell: number,
  signal?: AbortSignal,
  fetchImpl?: FetchLike,
) {
  const query = new URLSearchParams({ session: code, cell: String(cell) });
  return requestJson(
    `/api/projects/${encodeURIComponent(slug)}/heatmap?${query}`,
    heatmapCollectionSchema,
    signal ? { signal } : {},
    fetchImpl,
  );
}
