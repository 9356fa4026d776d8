import {
  type ContributionUpdate,
  type ParticipantData,
  type ParticipantProfile,
  participantDataSchema,
} from '@nabolag/schema';
import { z } from 'zod';
import { type ApiResult, type FetchLike, requestJson } from './client.ts';

/**
 * The participant's own data, reached with their secret token (`Authorization: Bearer`): what
 * they gave, their background answers, and the ways to change or delete all of it.
 */

const mePath = (slug: string) => `/api/projects/${encodeURIComponent(slug)}/me`;
const contributionPath = (id: string) => `/api/contributions/${encodeURIComponent(id)}`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Answers without a body (204): anything parses, and the value is nothing. */
async function requestNothing(
  path: string,
  init: RequestInit,
  fetchImpl?: FetchLike,
): Promise<ApiResult<void>> {
  const result = await requestJson(path, z.unknown(), init, fetchImpl);
  return result.ok ? { ok: true, value: undefined, status: result.status } : result;
}

/** `GET /api/projects/:slug/me`: the participant's contributions (whatever their status) and answers. */
export function getOwnData(
  slug: string,
  participantToken: string,
  signal?: AbortSignal,
  fetchImpl?: FetchLike,
): Promise<ApiResult<ParticipantData>> {
  return requestJson(
    mePath(slug),
    participantDataSchema,
    { headers: bearer(participantToken), cache: 'no-store', ...(signal ? { signal } : {}) },
    fetchImpl,
  );
}

/**
 * `PATCH /api/projects/:slug/me`: changes the background answers. The server answers 404 until
 * the token has made a contribution to the project.
 */
export function updateOwnProfile(
  slug: string,
  participantToken: string,
  profile: ParticipantProfile,
  fetchImpl?: FetchLike,
): Promise<ApiResult<void>> {
  return requestNothing(
    mePath(slug),
    {
      method: 'PATCH',
      headers: { ...bearer(participantToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ profile }),
    },
    fetchImpl,
  );
}

/** `DELETE /api/projects/:slug/me`: erases the participant, every contribution, photo and answer. */
export function eraseOwnData(
  slug: string,
  participantToken: string,
  fetchImpl?: FetchLike,
): Promise<ApiResult<void>> {
  return requestNothing(mePath(slug), { method: 'DELETE', headers: bearer(participantToken) }, fetchImpl);
}

/** `PATCH /api/contributions/:id` by the participant who made it. */
export function updateContribution(
  id: string,
  participantToken: string,
  changes: ContributionUpdate,
  fetchImpl?: FetchLike,
): Promise<ApiResult<void>> {
  return requestNothing(
    contributionPath(id),
    {
      method: 'PATCH',
      headers: { ...bearer(participantToken), 'Content-Type': 'application/json' },
      body: JSON.stringify(changes),
    },
    fetchImpl,
  );
}

/** `DELETE /api/contributions/:id` by the participant who made it; it cannot be undone. */
export function deleteContribution(
  id: string,
  participantToken: string,
  fetchImpl?: FetchLike,
): Promise<ApiResult<void>> {
  return requestNothing(
    contributionPath(id),
    { method: 'DELETE', headers: bearer(participantToken) },
    fetchImpl,
  );
}
