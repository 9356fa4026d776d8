import { type ProjectUpdateInput, projectUpdateListSchema, projectUpdateSchema } from '@nabolag/schema';
import { z } from 'zod';
import type { ApiResult, FetchLike } from './client.ts';

/** A request's options; `transport` replaces fetch for this call (an upload with progress). */
export type StaffRequestInit = RequestInit & { json?: unknown; transport?: FetchLike };

/** Sends a request as the signed-in staff member (staff-api.ts's `call`: CSRF token, 401 ends the session). */
export type StaffCall = <Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  init?: StaffRequestInit,
) => Promise<ApiResult<z.infer<Schema>>>;

/** The planners' updates residents read on the results page ("what happens next"). */
export function createUpdatesApi(call: StaffCall) {
  const base = (slug: string) => `/api/staff/projects/${encodeURIComponent(slug)}/updates`;
  return {
    /** `GET …/updates`: every update, drafts too, newest date first. */
    list: (slug: string, signal?: AbortSignal) =>
      call(base(slug), projectUpdateListSchema, signal ? { signal } : {}),
    /** `POST …/updates` */
    create: (slug: string, update: ProjectUpdateInput) =>
      call(base(slug), projectUpdateSchema, { method: 'POST', json: update }),
    /** `PUT …/updates/:id`: the whole update. */
    replace: (slug: string, id: string, update: ProjectUpdateInput) =>
      call(`${base(slug)}/${encodeURIComponent(id)}`, projectUpdateSchema, { method: 'PUT', json: update }),
    /** `DELETE …/updates/:id` */
    remove: (slug: string, id: string) =>
      call(`${base(slug)}/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' }),
  };
}
