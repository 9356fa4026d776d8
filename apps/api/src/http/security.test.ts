import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStaffUser,
  createTestApp,
  createTestProject,
  demoDefinition,
  INSIDE,
  signIn,
} from '../testing/test-app.ts';

/**
 * Walks every route of the server: the list below is checked against the server's route table,
 * so a new route without a case here fails this suite. For each route: anonymous callers and
 * callers with the wrong role are refused, cookie-authenticated writes without the CSRF token
 * are refused, bad input gets a 4xx — and the database is unchanged afterwards.
 */

type Access =
  | 'public'
  | 'participant' // Authorization: Bearer <participant token>
  | 'staff' // any signed-in staff member
  | 'admin' // admins of an organisation (the route's, or their only one)
  | 'operator' // the instance operator
  | 'project-staff' // any role in the route's project
  | 'project-admin'; // admin in the route's project

interface RouteCase {
  access: Access;
  /** A server-sent event stream never ends: its openness is proven in the workshop tests instead. */
  stream?: true;
  /** The request with valid ids; `bad` a request the right caller makes with bad input. */
  request: (ids: Ids) => InjectOptions;
  bad?: (ids: Ids) => InjectOptions;
}

interface Ids {
  slug: string;
  contribution: string;
  user: string;
  session: string;
  referenceLayer: string;
  update: string;
}

const json = (payload: unknown) => ({ payload: payload as Record<string, unknown> });

const REFERENCE_LAYER = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Byggefelt' }, geometry: { type: 'Point', coordinates: INSIDE } },
  ],
};
const upload = (geojson: unknown) => ({
  headers: { 'content-type': 'application/geo+json' },
  payload: Buffer.from(JSON.stringify(geojson)),
});

const UPDATE = { publishedOn: '2025-03-14', title: { nb: 'Benker ved kirka' }, body: {}, published: true };

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { access: 'public', request: () => ({ url: '/api/health' }) },
  'GET /api/health/live': { access: 'public', request: () => ({ url: '/api/health/live' }) },
  'GET /api/health/ready': { access: 'public', request: () => ({ url: '/api/health/ready' }) },
  'GET /api/projects': { access: 'public', request: () => ({ url: '/api/projects' }) },
  'GET /api/projects/:slug': {
    access: 'public',
    request: (ids) => ({ url: `/api/projects/${ids.slug}` }),
    bad: () => ({ url: '/api/projects/NOT%20A%20SLUG' }),
  },
  'POST /api/projects/:slug/contributions': {
    access: 'public',
    request: (ids) => ({ method: 'POST', url: `/api/projects/${ids.slug}/contributions` }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/projects/${ids.slug}/contributions`,
      ...json({ id: randomUUID(), category: 'nope', geometry: { type: 'Point', coordinates: INSIDE } }),
    }),
  },
  'GET /api/projects/:slug/contributions': {
    access: 'public',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/contributions` }),
    bad: (ids) => ({ url: `/api/projects/${ids.slug}/contributions?bbox=1,2,3` }),
  },
  'PATCH /api/contributions/:id': {
    access: 'participant',
    request: (ids) => ({
      method: 'PATCH',
      url: `/api/contributions/${ids.contribution}`,
      ...json({ story: 'changed' }),
    }),
    bad: (ids) => ({
      method: 'PATCH',
      url: `/api/contributions/${ids.contribution}`,
      ...json({ story: 42 }),
    }),
  },
  'DELETE /api/contributions/:id': {
    access: 'participant',
    request: (ids) => ({ method: 'DELETE', url: `/api/contributions/${ids.contribution}` }),
    bad: () => ({ method: 'DELETE', url: '/api/contributions/not-a-uuid' }),
  },
  'PUT /api/contributions/:id/photo': {
    access: 'participant',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/contributions/${ids.contribution}/photo`,
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from('not really a jpeg'),
    }),
    bad: (ids) => ({
      method: 'PUT',
      url: `/api/contributions/${ids.contribution}/photo`,
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from('GIF89a not a jpeg'),
    }),
  },
  'DELETE /api/contributions/:id/photo': {
    access: 'participant',
    request: (ids) => ({ method: 'DELETE', url: `/api/contributions/${ids.contribution}/photo` }),
  },
  'GET /api/contributions/:id/photo': {
    access: 'public',
    request: (ids) => ({ url: `/api/contributions/${ids.contribution}/photo` }),
    bad: () => ({ url: '/api/contributions/x/photo' }),
  },
  'GET /api/projects/:slug/me': {
    access: 'participant',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/me` }),
  },
  'PATCH /api/projects/:slug/me': {
    access: 'participant',
    request: (ids) => ({
      method: 'PATCH',
      url: `/api/projects/${ids.slug}/me`,
      ...json({ profile: { yearsInArea: 3 } }),
    }),
    bad: (ids) => ({
      method: 'PATCH',
      url: `/api/projects/${ids.slug}/me`,
      ...json({ profile: { yearsInArea: -3 } }),
    }),
  },
  'DELETE /api/projects/:slug/me': {
    access: 'participant',
    request: (ids) => ({ method: 'DELETE', url: `/api/projects/${ids.slug}/me` }),
  },
  'POST /api/contributions/:id/report': {
    access: 'public',
    request: (ids) => ({ method: 'POST', url: `/api/contributions/${ids.contribution}/report` }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/contributions/${ids.contribution}/report`,
      ...json({ reason: '' }),
    }),
  },
  'POST /api/auth/login': {
    access: 'public',
    request: () => ({ method: 'POST', url: '/api/auth/login' }),
    bad: () => ({
      method: 'POST',
      url: '/api/auth/login',
      ...json({ email: 'not an address', password: 'x' }),
    }),
  },
  'POST /api/auth/logout': { access: 'staff', request: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'GET /api/auth/me': { access: 'staff', request: () => ({ url: '/api/auth/me' }) },
  'GET /api/staff/users': { access: 'admin', request: () => ({ url: '/api/staff/users' }) },
  'POST /api/staff/users': {
    access: 'admin',
    request: () => ({
      method: 'POST',
      url: '/api/staff/users',
      ...json({ email: `walk-${randomUUID().slice(0, 6)}@example.org`, password: 'long enough password' }),
    }),
    bad: () => ({
      method: 'POST',
      url: '/api/staff/users',
      ...json({ email: 'x@example.org', password: 'short' }),
    }),
  },
  'PATCH /api/staff/users/:id': {
    access: 'admin',
    request: (ids) => ({ method: 'PATCH', url: `/api/staff/users/${ids.user}`, ...json({ disabled: true }) }),
    bad: (ids) => ({
      method: 'PATCH',
      url: `/api/staff/users/${ids.user}`,
      ...json({ roles: ['superuser'] }),
    }),
  },
  'DELETE /api/staff/users/:id': {
    access: 'admin',
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/users/${ids.user}` }),
    bad: () => ({ method: 'DELETE', url: '/api/staff/users/not-a-uuid' }),
  },
  'GET /api/staff/organisations': { access: 'staff', request: () => ({ url: '/api/staff/organisations' }) },
  'POST /api/staff/organisations': {
    access: 'operator',
    request: () => ({
      method: 'POST',
      url: '/api/staff/organisations',
      ...json({ slug: `walk-${randomUUID().slice(0, 6)}`, name: 'Walk kommune' }),
    }),
    bad: () => ({
      method: 'POST',
      url: '/api/staff/organisations',
      ...json({ slug: 'Not A Slug', name: 'Walk kommune' }),
    }),
  },
  'GET /api/staff/organisations/:org': {
    access: 'staff',
    request: () => ({ url: '/api/staff/organisations/default' }),
    bad: () => ({ url: '/api/staff/organisations/NOT%20A%20SLUG' }),
  },
  'PATCH /api/staff/organisations/:org': {
    access: 'admin',
    request: () => ({
      method: 'PATCH',
      url: '/api/staff/organisations/default',
      ...json({ name: 'Walked' }),
    }),
    bad: () => ({
      method: 'PATCH',
      url: '/api/staff/organisations/default',
      ...json({ primaryColour: 'red' }),
    }),
  },
  'PUT /api/staff/organisations/:org/logo': {
    access: 'admin',
    request: () => ({
      method: 'PUT',
      url: '/api/staff/organisations/default/logo',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from('not really a png'),
    }),
    bad: () => ({
      method: 'PUT',
      url: '/api/staff/organisations/default/logo',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from('GIF89a not a png'),
    }),
  },
  'DELETE /api/staff/organisations/:org/logo': {
    access: 'admin',
    request: () => ({ method: 'DELETE', url: '/api/staff/organisations/default/logo' }),
    bad: () => ({ method: 'DELETE', url: '/api/staff/organisations/NOT_A_SLUG/logo' }),
  },
  'GET /api/organisations/:org/logo': {
    access: 'public',
    request: () => ({ url: '/api/organisations/default/logo' }),
    bad: () => ({ url: '/api/organisations/NOT_A_SLUG/logo' }),
  },
  'GET /api/staff/tokens': { access: 'staff', request: () => ({ url: '/api/staff/tokens' }) },
  'POST /api/staff/tokens': {
    access: 'staff',
    request: () => ({ method: 'POST', url: '/api/staff/tokens', ...json({ name: 'walk' }) }),
    bad: () => ({ method: 'POST', url: '/api/staff/tokens', ...json({ name: '' }) }),
  },
  'DELETE /api/staff/tokens/:id': {
    access: 'staff',
    request: () => ({ method: 'DELETE', url: `/api/staff/tokens/${randomUUID()}` }),
    bad: () => ({ method: 'DELETE', url: '/api/staff/tokens/nope' }),
  },
  'GET /api/staff/audit': { access: 'admin', request: () => ({ url: '/api/staff/audit' }) },
  'GET /api/staff/projects/:slug/moderation': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/moderation` }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/moderation?queue=everything` }),
  },
  'POST /api/staff/contributions/:id/moderation': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/contributions/${ids.contribution}/moderation`,
      ...json({ action: 'hide', reason: 'walk' }),
    }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/staff/contributions/${ids.contribution}/moderation`,
      ...json({ action: 'burn' }),
    }),
  },
  'GET /api/staff/contributions/:id/photo': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/contributions/${ids.contribution}/photo` }),
  },
  'DELETE /api/staff/contributions/:id': {
    access: 'project-staff',
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/contributions/${ids.contribution}` }),
  },
  'DELETE /api/staff/contributions/:id/participant': {
    access: 'project-admin',
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/contributions/${ids.contribution}/participant` }),
  },
  'GET /api/projects/:slug/heatmap': {
    access: 'public',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/heatmap?cell=200` }),
    bad: (ids) => ({ url: `/api/projects/${ids.slug}/heatmap?cell=5` }),
  },
  'GET /ogc': { access: 'public', request: () => ({ url: '/ogc' }), bad: () => ({ url: '/ogc?f=xml' }) },
  'GET /ogc/conformance': { access: 'public', request: () => ({ url: '/ogc/conformance' }) },
  'GET /ogc/collections': { access: 'public', request: () => ({ url: '/ogc/collections' }) },
  'GET /ogc/collections/:collectionId': {
    access: 'public',
    request: (ids) => ({ url: `/ogc/collections/${ids.slug}.heatmap` }),
    bad: () => ({ url: '/ogc/collections/no.such.thing.here' }),
  },
  // Raw contributions: the project's planners (aggregate collections are public, as above).
  'GET /ogc/collections/:collectionId/items': {
    access: 'project-staff',
    request: (ids) => ({ url: `/ogc/collections/${ids.slug}.meeting-places/items` }),
    bad: (ids) => ({ url: `/ogc/collections/${ids.slug}.meeting-places/items?limit=0` }),
  },
  'GET /ogc/collections/:collectionId/items/:featureId': {
    access: 'project-staff',
    request: (ids) => ({ url: `/ogc/collections/${ids.slug}.meeting-places/items/${ids.contribution}` }),
  },
  // Whole-project downloads: the project's planners (admins hold every role).
  'GET /api/projects/:slug/export/summary': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/export/summary` }),
    bad: (ids) => ({ url: `/api/projects/${ids.slug}/export/summary?lang=not_a_language` }),
  },
  'GET /api/projects/:slug/export': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/export?format=csv` }),
    bad: (ids) => ({ url: `/api/projects/${ids.slug}/export?format=xlsx` }),
  },
  'GET /tiles/:slug/contributions/:z/:x/:y.mvt': {
    access: 'public',
    request: (ids) => ({ url: `/tiles/${ids.slug}/contributions/14/8647/4837.mvt` }),
    bad: (ids) => ({ url: `/tiles/${ids.slug}/contributions/14/99999/4837.mvt` }),
  },
  'GET /tiles/:slug/heatmap/:z/:x/:y.mvt': {
    access: 'public',
    request: (ids) => ({ url: `/tiles/${ids.slug}/heatmap/14/8647/4837.mvt` }),
    bad: (ids) => ({ url: `/tiles/${ids.slug}/heatmap/14/8647/4837.mvt?cell=5` }),
  },
  'GET /api/projects/:slug/reference-layers': {
    access: 'public',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/reference-layers` }),
    bad: () => ({ url: '/api/projects/NOT%20A%20SLUG/reference-layers' }),
  },
  'GET /api/staff/projects/:slug/reference-layers': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/reference-layers` }),
  },
  'POST /api/staff/projects/:slug/reference-layers': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/projects/${ids.slug}/reference-layers?name=Walk`,
      ...upload(REFERENCE_LAYER),
    }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/staff/projects/${ids.slug}/reference-layers?name=Walk`,
      ...upload({ type: 'FeatureCollection', features: [] }),
    }),
  },
  'PATCH /api/staff/reference-layers/:id': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'PATCH',
      url: `/api/staff/reference-layers/${ids.referenceLayer}`,
      ...json({ visible: false }),
    }),
    bad: (ids) => ({
      method: 'PATCH',
      url: `/api/staff/reference-layers/${ids.referenceLayer}`,
      ...json({ colour: 'red' }),
    }),
  },
  'DELETE /api/staff/reference-layers/:id': {
    access: 'project-staff',
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/reference-layers/${ids.referenceLayer}` }),
    bad: () => ({ method: 'DELETE', url: '/api/staff/reference-layers/not-a-uuid' }),
  },
  'GET /api/staff/projects/:slug/analysis/heatmap': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/heatmap?cell=100` }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/heatmap?cell=100&relation=alien` }),
  },
  'GET /api/staff/projects/:slug/analysis/points': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/points` }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/points?from=2024-99-01` }),
  },
  'GET /api/staff/projects/:slug/analysis/hot-spots': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/hot-spots?cell=250` }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/hot-spots?rings=9` }),
  },
  'GET /api/staff/projects/:slug/analysis/compare': {
    access: 'project-staff',
    request: (ids) => ({
      url: `/api/staff/projects/${ids.slug}/analysis/compare?a.relation=lives&b.relation=visitor`,
    }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/compare?a.ageBand=old` }),
  },
  'GET /api/staff/projects/:slug/analysis/contested': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/contested` }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/contested?category=least-liked` }),
  },
  'GET /api/staff/projects/:slug/analysis/stories': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/stories?search=walk` }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/stories?cell=100` }),
  },
  'GET /api/staff/projects/:slug/analysis/stats': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/stats` }),
    bad: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/stats?session=!` }),
  },
  'GET /api/staff/projects': { access: 'staff', request: () => ({ url: '/api/staff/projects' }) },
  'GET /api/projects/:slug/results': {
    access: 'public',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/results` }),
    bad: (ids) => ({ url: `/api/projects/${ids.slug}/results?cell=300` }),
  },
  'GET /api/staff/projects/:slug/updates': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/updates` }),
  },
  'POST /api/staff/projects/:slug/updates': {
    access: 'project-staff',
    request: (ids) => ({ method: 'POST', url: `/api/staff/projects/${ids.slug}/updates`, ...json(UPDATE) }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/staff/projects/${ids.slug}/updates`,
      ...json({ ...UPDATE, title: { xx: 'Not an offered language' } }),
    }),
  },
  'PUT /api/staff/projects/:slug/updates/:id': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}/updates/${ids.update}`,
      ...json({ ...UPDATE, published: false }),
    }),
    bad: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}/updates/${ids.update}`,
      ...json({ ...UPDATE, publishedOn: 'yesterday' }),
    }),
  },
  'DELETE /api/staff/projects/:slug/updates/:id': {
    access: 'project-staff',
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/projects/${ids.slug}/updates/${ids.update}` }),
    bad: (ids) => ({ method: 'DELETE', url: `/api/staff/projects/${ids.slug}/updates/not-a-uuid` }),
  },
  'PUT /api/staff/projects/:slug/place-names': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}/place-names`,
      ...json({ size: 200, cell: '3,-4', name: 'Torget' }),
    }),
    bad: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}/place-names`,
      ...json({ size: 300, cell: '3,-4', name: 'Torget' }),
    }),
  },
  'POST /api/staff/contributions/:id/featured': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/contributions/${ids.contribution}/featured`,
      ...json({ featured: true }),
    }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/staff/contributions/${ids.contribution}/featured`,
      ...json({ featured: 'please' }),
    }),
  },
  'POST /api/projects/:slug/sessions': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'POST',
      url: `/api/projects/${ids.slug}/sessions`,
      ...json({ title: 'Walk' }),
    }),
    bad: (ids) => ({ method: 'POST', url: `/api/projects/${ids.slug}/sessions`, ...json({ title: '' }) }),
  },
  'GET /api/staff/projects/:slug/sessions': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/sessions` }),
  },
  'GET /api/sessions/:code': {
    access: 'public',
    request: (ids) => ({ url: `/api/sessions/${ids.session}` }),
    bad: () => ({ url: '/api/sessions/no!' }),
  },
  'PATCH /api/sessions/:code': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'PATCH',
      url: `/api/sessions/${ids.session}`,
      ...json({ status: 'closed' }),
    }),
    bad: (ids) => ({ method: 'PATCH', url: `/api/sessions/${ids.session}`, ...json({ status: 'exploded' }) }),
  },
  'POST /api/staff/sessions/:code/contributions': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/sessions/${ids.session}/contributions`,
      ...json({
        id: randomUUID(),
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: INSIDE },
      }),
    }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/staff/sessions/${ids.session}/contributions`,
      ...json({
        id: randomUUID(),
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: [200, 0] },
      }),
    }),
  },
  'GET /api/staff/sessions/:code/summary': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/sessions/${ids.session}/summary` }),
  },
  'POST /api/sessions/:code/tablets/:tablet': {
    access: 'public',
    request: (ids) => ({
      method: 'POST',
      url: `/api/sessions/${ids.session}/tablets/t1`,
      ...json({ pending: 0 }),
    }),
    bad: (ids) => ({
      method: 'POST',
      url: `/api/sessions/${ids.session}/tablets/t1`,
      ...json({ pending: -1 }),
    }),
  },
  'GET /api/sessions/:code/tablets/:tablet': {
    access: 'public',
    request: (ids) => ({ url: `/api/sessions/${ids.session}/tablets/t1` }),
    bad: (ids) => ({ url: `/api/sessions/${ids.session}/tablets/not!a!tablet` }),
  },
  'PUT /api/staff/sessions/:code/tablets/:tablet': {
    access: 'project-staff',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/sessions/${ids.session}/tablets/t1`,
      ...json({ name: 'Vindusbordet' }),
    }),
    bad: (ids) => ({
      method: 'PUT',
      url: `/api/staff/sessions/${ids.session}/tablets/t1`,
      ...json({ name: 'x'.repeat(200) }),
    }),
  },
  'GET /api/projects/:slug/participation': {
    access: 'public',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/participation` }),
    bad: () => ({ url: '/api/projects/Not!A!Slug/participation' }),
  },
  'GET /api/sessions/:code/stream': {
    access: 'public',
    stream: true,
    request: (ids) => ({ url: `/api/sessions/${ids.session}/stream` }),
    bad: (ids) => ({ url: `/api/sessions/${ids.session}/stream`, headers: { 'last-event-id': 'abc' } }),
  },
  'POST /api/staff/projects': {
    access: 'admin',
    request: () => ({
      method: 'POST',
      url: '/api/staff/projects',
      ...json({ ...demoDefinition(), slug: 'walk-new' }),
    }),
    bad: () => ({
      method: 'POST',
      url: '/api/staff/projects',
      ...json({ ...demoDefinition(), slug: 'walk-new', k: 1 }),
    }),
  },
  'GET /api/staff/projects/:slug': {
    access: 'project-staff',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}` }),
  },
  'PUT /api/staff/projects/:slug': {
    access: 'project-admin',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}`,
      ...json({ ...demoDefinition(), slug: ids.slug, k: 9 }),
    }),
    bad: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}`,
      ...json({ ...demoDefinition(), slug: ids.slug, categories: [] }),
    }),
  },
};

let app: FastifyInstance;
let ids: Ids;
let participantToken: string;
let sessions: Record<
  'admin' | 'operator' | 'planner' | 'projectPlanner' | 'otherProjectAdmin',
  Awaited<ReturnType<typeof signIn>>
>;

/** A fingerprint of everything the routes could change. */
async function fingerprint(): Promise<string> {
  const { rows } = await app.pg.pool.query(`
    SELECT (SELECT md5(coalesce(string_agg(id::text || status || coalesce(story, '') || category_key
                                           || ST_AsText(geometry), ',' ORDER BY id), '')) FROM contributions) AS contributions,
           (SELECT md5(coalesce(string_agg(slug || title::text || k_anonymity, ',' ORDER BY slug), '')) FROM projects) AS projects,
           (SELECT md5(coalesce(string_agg(project_id::text || key || labels::text, ',' ORDER BY project_id, key), '')) FROM categories) AS categories,
           (SELECT md5(coalesce(string_agg(email || operator || disabled || password_hash, ',' ORDER BY email), '')) FROM users) AS users,
           (SELECT md5(coalesce(string_agg(slug || name || coalesce(primary_colour, '') || coalesce(logo_updated_at::text, ''),
                                           ',' ORDER BY slug), '')) FROM organisations) AS organisations,
           (SELECT md5(coalesce(string_agg(organisation_id::text || user_id::text || roles::text, ','
                                           ORDER BY organisation_id, user_id), '')) FROM organisation_members) AS members,
           (SELECT md5(coalesce(string_agg(project_id::text || user_id::text || role, ','
                                           ORDER BY project_id, user_id, role), '')) FROM project_members) AS project_members,
           (SELECT count(*) FROM participants) AS participants,
           (SELECT count(*) FROM photos) AS photos,
           (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL) AS tokens,
           (SELECT count(*) FROM contribution_flags) AS flags,
           (SELECT md5(coalesce(string_agg(code || status, ',' ORDER BY code), '')) FROM sessions) AS sessions,
           (SELECT count(*) FROM session_tablets) AS tablets,
           (SELECT md5(coalesce(string_agg(id::text || names::text || colour || visible, ',' ORDER BY id), ''))
              FROM reference_layers) AS reference_layers,
           (SELECT count(*) FROM reference_features) AS reference_features,
           (SELECT count(*) FROM contributions WHERE featured) AS featured,
           (SELECT md5(coalesce(string_agg(id::text || published || published_on || title::text || body::text, ','
                                           ORDER BY id), '')) FROM project_updates) AS project_updates`);
  return JSON.stringify(rows[0]);
}

beforeAll(async () => {
  app = await createTestApp();
  const slug = await createTestProject(app);
  const otherSlug = await createTestProject(app);
  participantToken = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
  const contribution = randomUUID();
  await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { authorization: `Bearer ${participantToken}` },
    payload: {
      id: contribution,
      category: 'meeting-places',
      geometry: { type: 'Point', coordinates: INSIDE },
      story: 'walk',
    },
  });
  const victim = await createStaffUser(app, ['facilitator']);
  const admin = await signIn(app, await createStaffUser(app, ['admin']));
  const session = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/sessions`,
    headers: admin.headers(),
    payload: { title: 'Route walk' },
  });
  const layer = await app.inject({
    method: 'POST',
    url: `/api/staff/projects/${slug}/reference-layers?name=Walk`,
    headers: { ...admin.headers(), 'content-type': 'application/geo+json' },
    payload: Buffer.from(JSON.stringify(REFERENCE_LAYER)),
  });
  const update = await app.inject({
    method: 'POST',
    url: `/api/staff/projects/${slug}/updates`,
    headers: admin.headers(),
    payload: UPDATE,
  });
  ids = {
    slug,
    contribution,
    user: victim.id,
    session: session.json().code,
    referenceLayer: layer.json().layer.id,
    update: update.json().id,
  };
  sessions = {
    admin: await signIn(app, await createStaffUser(app, ['admin'])),
    operator: await signIn(app, await createStaffUser(app, [], [], { operator: true })),
    planner: await signIn(app, await createStaffUser(app, ['planner'])),
    projectPlanner: await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }])),
    otherProjectAdmin: await signIn(
      app,
      await createStaffUser(app, [], [{ project: otherSlug, role: 'admin' }]),
    ),
  };
});
afterAll(async () => {
  await app.close();
});

const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

describe('every route', () => {
  it('has a security case here, and every case names a real route', () => {
    const served = app.routeTable.map(routeKey).sort();
    expect(Object.keys(ROUTES).sort()).toEqual(served);
  });

  for (const [name, route] of Object.entries(ROUTES)) {
    describe(name, () => {
      if (route.access === 'public' && !route.stream) {
        it('is open to anonymous callers (no 401 or 403)', async () => {
          const response = await app.inject(route.request(ids));
          expect([401, 403]).not.toContain(response.statusCode);
        });
      }

      if (route.access !== 'public') {
        it('refuses anonymous callers with 401 and changes nothing', async () => {
          const before = await fingerprint();
          const response = await app.inject(route.request(ids));
          expect(response.statusCode).toBe(401);
          expect(response.json().code).toBe('UNAUTHORIZED');
          expect(await fingerprint()).toBe(before);
        });
      }

      if (route.access === 'participant') {
        it('refuses another participant and changes nothing', async () => {
          const before = await fingerprint();
          const stranger = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
          const request = route.request(ids);
          const response = await app.inject({
            ...request,
            headers: { ...request.headers, authorization: `Bearer ${stranger}` },
          });
          // Own-data routes answer a stranger with their own (empty) data; the rest refuse.
          if (name.includes('/me')) expect([200, 204, 404]).toContain(response.statusCode);
          else expect(response.statusCode).toBe(403);
          expect(await fingerprint()).toBe(before);
        });
      }

      const wrongRole: keyof typeof sessions | undefined =
        route.access === 'admin'
          ? 'planner'
          : route.access === 'operator'
            ? 'admin'
            : route.access === 'project-staff' || route.access === 'project-admin'
              ? 'otherProjectAdmin'
              : undefined;
      if (route.access === 'project-admin') {
        it('refuses a planner of the project with 403 and changes nothing', async () => {
          const before = await fingerprint();
          const request = route.request(ids);
          const response = await app.inject({
            ...request,
            headers: { ...request.headers, ...sessions.projectPlanner.headers() },
          });
          expect(response.statusCode).toBe(403);
          expect(await fingerprint()).toBe(before);
        });
      }
      if (wrongRole) {
        it('refuses the wrong role with 403 and changes nothing', async () => {
          const before = await fingerprint();
          const request = route.request(ids);
          const response = await app.inject({
            ...request,
            headers: { ...request.headers, ...sessions[wrongRole].headers() },
          });
          expect(response.statusCode).toBe(403);
          expect(await fingerprint()).toBe(before);
        });
      }

      const method =
        route.request({
          slug: 's',
          contribution: 'c',
          user: 'u',
          session: 'S',
          referenceLayer: 'r',
          update: 'u',
        }).method ?? 'GET';
      const isWrite = method !== 'GET';
      if (isWrite && route.access !== 'public' && route.access !== 'participant') {
        it('refuses a cookie-authenticated write without the CSRF token', async () => {
          const before = await fingerprint();
          const request = route.request(ids);
          const response = await app.inject({
            ...request,
            headers: { ...request.headers, cookie: sessions.admin.cookie },
          });
          expect(response.statusCode).toBe(403);
          expect(response.json().code).toBe('CSRF_FAILED');
          expect(await fingerprint()).toBe(before);
        });
      }

      if (route.bad) {
        const bad = route.bad;
        it('answers bad input from an authorised caller with a 4xx and a reason, changing nothing', async () => {
          const before = await fingerprint();
          const request = bad(ids);
          const authorisation =
            route.access === 'participant'
              ? { authorization: `Bearer ${participantToken}` }
              : route.access === 'public'
                ? {}
                : route.access === 'operator'
                  ? sessions.operator.headers()
                  : sessions.admin.headers();
          const response = await app.inject({
            ...request,
            headers: { ...request.headers, ...authorisation },
          });
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.json().message.length).toBeGreaterThan(5);
          expect(await fingerprint()).toBe(before);
        });
      }
    });
  }
});
