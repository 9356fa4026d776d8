import {
  apiTokenCreatedSchema,
  apiTokenListSchema,
  auditListSchema,
  type ContributionCreate,
  contributionCreatedSchema,
  exportSummarySchema,
  featuredSchema,
  type ModerationAction,
  moderationListSchema,
  type PlaceNameInput,
  type ProjectDefinition,
  placeNameSchema,
  projectDefinitionOutputSchema,
  type ReferenceLayerUpdate,
  type ReferenceLayerUploadQuery,
  referenceLayerListSchema,
  referenceLayerSchema,
  type StaffUser,
  sessionSchema,
  type sessionStatusSchema,
  staffProjectListSchema,
  staffSessionSchema,
  staffUserSchema,
  type UserCreate,
  userListSchema,
} from '@nabolag/schema';
import { z } from 'zod';
import { createAnalysisApi } from './analysis-api.ts';
import { type ApiResult, type FetchLike, requestJson } from './client.ts';
import { type DownloadProgress, downloadExport, type ExportChoice } from './export-download.ts';
import { createOrganisationsApi } from './organisations-api.ts';
import { createUpdatesApi, type StaffRequestInit } from './updates-api.ts';

/**
 * The staff API (`/api/auth`, `/api/staff`), for the staff pages only: this module is not
 * imported by the resident app, so it lands in the staff chunk.
 *
 * Staff sign in with a session cookie (HttpOnly, set by the server). Every write sent with that
 * cookie must carry the session's CSRF token as `X-CSRF-Token`; the token comes with the
 * sign-in and with `GET /api/auth/me`.
 */

/** The answer to a write that answers `204 No Content`. */
const noContentSchema = z.unknown();

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `GET /api/auth/me`: the signed-in staff member, or `UNAUTHORIZED` (401) when nobody is. */
export function fetchStaffSession(signal?: AbortSignal, fetchImpl?: FetchLike) {
  return requestJson('/api/auth/me', staffSessionSchema, signal ? { signal } : {}, fetchImpl);
}

/** `POST /api/auth/login`: sets the session cookie and returns the user and the CSRF token. */
export function signIn(email: string, password: string, fetchImpl?: FetchLike) {
  return requestJson(
    '/api/auth/login',
    staffSessionSchema,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    },
    fetchImpl,
  );
}

export type ModerationQueue = 'pending' | 'flagged' | 'hidden' | 'all';

export interface StaffApiOptions {
  /** The session's CSRF token, read at each write (it changes with a new sign-in). */
  csrfToken: () => string;
  /** Called when any call answers 401: the session has ended (expired, or signed out elsewhere). */
  onUnauthorized: () => void;
  fetchImpl?: FetchLike;
}

export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** `GET /api/staff/sessions/:code/summary`: a workshop session's counts. */
export const sessionSummarySchema = z.object({
  session: sessionSchema,
  total: z.number().int(),
  byCategory: z.record(z.string(), z.number().int()),
  byGroup: z.record(z.string(), z.number().int()),
  tablets: z.array(
    z.object({
      tablet: z.string(),
      group: z.string().nullable(),
      contributions: z.number().int(),
      pending: z.number().int(),
      lastSeenAt: z.string().nullable(),
    }),
  ),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** What a facilitator sends for a place taken from a paper map (`POST /api/staff/sessions/:code/contributions`). */
export type PaperContribution = Pick<
  ContributionCreate,
  'id' | 'category' | 'geometry' | 'story' | 'sessionGroup'
> & {
  /** Shared by the places of one paper map, e.g. "Paper map 3". */
  paperParticipant?: string;
};

export interface SessionDraft {
  title: string;
  place?: string;
  /** `YYYY-MM-DD` */
  heldOn?: string;
  groups: string[];
}

const organisationQuery = (organisation: string) => `?organisation=${encodeURIComponent(organisation)}`;
const projectPath = (slug: string) => `/api/staff/projects/${encodeURIComponent(slug)}`;
const sessionPath = (code: string) => `/api/sessions/${encodeURIComponent(code)}`;
const staffSessionPath = (code: string) => `/api/staff/sessions/${encodeURIComponent(code)}`;
const contributionPath = (id: string) => `/api/staff/contributions/${encodeURIComponent(id)}`;

/** Every staff route, one function each, as the signed-in staff member. */
export function createStaffApi({ csrfToken, onUnauthorized, fetchImpl }: StaffApiOptions) {
  async function call<Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    init: StaffRequestInit = {},
  ): Promise<ApiResult<z.infer<Schema>>> {
    const { json, transport, ...rest } = init;
    const headers = new Headers(rest.headers);
    const method = (rest.method ?? 'GET').toUpperCase();
    if (WRITE_METHODS.has(method)) headers.set('X-CSRF-Token', csrfToken());
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    const result = await requestJson(
      path,
      schema,
      { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) },
      fetchImpl ?? transport,
    );
    if (!result.ok && result.error.status === 401) onUnauthorized();
    return result;
  }

  return {
    /** The place analysis (`/api/staff/projects/:slug/analysis/…`, analysis-api.ts). */
    analysis: createAnalysisApi((path, schema, init) => call(path, schema, init)),

    /** Organisations: list, create, branding, defaults, logo (organisations-api.ts). */
    organisations: createOrganisationsApi((path, schema, init) => call(path, schema, init)),

    /** `POST /api/auth/logout` */
    signOut: () => call('/api/auth/logout', noContentSchema, { method: 'POST' }),

    /** `GET /api/staff/projects`: the projects this staff member works on, with counts. */
    listProjects: (signal?: AbortSignal) =>
      call('/api/staff/projects', staffProjectListSchema, signal ? { signal } : {}),
    /** `GET /api/staff/projects/:slug`: the stored definition. */
    getProject: (slug: string, signal?: AbortSignal) =>
      call(projectPath(slug), projectDefinitionOutputSchema, signal ? { signal } : {}),
    /** `POST /api/staff/projects` (admins of `definition.organisation`) */
    createProject: (definition: ProjectDefinition) =>
      call('/api/staff/projects', projectDefinitionOutputSchema, { method: 'POST', json: definition }),
    /** `PUT /api/staff/projects/:slug`: the whole definition; the slug cannot change. */
    updateProject: (slug: string, definition: ProjectDefinition) =>
      call(projectPath(slug), projectDefinitionOutputSchema, { method: 'PUT', json: definition }),

    /** `GET /api/projects/:slug/export/summary`: what an export will hold, per category (planners). */
    exportSummary: (slug: string, lang: string, signal?: AbortSignal) =>
      call(
        `/api/projects/${encodeURIComponent(slug)}/export/summary?lang=${encodeURIComponent(lang)}`,
        exportSummarySchema,
        signal ? { signal } : {},
      ),
    /** `GET /api/projects/:slug/export`: the file, read with progress (see export-download.ts). */
    downloadExport: async (
      slug: string,
      choice: ExportChoice,
      options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void },
    ) => {
      const result = await downloadExport(slug, choice, { ...options, ...(fetchImpl ? { fetchImpl } : {}) });
      if (!result.ok && result.error.status === 401) onUnauthorized();
      return result;
    },

    /** `GET /api/staff/projects/:slug/reference-layers`: every layer, hidden ones too. */
    listReferenceLayers: (slug: string, signal?: AbortSignal) =>
      call(`${projectPath(slug)}/reference-layers`, referenceLayerListSchema, signal ? { signal } : {}),
    /** `POST /api/staff/projects/:slug/reference-layers`: the file itself is the body; the server reads what it is. */
    uploadReferenceLayer: (slug: string, file: Blob, query: ReferenceLayerUploadQuery) => {
      const search = new URLSearchParams({ name: query.name, lang: query.lang, colour: query.colour });
      if (query.filename) search.set('filename', query.filename);
      return call(
        `${projectPath(slug)}/reference-layers?${search.toString()}`,
        z.object({ layer: referenceLayerSchema, notes: z.array(z.string()) }),
        { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file },
      );
    },
    /** `PATCH /api/staff/reference-layers/:id`: names per language, colour, shown or hidden. */
    updateReferenceLayer: (id: string, changes: ReferenceLayerUpdate) =>
      call(`/api/staff/reference-layers/${encodeURIComponent(id)}`, referenceLayerSchema, {
        method: 'PATCH',
        json: changes,
      }),
    /** `DELETE /api/staff/reference-layers/:id` */
    deleteReferenceLayer: (id: string) =>
      call(`/api/staff/reference-layers/${encodeURIComponent(id)}`, noContentSchema, { method: 'DELETE' }),

    /** `GET /api/staff/projects/:slug/moderation?queue=` */
    listModeration: (slug: string, queue: ModerationQueue, signal?: AbortSignal) =>
      call(
        `${projectPath(slug)}/moderation?queue=${queue}&limit=200`,
        moderationListSchema,
        signal ? { signal } : {},
      ),
    /** `POST /api/staff/contributions/:id/moderation`: publish, restore, or hide with a reason. */
    moderate: (id: string, action: ModerationAction) =>
      call(`${contributionPath(id)}/moderation`, noContentSchema, { method: 'POST', json: action }),
    /** `DELETE /api/staff/contributions/:id` */
    deleteContribution: (id: string) => call(contributionPath(id), noContentSchema, { method: 'DELETE' }),
    /** `POST /api/staff/contributions/:id/featured`: picks (or drops) the story as a quote on the results page. */
    setFeatured: (id: string, featured: boolean) =>
      call(`${contributionPath(id)}/featured`, featuredSchema, { method: 'POST', json: { featured } }),
    /** `PUT /api/staff/projects/:slug/place-names`: a planner names a place (null forgets the name). */
    renamePlace: (slug: string, input: PlaceNameInput) =>
      call(`${projectPath(slug)}/place-names`, placeNameSchema, {
        method: 'PUT',
        json: input,
      }),
    /** Planners' updates on the results page (`/api/staff/projects/:slug/updates`, updates-api.ts). */
    updates: createUpdatesApi((path, schema, init) => call(path, schema, init)),
    /** `DELETE /api/staff/contributions/:id/participant` (admins): erases the participant behind it. */
    eraseParticipant: (id: string) =>
      call(`${contributionPath(id)}/participant`, noContentSchema, { method: 'DELETE' }),

    /** `GET /api/staff/projects/:slug/sessions`: the project's workshop sessions. */
    listSessions: (slug: string, signal?: AbortSignal) =>
      call(
        `${projectPath(slug)}/sessions`,
        z.object({ sessions: z.array(sessionSchema) }),
        signal ? { signal } : {},
      ),
    /** `POST /api/projects/:slug/sessions`: a new workshop session with its join code. */
    createSession: (slug: string, draft: SessionDraft) =>
      call(`/api/projects/${encodeURIComponent(slug)}/sessions`, sessionSchema, {
        method: 'POST',
        json: draft,
      }),
    /** `PATCH /api/sessions/:code`: pause, reopen or close. */
    setSessionStatus: (code: string, status: SessionStatus) =>
      call(sessionPath(code), sessionSchema, { method: 'PATCH', json: { status } }),
    /** `GET /api/staff/sessions/:code/summary`: counts per category, group and tablet. */
    sessionSummary: (code: string, signal?: AbortSignal) =>
      call(`${staffSessionPath(code)}/summary`, sessionSummarySchema, signal ? { signal } : {}),
    /** `POST /api/staff/sessions/:code/contributions`: a place from a paper map, entered for a participant. */
    enterPaperContribution: (code: string, contribution: PaperContribution) =>
      call(`${staffSessionPath(code)}/contributions`, contributionCreatedSchema, {
        method: 'POST',
        json: contribution,
      }),

    /** `GET /api/staff/users?organisation=` (its admins, the operator): the organisation's members. */
    listUsers: (organisation: string, signal?: AbortSignal) =>
      call(`/api/staff/users${organisationQuery(organisation)}`, userListSchema, signal ? { signal } : {}),
    /**
     * `POST /api/staff/users` into `user.organisation`; an e-mail that already has an account adds
     * that person to the organisation.
     */
    createUser: (user: UserCreate & { organisation: string }) =>
      call('/api/staff/users', staffUserSchema, { method: 'POST', json: user }),
    /** `PATCH /api/staff/users/:id?organisation=`: roles within that organisation. */
    updateUser: (
      organisation: string,
      id: string,
      changes: Partial<Pick<StaffUser, 'name' | 'roles' | 'projectRoles' | 'disabled'>> & {
        password?: string;
      },
    ) =>
      call(`/api/staff/users/${encodeURIComponent(id)}${organisationQuery(organisation)}`, staffUserSchema, {
        method: 'PATCH',
        json: changes,
      }),

    /** `GET /api/staff/tokens`: one's own API tokens (without the secrets). */
    listTokens: (signal?: AbortSignal) =>
      call('/api/staff/tokens', apiTokenListSchema, signal ? { signal } : {}),
    /** `POST /api/staff/tokens`: the answer holds the token itself, this once. */
    createToken: (name: string) =>
      call('/api/staff/tokens', apiTokenCreatedSchema, { method: 'POST', json: { name } }),
    /** `DELETE /api/staff/tokens/:id` */
    revokeToken: (id: string) =>
      call(`/api/staff/tokens/${encodeURIComponent(id)}`, noContentSchema, { method: 'DELETE' }),

    /**
     * `GET /api/staff/audit`, newest first; `before` is the id of the last entry already shown.
     * `organisation` narrows to one; without it the server answers every organisation the caller
     * administers (the operator: everything).
     */
    listAudit: (options: { before?: string; limit: number; organisation?: string }, signal?: AbortSignal) => {
      const query = new URLSearchParams({ limit: String(options.limit) });
      if (options.before) query.set('before', options.before);
      if (options.organisation) query.set('organisation', options.organisation);
      return call(`/api/staff/audit?${query.toString()}`, auditListSchema, signal ? { signal } : {});
    },
  };
}

export type StaffApi = ReturnType<typeof createStaffApi>;
