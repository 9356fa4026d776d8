import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AddressFixtureServer,
  fixtureAddress,
  startAddressFixtureServer,
} from '../../testing/address-fixtures.ts';
import { createStaffUser, createTestApp, createTestProject, signIn } from '../../testing/test-app.ts';

// Two spots in Torstrand about 700 m apart, [longitude, latitude].
const CHURCH: [number, number] = [10.0152, 59.0481];
const HARBOUR: [number, number] = [10.0251, 59.0449];
/** The address search's time limit in these tests, ms. */
const TIMEOUT_MS = 400;

const token = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

type TopPlace = { id: string; centre: [number, number]; label: string | null; labelSource: string | null };

let fixtures: AddressFixtureServer;
let app: FastifyInstance;

/** Five people (the project's k) name `point` in `category`. */
async function fivePeopleAt(
  target: FastifyInstance,
  slug: string,
  point: [number, number],
  category: string,
) {
  for (let index = 0; index < 5; index += 1) {
    const response = await target.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: { authorization: `Bearer ${token()}` },
      payload: { id: randomUUID(), category, geometry: { type: 'Point', coordinates: point } },
    });
    expect(response.statusCode).toBe(201);
  }
}

async function topPlaces(target: FastifyInstance, slug: string, category = 'meeting-places') {
  const response = await target.inject({ url: `/api/projects/${slug}/results` });
  expect(response.statusCode).toBe(200);
  return response.json().categories.find((entry: { key: string }) => entry.key === category)
    .topPlaces as TopPlace[];
}

/** What the fixture calls the place whose centre is `centre` (it is asked with 6 decimals). */
const expectedAddress = (centre: [number, number]) =>
  fixtureAddress(Number(centre[1].toFixed(6)), Number(centre[0].toFixed(6)));

beforeAll(async () => {
  fixtures = await startAddressFixtureServer();
  app = await createTestApp({ addressSearch: { url: fixtures.url, timeoutMs: TIMEOUT_MS } });
});
afterAll(async () => {
  await app?.close();
  await fixtures?.close();
});

describe('place names on the results page', () => {
  it('names places by their nearest address, asks once, and keeps the answer', async () => {
    const slug = await createTestProject(app);
    await fivePeopleAt(app, slug, CHURCH, 'meeting-places');
    await fivePeopleAt(app, slug, HARBOUR, 'meeting-places');
    const before = fixtures.requests.length;
    const places = await topPlaces(app, slug);
    expect(places).toHaveLength(2);
    for (const place of places) {
      expect(place).toMatchObject({ label: expectedAddress(place.centre), labelSource: 'address' });
      expect(place.label).not.toMatch(/Place \d/);
    }
    // The 200 m hexagon's own size as the search radius.
    expect(fixtures.requests.slice(before).every((request) => request.endsWith(',200'))).toBe(true);
    expect(fixtures.requests.length - before).toBe(2);
    // Read again: from the database, without asking the address search.
    expect(await topPlaces(app, slug)).toEqual(places);
    expect(fixtures.requests.length - before).toBe(2);
    const { rows } = await app.pg.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM place_names n JOIN projects p ON p.id = n.project_id
       WHERE p.slug = $1 AND n.source = 'address' AND n.size_m = 200`,
      [slug],
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('remembers that no address is near and does not ask again', async () => {
    const slug = await createTestProject(app);
    await fivePeopleAt(app, slug, CHURCH, 'landmarks');
    fixtures.setEmpty(true);
    try {
      const [place] = await topPlaces(app, slug, 'landmarks');
      expect(place).toMatchObject({ label: null, labelSource: null });
    } finally {
      fixtures.setEmpty(false);
    }
    const asked = fixtures.requests.length;
    // The address search now has one, but the stored answer (none) is kept: not asked again.
    expect((await topPlaces(app, slug, 'landmarks'))[0]?.labelSource).toBeNull();
    expect(fixtures.requests.length).toBe(asked);
  });

  it('also names the staff analysis’ most-named places', async () => {
    const slug = await createTestProject(app);
    await fivePeopleAt(app, slug, HARBOUR, 'community');
    const planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
    const stats = await app.inject({
      url: `/api/staff/projects/${slug}/analysis/stats?cell=200`,
      headers: planner.headers(),
    });
    expect(stats.statusCode).toBe(200);
    const [place] = stats.json().topPlaces as Array<TopPlace & { cell: string }>;
    expect(place).toMatchObject({ labelSource: 'address' });
    expect(place?.label).toBe(expectedAddress(place?.centre as [number, number]));
  });
});

describe('PUT /api/staff/projects/:slug/place-names', () => {
  let slug: string;
  let planner: Awaited<ReturnType<typeof signIn>>;
  let place: TopPlace;
  const rename = (payload: object, headers = planner.headers()) =>
    app.inject({ method: 'PUT', url: `/api/staff/projects/${slug}/place-names`, headers, payload });

  beforeAll(async () => {
    slug = await createTestProject(app);
    planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
    await fivePeopleAt(app, slug, CHURCH, 'meeting-places');
    [place] = (await topPlaces(app, slug)) as [TopPlace];
  });

  it('lets a planner name a place; the name wins over the address, and is audited', async () => {
    const response = await rename({ size: 200, cell: place.id, name: '  Trappa ved kirka ' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      size: 200,
      cell: place.id,
      label: 'Trappa ved kirka',
      labelSource: 'planner',
    });
    expect((await topPlaces(app, slug))[0]).toMatchObject({
      label: 'Trappa ved kirka',
      labelSource: 'planner',
    });
    const { rows } = await app.pg.pool.query<{ action: string; details: { name: string; was: null } }>(
      `SELECT a.action, a.details FROM audit_log a JOIN projects p ON p.id = a.project_id
       WHERE p.slug = $1 AND a.target_type = 'place' ORDER BY a.id`,
      [slug],
    );
    expect(rows).toEqual([
      { action: 'place-name.set', details: expect.objectContaining({ name: 'Trappa ved kirka', was: null }) },
    ]);

    // Removed: the address shows again.
    const removed = await rename({ size: 200, cell: place.id, name: null });
    expect(removed.json()).toMatchObject({ label: expectedAddress(place.centre), labelSource: 'address' });
    expect((await topPlaces(app, slug))[0]).toMatchObject({ labelSource: 'address' });
    await rename({ size: 200, cell: place.id, name: 'Trappa ved kirka' });
  });

  it('refuses bad input with a reason and changes nothing', async () => {
    const cases: Array<[object, RegExp]> = [
      [{ size: 300, cell: place.id, name: 'X' }, /size must be one of/],
      [{ size: 200, cell: 'here', name: 'X' }, /cell must be q,r/],
      [{ size: 200, cell: place.id, name: '   ' }, /must not be empty/],
      [{ size: 200, cell: place.id, name: 'x'.repeat(121) }, /at most 120/],
      [{ size: 200, cell: place.id }, /name/],
    ];
    for (const [payload, message] of cases) {
      const response = await rename(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    expect((await topPlaces(app, slug))[0]).toMatchObject({
      label: 'Trappa ved kirka',
      labelSource: 'planner',
    });
  });

  it('is for the project’s planners only', async () => {
    const signedOut = await app.inject({
      method: 'PUT',
      url: `/api/staff/projects/${slug}/place-names`,
      payload: { size: 200, cell: place.id, name: 'Nope' },
    });
    expect(signedOut.statusCode).toBe(401);
    const other = await createTestProject(app);
    const stranger = await signIn(app, await createStaffUser(app, [], [{ project: other, role: 'planner' }]));
    expect((await rename({ size: 200, cell: place.id, name: 'Nope' }, stranger.headers())).statusCode).toBe(
      403,
    );
    const facilitator = await signIn(
      app,
      await createStaffUser(app, [], [{ project: slug, role: 'facilitator' }]),
    );
    expect(
      (await rename({ size: 200, cell: place.id, name: 'Nope' }, facilitator.headers())).statusCode,
    ).toBe(403);
    expect((await topPlaces(app, slug))[0]?.label).toBe('Trappa ved kirka');
  });
});

describe('when the address search fails', () => {
  it('answers at once with what it knows when the address search is down, never a 500', async () => {
    const down = await startAddressFixtureServer();
    const url = down.url;
    await down.close(); // nothing listens there now
    const offline = await createTestApp({ addressSearch: { url, timeoutMs: TIMEOUT_MS } });
    try {
      const slug = await createTestProject(offline);
      await fivePeopleAt(offline, slug, HARBOUR, 'meeting-places');
      const started = performance.now();
      const [place] = await topPlaces(offline, slug);
      expect(place).toMatchObject({ label: null, labelSource: null });
      expect(performance.now() - started).toBeLessThan(5000);
      // Nothing stored: asked again once the search is back.
      const { rows } = await offline.pg.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM place_names n JOIN projects p ON p.id = n.project_id WHERE p.slug = $1`,
        [slug],
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await offline.close();
    }
  });

  it('does not keep the page waiting on a slow address search; the answer is kept for the next reader', async () => {
    const slow = await startAddressFixtureServer();
    slow.setDelay(TIMEOUT_MS * 3);
    const patient = await createTestApp({
      addressSearch: { url: slow.url, timeoutMs: TIMEOUT_MS, retryAfterMs: 0 },
    });
    try {
      const slug = await createTestProject(patient);
      await fivePeopleAt(patient, slug, CHURCH, 'meeting-places');
      const started = performance.now();
      const [place] = await topPlaces(patient, slug);
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 2 + 1500);
      expect(place?.labelSource).toBeNull();
      slow.setDelay(0);
      await expect
        .poll(async () => (await topPlaces(patient, slug))[0]?.labelSource, { timeout: 10_000 })
        .toBe('address');
    } finally {
      await patient.close();
      await slow.close();
    }
  });
});
