import type { ContributionCreate, Project, PublicContributionCollection } from '@nabolag/schema';
import { type ApiResult, type FetchLike, requestJson, requestJsonCheckedLater } from './client.ts';
import { anyAnswer, loadSchemas } from './schemas.ts';

/**
 * The public API the resident app uses, one function per route of the contract (DESIGN.md).
 * Every answer is parsed with the route's schema, so a drifting server shows up as
 * `UNEXPECTED_RESPONSE` here rather than as a broken page. The schemas are loaded on first use
 * (`schemas.ts`); the resident map's first answers are checked once the page is idle
 * (`requestJsonCheckedLater`), so zod is not on its way to the first screen.
 */

const projectPath = (slug: string) => `/api/projects/${encodeURIComponent(slug)}`;

/** `GET /api/projects` */
export function listProjects(signal?: AbortSignal, fetchImpl?: FetchLike) {
  return requestJson(
    '/api/projects',
    async () => (await loadSchemas()).projectListSchema,
    signal ? { signal } : {},
    fetchImpl,
  );
}

/**
 * Answers asked for while the app was still starting (`prefetchProjectPage`), each handed to
 * the first caller that asks for the same address and then forgotten: later calls (a retry,
 * the page opened again) fetch anew.
 */
const early = new Map<string, Promise<ApiResult<unknown>>>();

function takeEarly<T>(path: string, fetchImpl: FetchLike | undefined): Promise<ApiResult<T>> | undefined {
  if (fetchImpl) return undefined; // a caller with its own fetch (a test) gets its own answer
  const answer = early.get(path);
  early.delete(path);
  return answer as Promise<ApiResult<T>> | undefined;
}

/**
 * Starts loading what the resident map shows first (the project) before the page's code has
 * arrived, instead of one after the other once it has rendered. Its places come as vector
 * tiles (`contributionTilesUrl`) once the map knows its view; the whole list only after the
 * page answers input, so it is not on the way here.
 */
export function prefetchProjectPage(slug: string): void {
  early.set(projectPath(slug), getProject(slug));
}

/** `GET /api/projects/:slug` */
export function getProject(slug: string, signal?: AbortSignal, fetchImpl?: FetchLike) {
  return (
    takeEarly<Project>(projectPath(slug), fetchImpl) ??
    requestJsonCheckedLater(
      projectPath(slug),
      async () => (await loadSchemas()).projectSchema,
      signal ? { signal } : {},
      fetchImpl,
    )
  );
}

const contributionsPath = (slug: string) => `${projectPath(slug)}/contributions`;

/**
 * `GET /api/projects/:slug/contributions`: what the public may see, as a FeatureCollection;
 * with `bbox` (`[west, south, east, north]` in degrees) only what lies in it.
 */
export function listContributions(
  slug: string,
  signal?: AbortSignal,
  fetchImpl?: FetchLike,
  bbox?: readonly [number, number, number, number],
) {
  const path = bbox
    ? `${contributionsPath(slug)}?bbox=${bbox.map((value) => value.toFixed(7)).join(',')}`
    : contributionsPath(slug);
  return (
    takeEarly<PublicContributionCollection>(path, fetchImpl) ??
    requestJsonCheckedLater(
      path,
      async () => (await loadSchemas()).publicContributionCollectionSchema,
      signal ? { signal } : {},
      fetchImpl,
    )
  );
}

/**
 * The URL template (`{z}/{x}/{y}`, absolute, for MapLibre's workers) of the project's public
 * contribution tiles, `GET /tiles/:slug/contributions/{z}/{x}/{y}.mvt`. `version` changes the
 * address after a send, since the server lets tiles be cached for 60 s.
 */
export function contributionTilesUrl(slug: string, version: number, origin = window.location.origin): string {
  return `${origin}/tiles/${encodeURIComponent(slug)}/contributions/{z}/{x}/{y}.mvt?v=${version}`;
}

/** `GET /api/projects/:slug/results`: the k-anonymous results page ("What we heard"). */
export function getResults(slug: string, signal?: AbortSignal, fetchImpl?: FetchLike) {
  return requestJson(
    `${projectPath(slug)}/results`,
    async () => (await loadSchemas()).projectResultsSchema,
    signal ? { signal } : {},
    fetchImpl,
  );
}

/**
 * `GET /api/projects/:slug/participation`: how many people have taken part (`null` below k).
 * Asked for after the map answers, and checked then, like the list of places.
 */
export function getParticipation(slug: string, signal?: AbortSignal, fetchImpl?: FetchLike) {
  return requestJsonCheckedLater(
    `${projectPath(slug)}/participation`,
    async () => (await loadSchemas()).projectParticipationSchema,
    signal ? { signal } : {},
    fetchImpl,
  );
}

/** `GET /api/projects/:slug/reference-layers`: the visible reference layers, with their features. */
export function listReferenceLayers(slug: string, signal?: AbortSignal, fetchImpl?: FetchLike) {
  // Loads with the map, so checked later like the project (no defaults in its schema).
  return requestJsonCheckedLater(
    `${projectPath(slug)}/reference-layers`,
    async () => (await loadSchemas()).publicReferenceLayerListSchema,
    signal ? { signal } : {},
    fetchImpl,
  );
}

export interface ContributionSent {
  id: string;
  participantId: string | undefined;
  /** `false` when the server already had this id (a retry whose first reply was lost). */
  created: boolean;
}

/**
 * `POST /api/projects/:slug/contributions` as the participant holding `participantToken`.
 * Safe to repeat with the same `body.id`: the server stores it once (201) and answers later
 * copies with what it stored (200).
 */
export async function createContribution(
  slug: string,
  body: ContributionCreate,
  participantToken: string,
  fetchImpl?: FetchLike,
): Promise<ApiResult<ContributionSent>> {
  const result = await requestJson(
    `${projectPath(slug)}/contributions`,
    // Checked before it counts as sent: a captive portal's "200 OK" is not the server saying yes.
    async () => (await loadSchemas()).contributionCreatedSchema,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${participantToken}` },
      body: JSON.stringify(body),
    },
    fetchImpl,
  );
  if (!result.ok) return result;
  return {
    ok: true,
    status: result.status,
    value: { id: result.value.id, participantId: result.value.participantId, created: result.status === 201 },
  };
}

/** `POST /api/contributions/:id/report`: a resident asks the moderators to look at a public story. */
export function reportContribution(id: string, reason: string, fetchImpl?: FetchLike) {
  return requestJson(
    `/api/contributions/${encodeURIComponent(id)}/report`,
    anyAnswer,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }) },
    fetchImpl,
  );
}
