import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { EXPORT_FORMATS } from '@nabolag/schema';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, demoDefinition, INSIDE, signIn } from '../testing/test-app.ts';
import {
  createOrganisationWithData,
  fingerprint,
  type Ids,
  type Organisation,
  REFERENCE_LAYER,
  type Signed,
  UPDATE,
} from './organisation-isolation.setup.ts';

/**
 * Issue #10's proof that one organisation's staff cannot read, export or change another's raw
 * data. Every route of the server is classified below (the list is checked against the route
 * table, so a new route must be classified here too):
 * - `public`: anybody (public pages, aggregates, participants' own data by their token);
 * - `own-account`: the caller's own account (sign-out, tokens, their organisations and projects),
 *   whose answers are checked for other organisations' data separately;
 * - `instance`: the instance operator's (creating organisations);
 * - an organisation-scoped case: a request on organisation A's resources that B's admin, planner
 *   and facilitator must be refused (403/404, nothing of A's changed), that an operator who is no
 *   member must be refused when it is raw data, and that A's own `owner` role succeeds in.
 */
interface Scoped {
  request: (ids: Ids) => InjectOptions;
  /** Who in the owning organisation may make the request (it succeeds with a 2xx). */
  owner: 'admin' | 'planner' | 'facilitator';
  /** Organisation management the operator may do (users, audit, branding); raw data otherwise. */
  management?: true;
  /** A server-sent event stream never ends: only the refusals are checked. */
  stream?: true;
}
type RouteCase = 'public' | 'own-account' | 'instance' | Scoped;

const json = (payload: unknown) => ({ payload: payload as Record<string, unknown> });
const upload = (geojson: unknown) => ({
  headers: { 'content-type': 'application/geo+json' },
  payload: Buffer.from(JSON.stringify(geojson)),
});
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'GET /api/projects': 'public',
  'GET /api/projects/:slug': 'public',
  'POST /api/projects/:slug/contributions': 'public',
  'GET /api/projects/:slug/contributions': 'public',
  'PATCH /api/contributions/:id': 'public',
  'DELETE /api/contributions/:id': 'public',
  'PUT /api/contributions/:id/photo': 'public',
  'DELETE /api/contributions/:id/photo': 'public',
  'GET /api/contributions/:id/photo': 'public',
  'GET /api/projects/:slug/me': 'public',
  'PATCH /api/projects/:slug/me': 'public',
  'DELETE /api/projects/:slug/me': 'public',
  'POST /api/contributions/:id/report': 'public',
  'GET /api/projects/:slug/heatmap': 'public',
  'GET /api/projects/:slug/results': 'public',
  'GET /api/projects/:slug/reference-layers': 'public',
  'GET /ogc': 'public',
  'GET /ogc/conformance': 'public',
  // Lists raw collections only where the caller holds a role: checked below.
  'GET /ogc/collections': 'public',
  'GET /ogc/collections/:collectionId': 'public',
  'GET /tiles/:slug/contributions/:z/:x/:y.mvt': 'public',
  'GET /tiles/:slug/heatmap/:z/:x/:y.mvt': 'public',
  'GET /api/sessions/:code': 'public',
  'POST /api/sessions/:code/tablets/:tablet': 'public',
  'GET /api/sessions/:code/tablets/:tablet': 'public',
  'GET /api/projects/:slug/participation': 'public',
  'GET /api/sessions/:code/stream': 'public',
  'GET /api/organisations/:org/logo': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'own-account',
  'GET /api/auth/me': 'own-account',
  'GET /api/staff/tokens': 'own-account',
  'POST /api/staff/tokens': 'own-account',
  'DELETE /api/staff/tokens/:id': 'own-account',
  'GET /api/staff/projects': 'own-account',
  'GET /api/staff/organisations': 'own-account',
  'POST /api/staff/organisations': 'instance',

  'GET /api/staff/organisations/:org': {
    owner: 'admin',
    management: true,
    request: (ids) => ({ url: `/api/staff/organisations/${ids.organisation}` }),
  },
  'PATCH /api/staff/organisations/:org': {
    owner: 'admin',
    management: true,
    request: (ids) => ({
      method: 'PATCH',
      url: `/api/staff/organisations/${ids.organisation}`,
      ...json({ name: 'Overtatt kommune', primaryColour: '#aa0000' }),
    }),
  },
  'PUT /api/staff/organisations/:org/logo': {
    owner: 'admin',
    management: true,
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/organisations/${ids.organisation}/logo`,
      headers: { 'content-type': 'image/png' },
      payload: PNG,
    }),
  },
  'DELETE /api/staff/organisations/:org/logo': {
    owner: 'admin',
    management: true,
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/organisations/${ids.organisation}/logo` }),
  },
  'GET /api/staff/users': {
    owner: 'admin',
    management: true,
    request: (ids) => ({ url: `/api/staff/users?organisation=${ids.organisation}` }),
  },
  'POST /api/staff/users': {
    owner: 'admin',
    management: true,
    request: (ids) => ({
      method: 'POST',
      url: '/api/staff/users',
      ...json({
        organisation: ids.organisation,
        email: `iso-${randomUUID().slice(0, 8)}@example.org`,
        password: 'long enough password',
        roles: ['planner'],
      }),
    }),
  },
  'PATCH /api/staff/users/:id': {
    owner: 'admin',
    management: true,
    request: (ids) => ({
      method: 'PATCH',
      // A spare member: a new password signs the person out everywhere.
      url: `/api/staff/users/${ids.doomedUser}?organisation=${ids.organisation}`,
      ...json({ name: 'Renamed', password: 'a new long enough password' }),
    }),
  },
  'DELETE /api/staff/users/:id': {
    owner: 'admin',
    management: true,
    request: (ids) => ({
      method: 'DELETE',
      url: `/api/staff/users/${ids.doomedUser}?organisation=${ids.organisation}`,
    }),
  },
  'GET /api/staff/audit': {
    owner: 'admin',
    management: true,
    request: (ids) => ({ url: `/api/staff/audit?organisation=${ids.organisation}` }),
  },
  'POST /api/staff/projects': {
    owner: 'admin',
    management: true,
    request: (ids) => ({
      method: 'POST',
      url: '/api/staff/projects',
      ...json({
        ...demoDefinition(),
        slug: `iso-${randomUUID().slice(0, 8)}`,
        organisation: ids.organisation,
      }),
    }),
  },
  'GET /api/staff/projects/:slug': {
    owner: 'facilitator',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}` }),
  },
  'PUT /api/staff/projects/:slug': {
    owner: 'admin',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}`,
      ...json({ ...demoDefinition(), slug: ids.slug, k: 9 }),
    }),
  },
  'GET /api/staff/projects/:slug/moderation': {
    owner: 'planner',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/moderation` }),
  },
  'POST /api/staff/contributions/:id/moderation': {
    owner: 'planner',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/contributions/${ids.moderated}/moderation`,
      ...json({ action: 'hide', reason: 'isolation' }),
    }),
  },
  'GET /api/staff/contributions/:id/photo': {
    owner: 'planner',
    request: (ids) => ({ url: `/api/staff/contributions/${ids.contribution}/photo` }),
  },
  'DELETE /api/staff/contributions/:id': {
    owner: 'planner',
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/contributions/${ids.doomed}` }),
  },
  'DELETE /api/staff/contributions/:id/participant': {
    owner: 'admin',
    request: (ids) => ({
      method: 'DELETE',
      url: `/api/staff/contributions/${ids.doomedParticipant}/participant`,
    }),
  },
  'POST /api/staff/contributions/:id/featured': {
    owner: 'planner',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/contributions/${ids.featurable}/featured`,
      ...json({ featured: true }),
    }),
  },
  'GET /ogc/collections/:collectionId/items': {
    owner: 'planner',
    request: (ids) => ({ url: `/ogc/collections/${ids.slug}.meeting-places/items` }),
  },
  'GET /ogc/collections/:collectionId/items/:featureId': {
    owner: 'planner',
    request: (ids) => ({ url: `/ogc/collections/${ids.slug}.meeting-places/items/${ids.contribution}` }),
  },
  'GET /api/projects/:slug/export/summary': {
    owner: 'planner',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/export/summary` }),
  },
  'GET /api/projects/:slug/export': {
    owner: 'planner',
    request: (ids) => ({ url: `/api/projects/${ids.slug}/export?format=geojson` }),
  },
  'GET /api/staff/projects/:slug/reference-layers': {
    owner: 'planner',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/reference-layers` }),
  },
  'POST /api/staff/projects/:slug/reference-layers': {
    owner: 'planner',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/projects/${ids.slug}/reference-layers?name=Inntrenger`,
      ...upload(REFERENCE_LAYER),
    }),
  },
  'PATCH /api/staff/reference-layers/:id': {
    owner: 'planner',
    request: (ids) => ({
      method: 'PATCH',
      url: `/api/staff/reference-layers/${ids.referenceLayer}`,
      ...json({ visible: false }),
    }),
  },
  'DELETE /api/staff/reference-layers/:id': {
    owner: 'planner',
    request: (ids) => ({ method: 'DELETE', url: `/api/staff/reference-layers/${ids.doomedLayer}` }),
  },
  ...Object.fromEntries(
    [
      'heatmap?cell=100',
      'points',
      'hot-spots?cell=250',
      'compare?a.relation=lives&b.relation=visitor',
      'contested',
      'stories',
      'stats',
    ].map((analysis): [string, Scoped] => [
      `GET /api/staff/projects/:slug/analysis/${analysis.split('?')[0]}`,
      {
        owner: 'planner',
        request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/analysis/${analysis}` }),
      },
    ]),
  ),
  'PUT /api/staff/projects/:slug/place-names': {
    owner: 'planner',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}/place-names`,
      ...json({ size: 200, cell: '3,-4', name: 'Torget' }),
    }),
  },
  'GET /api/staff/projects/:slug/updates': {
    owner: 'planner',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/updates` }),
  },
  'POST /api/staff/projects/:slug/updates': {
    owner: 'planner',
    request: (ids) => ({ method: 'POST', url: `/api/staff/projects/${ids.slug}/updates`, ...json(UPDATE) }),
  },
  'PUT /api/staff/projects/:slug/updates/:id': {
    owner: 'planner',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/projects/${ids.slug}/updates/${ids.update}`,
      ...json({ ...UPDATE, published: false }),
    }),
  },
  'DELETE /api/staff/projects/:slug/updates/:id': {
    owner: 'planner',
    request: (ids) => ({
      method: 'DELETE',
      url: `/api/staff/projects/${ids.slug}/updates/${ids.doomedUpdate}`,
    }),
  },
  'POST /api/projects/:slug/sessions': {
    owner: 'facilitator',
    request: (ids) => ({
      method: 'POST',
      url: `/api/projects/${ids.slug}/sessions`,
      ...json({ title: 'Inntrenger' }),
    }),
  },
  'GET /api/staff/projects/:slug/sessions': {
    owner: 'facilitator',
    request: (ids) => ({ url: `/api/staff/projects/${ids.slug}/sessions` }),
  },
  'PATCH /api/sessions/:code': {
    owner: 'facilitator',
    request: (ids) => ({
      method: 'PATCH',
      url: `/api/sessions/${ids.closingSession}`,
      ...json({ status: 'closed' }),
    }),
  },
  'POST /api/staff/sessions/:code/contributions': {
    owner: 'facilitator',
    request: (ids) => ({
      method: 'POST',
      url: `/api/staff/sessions/${ids.session}/contributions`,
      ...json({
        id: randomUUID(),
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: INSIDE },
      }),
    }),
  },
  'GET /api/staff/sessions/:code/summary': {
    owner: 'facilitator',
    request: (ids) => ({ url: `/api/staff/sessions/${ids.session}/summary` }),
  },
  'PUT /api/staff/sessions/:code/tablets/:tablet': {
    owner: 'facilitator',
    request: (ids) => ({
      method: 'PUT',
      url: `/api/staff/sessions/${ids.session}/tablets/t1`,
      ...json({ name: 'Vindusbordet' }),
    }),
  },
};

const scoped = Object.entries(ROUTES).filter(
  (entry): entry is [string, Scoped] => typeof entry[1] === 'object',
);

let app: FastifyInstance;
let a: Organisation;
let b: Organisation;
let operator: Signed;

beforeAll(async () => {
  app = await createTestApp();
  a = await createOrganisationWithData(app, 'a');
  b = await createOrganisationWithData(app, 'b');
  // The operator is a member of `default` only (createStaffUser puts everybody somewhere), not of A or B.
  operator = await signIn(app, await createStaffUser(app, [], [], { operator: true }));
});
afterAll(async () => {
  await app?.close();
});

const send = (request: InjectOptions, who: Signed) =>
  app.inject({ ...request, headers: { ...request.headers, ...who.headers() } });

describe('organisation isolation, route by route', () => {
  it('classifies every route of the server, and every listed route exists', () => {
    const served = app.routeTable.map((route) => `${route.method} ${route.url}`).sort();
    const unlisted = served.filter((route) => !(route in ROUTES));
    expect(unlisted, 'routes this walk does not classify').toEqual([]);
    expect(Object.keys(ROUTES).sort()).toEqual(served);
  });

  for (const [name, route] of scoped) {
    describe(name, () => {
      for (const role of ['admin', 'planner', 'facilitator'] as const) {
        it(`refuses B's ${role} on A's resources and changes nothing of A's`, async () => {
          const before = await fingerprint(app, a.id);
          const response = await send(route.request(a.ids), b[role]);
          expect([403, 404], response.body.slice(0, 300)).toContain(response.statusCode);
          expect(await fingerprint(app, a.id)).toBe(before);
        });
      }
      if (!route.management) {
        it('refuses an operator who is a member of neither organisation', async () => {
          for (const organisation of [a, b]) {
            const before = await fingerprint(app, organisation.id);
            const response = await send(route.request(organisation.ids), operator);
            expect([403, 404], response.body.slice(0, 300)).toContain(response.statusCode);
            expect(await fingerprint(app, organisation.id)).toBe(before);
          }
        });
      }
    });
  }
});

describe('exports and OGC hold only the caller organisation’s contributions', () => {
  const uuids = (text: string) =>
    new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []);
  const allOf = (organisation: Organisation) => [...organisation.exported, ...organisation.participants];

  // Every format in both layouts. Ids are text in each: GeoJSON, CSV and KML are text; zips (per
  // category, shapefiles) are unpacked, and a shapefile's DBF and a GeoPackage (SQLite) store text
  // fields as plain bytes, so scanning the bytes finds every id a GIS would show.
  for (const format of EXPORT_FORMATS) {
    for (const layout of ['per-category', 'single']) {
      it(`${format} (${layout}): B's planner gets B's ids and none of A's`, async () => {
        const response = await send(
          { url: `/api/projects/${b.ids.slug}/export?format=${format}&layout=${layout}` },
          b.planner,
        );
        expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
        const bytes = response.rawPayload;
        const isZip = bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER;
        const text = isZip
          ? [...unzip(bytes).values()].map((entry) => entry.toString('latin1')).join('\n')
          : bytes.toString('latin1');
        const found = uuids(text);
        for (const id of allOf(a)) expect(found.has(id), `A's id ${id} in B's ${format} export`).toBe(false);
        // B's own contributions are there (else the check above would prove nothing).
        expect(found.has(b.ids.contribution)).toBe(true);
        expect(found.has(b.ids.pending)).toBe(true);
      });
    }
  }

  it("B's planner cannot export A's project in any format", async () => {
    for (const format of EXPORT_FORMATS) {
      const response = await send({ url: `/api/projects/${a.ids.slug}/export?format=${format}` }, b.planner);
      expect([403, 404]).toContain(response.statusCode);
    }
  });

  it("OGC lists A's raw collections to nobody but A, and B's items are B's", async () => {
    const ids = async (who?: Signed) => {
      const response = who
        ? await send({ url: '/ogc/collections' }, who)
        : await app.inject({ url: '/ogc/collections' });
      expect(response.statusCode).toBe(200);
      return (response.json().collections as Array<{ id: string }>).map((collection) => collection.id);
    };
    const publicIds = new Set(await ids());
    const ofA = (list: string[]) => list.filter((id) => id.startsWith(`${a.ids.slug}.`));
    for (const who of [b.admin, b.planner, b.facilitator, operator]) {
      expect(ofA(await ids(who)).filter((id) => !publicIds.has(id))).toEqual([]);
    }
    // A's planner does see A's raw collection, and B's planner B's (so the check can fail).
    expect(ofA(await ids(a.planner))).toContain(`${a.ids.slug}.meeting-places`);
    expect(await ids(b.planner)).toContain(`${b.ids.slug}.meeting-places`);

    const items = await send(
      { url: `/ogc/collections/${b.ids.slug}.meeting-places/items?limit=1000` },
      b.planner,
    );
    expect(items.statusCode).toBe(200);
    const found = uuids(items.body);
    for (const id of allOf(a)) expect(found.has(id)).toBe(false);
    expect(found.has(b.ids.contribution)).toBe(true);
  });
});

describe("B's admin in users, audit and organisations", () => {
  it("lists only B's members and cannot reach A's users through B", async () => {
    const list = await send({ url: '/api/staff/users' }, b.admin);
    expect(list.statusCode, list.body).toBe(200);
    const listed = new Set((list.json().users as Array<{ id: string }>).map((user) => user.id));
    expect(listed.has(a.ids.user)).toBe(false);
    expect(listed.has(b.ids.user)).toBe(true);
    const before = await fingerprint(app, a.id);
    for (const request of [
      { method: 'PATCH' as const, url: `/api/staff/users/${a.ids.user}`, ...json({ disabled: true }) },
      {
        method: 'PATCH' as const,
        url: `/api/staff/users/${a.ids.user}?organisation=${b.ids.organisation}`,
        ...json({ password: 'taken over, long enough' }),
      },
      { method: 'DELETE' as const, url: `/api/staff/users/${a.ids.user}?organisation=${b.ids.organisation}` },
    ]) {
      const response = await send(request, b.admin);
      expect([403, 404], `${request.method} ${request.url}: ${response.body}`).toContain(response.statusCode);
    }
    // Adding A's facilitator's e-mail to B must not hand B their password or roles in A.
    expect(await fingerprint(app, a.id)).toBe(before);
  });

  it("cannot give anybody a role in A's project, nor take over A's staff by e-mail", async () => {
    const before = await fingerprint(app, a.id);
    const grant = [{ project: a.ids.slug, role: 'admin' }];
    const patched = await send(
      {
        method: 'PATCH',
        url: `/api/staff/users/${b.ids.user}?organisation=${b.ids.organisation}`,
        ...json({ projectRoles: grant }),
      },
      b.admin,
    );
    expect(patched.statusCode, patched.body).toBe(404);
    const created = await send(
      {
        method: 'POST',
        url: '/api/staff/users',
        ...json({
          organisation: b.ids.organisation,
          email: `iso-${randomUUID().slice(0, 8)}@example.org`,
          password: 'long enough password',
          projectRoles: grant,
        }),
      },
      b.admin,
    );
    expect(created.statusCode, created.body).toBe(404);
    // A's facilitator's e-mail added to B makes them a member of B, with their own password still.
    const password = 'B chose this password for them';
    const added = await send(
      {
        method: 'POST',
        url: '/api/staff/users',
        ...json({ organisation: b.ids.organisation, email: a.userEmail, password }),
      },
      b.admin,
    );
    expect(added.statusCode, added.body).toBeLessThan(500);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: a.userEmail, password },
    });
    expect(login.statusCode).toBe(401);
    expect(await fingerprint(app, a.id)).toBe(before);
  });

  it("sees no audit entry of A's", async () => {
    const response = await send({ url: '/api/staff/audit' }, b.admin);
    expect(response.statusCode, response.body).toBe(200);
    const entries = response.json().entries as Array<{ organisation: string | null; project: string | null }>;
    expect(
      entries.filter((entry) => entry.organisation === a.ids.organisation || entry.project === a.ids.slug),
    ).toEqual([]);
    const own = await send({ url: '/api/staff/audit' }, a.admin);
    expect(
      (own.json().entries as Array<{ project: string | null }>).some((entry) => entry.project === a.ids.slug),
    ).toBe(true);
  });

  it("sees neither A's organisation nor A's projects in its own lists", async () => {
    for (const who of [b.admin, b.planner, b.facilitator]) {
      const organisations = await send({ url: '/api/staff/organisations' }, who);
      expect(organisations.statusCode).toBe(200);
      const slugs = (organisations.json().organisations as Array<{ slug: string }>).map(
        (entry) => entry.slug,
      );
      expect(slugs).toEqual([b.ids.organisation]);
      const projects = await send({ url: '/api/staff/projects' }, who);
      expect(projects.statusCode).toBe(200);
      const listed = JSON.stringify(projects.json());
      expect(listed).not.toContain(a.ids.slug);
      expect(listed).toContain(b.ids.slug);
    }
  });
});

describe("A's own staff succeed on A's resources (so the refusals above can fail)", () => {
  for (const [name, route] of scoped) {
    if (route.stream) continue;
    it(`${name}: A's ${route.owner}`, async () => {
      const response = await send(route.request(a.ids), a[route.owner]);
      expect(response.statusCode, response.body.slice(0, 300)).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(300);
    });
  }
});

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END = 0x06054b50;

/** The entries of a zip archive (stored or deflated; no zip64), by name. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || archive.readUInt32LE(end) !== ZIP_END) throw new Error('not a zip archive');
  const entries = new Map<string, Buffer>();
  let at = archive.readUInt32LE(end + 16);
  for (let n = archive.readUInt16LE(end + 10); n > 0; n -= 1) {
    if (archive.readUInt32LE(at) !== ZIP_CENTRAL_HEADER) throw new Error('broken zip central directory');
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + size);
    entries.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + skip;
  }
  return entries;
}
