import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, createTestProject, signIn } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;
let planner: Awaited<ReturnType<typeof signIn>>;

// Two spots in Torstrand about 700 m apart, [longitude, latitude].
const CHURCH: [number, number] = [10.0152, 59.0481];
const HARBOUR: [number, number] = [10.0251, 59.0449];

const token = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
const send = async (
  point: [number, number],
  person: string,
  category = 'meeting-places',
  story: string | undefined = undefined,
) => {
  const id = randomUUID();
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { authorization: `Bearer ${person}` },
    payload: { id, category, geometry: { type: 'Point', coordinates: point }, ...(story ? { story } : {}) },
  });
  expect(response.statusCode).toBe(201);
  return id;
};
const results = async (query = '') => {
  const response = await app.inject({ url: `/api/projects/${slug}/results${query}` });
  expect(response.statusCode).toBe(200);
  return response.json();
};
const feature = (id: string, featured = true) =>
  app.inject({
    method: 'POST',
    url: `/api/staff/contributions/${id}/featured`,
    headers: planner.headers(),
    payload: { featured },
  });

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
  planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
});
afterAll(async () => {
  await app.close();
});

describe('GET /api/projects/:slug/results', () => {
  it('is empty, not an error, before anyone has taken part', async () => {
    const body = await results();
    expect(body).toMatchObject({ k: 5, cell: 200, total: { contributions: 0, participants: 0 } });
    expect(body.categories.length).toBeGreaterThan(0);
    for (const category of body.categories) {
      expect(category.cells).toEqual([]);
      expect(category.topPlaces).toEqual([]);
    }
    expect(body.quotes).toEqual([]);
    expect(body.updates).toEqual([]);
  });

  it('shows per category only cells with at least k distinct people', async () => {
    // Five people at the church; four at the harbour, one of them twenty times.
    for (let index = 0; index < 5; index += 1) await send(CHURCH, token());
    for (let index = 0; index < 3; index += 1) await send(HARBOUR, token());
    const eager = token();
    for (let index = 0; index < 20; index += 1) await send([HARBOUR[0] + index * 1e-5, HARBOUR[1]], eager);
    // Another category at the church with only four people.
    for (let index = 0; index < 4; index += 1) await send(CHURCH, token(), 'landmarks');

    const body = await results();
    expect(body.total).toEqual({ contributions: 32, participants: 13 });
    const meeting = body.categories.find((category: { key: string }) => category.key === 'meeting-places');
    expect(meeting.contributions).toBe(28);
    expect(
      meeting.cells.map((cell: { count: number; participants: number }) => [cell.count, cell.participants]),
    ).toEqual([[5, 5]]);
    expect(meeting.cells[0].geometry.coordinates[0]).toHaveLength(7);
    expect(meeting.topPlaces).toHaveLength(1);
    const [longitude, latitude] = meeting.topPlaces[0].centre;
    // The church's 200 m hexagon: its centre is within a cell's width of the church.
    expect(Math.abs(longitude - CHURCH[0])).toBeLessThan(0.005);
    expect(Math.abs(latitude - CHURCH[1])).toBeLessThan(0.003);
    expect(meeting.topPlaces[0]).toMatchObject({ contributions: 5, participants: 5, label: null });
    const landmarks = body.categories.find((category: { key: string }) => category.key === 'landmarks');
    expect(landmarks).toMatchObject({ contributions: 4, cells: [], topPlaces: [] });
  });

  it('counts pending and hidden contributions nowhere', async () => {
    const person = token();
    const hidden = await send(CHURCH, person, 'landmarks');
    await app.pg.pool.query(`UPDATE contributions SET status = 'hidden' WHERE id = $1`, [hidden]);
    const pending = await send(CHURCH, token(), 'landmarks');
    await app.pg.pool.query(`UPDATE contributions SET status = 'pending' WHERE id = $1`, [pending]);
    const landmarks = (await results()).categories.find(
      (category: { key: string }) => category.key === 'landmarks',
    );
    // Six people named the church as a landmark, but only four of them are published.
    expect(landmarks).toMatchObject({ contributions: 4, cells: [] });
  });

  it('names a most-named place after a labelled reference feature close to it', async () => {
    const layer = await app.inject({
      method: 'POST',
      url: `/api/staff/projects/${slug}/reference-layers?name=Steder`,
      headers: { ...planner.headers(), 'content-type': 'application/geo+json' },
      payload: Buffer.from(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: 'Langestrand kirke' },
              geometry: { type: 'Point', coordinates: CHURCH },
            },
            {
              type: 'Feature',
              properties: { name: 'Far away' },
              geometry: { type: 'Point', coordinates: [10.04, 59.03] },
            },
          ],
        }),
      ),
    });
    expect(layer.statusCode).toBe(201);
    const meeting = (await results()).categories.find(
      (category: { key: string }) => category.key === 'meeting-places',
    );
    expect(meeting.topPlaces[0].label).toBe('Langestrand kirke');
  });

  it('takes the stored cell sizes only, with a reason otherwise', async () => {
    expect((await results('?cell=500')).cell).toBe(500);
    const response = await app.inject({ url: `/api/projects/${slug}/results?cell=300` });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/cell must be one of 50, 100, 200, 250, 500/);
    expect((await app.inject({ url: '/api/projects/no-such-project/results' })).statusCode).toBe(404);
  });
});

describe('featured quotes', () => {
  it('shows a featured published story, its words and category only', async () => {
    const id = await send(CHURCH, token(), 'community', 'Vi møtes på trappa hver fredag.');
    expect((await feature(id)).json()).toEqual({ id, featured: true });
    const body = await results();
    expect(body.quotes).toEqual([{ id, category: 'community', story: 'Vi møtes på trappa hver fredag.' }]);
    expect((await feature(id, false)).statusCode).toBe(200);
    expect((await results()).quotes).toEqual([]);
  });

  it('never shows a featured story once it is hidden, pending, reported or changed', async () => {
    const person = token();
    const id = await send(HARBOUR, person, 'community', 'Bryggen om sommeren.');
    expect((await feature(id)).statusCode).toBe(200);
    expect((await results()).quotes.map((quote: { id: string }) => quote.id)).toContain(id);

    await app.pg.pool.query(`UPDATE contributions SET status = 'hidden' WHERE id = $1`, [id]);
    expect((await results()).quotes).toEqual([]);
    await app.pg.pool.query(`UPDATE contributions SET status = 'pending' WHERE id = $1`, [id]);
    expect((await results()).quotes).toEqual([]);
    await app.pg.pool.query(`UPDATE contributions SET status = 'published' WHERE id = $1`, [id]);
    expect((await results()).quotes.map((quote: { id: string }) => quote.id)).toEqual([id]);

    const report = await app.inject({
      method: 'POST',
      url: `/api/contributions/${id}/report`,
      payload: { reason: 'names a neighbour' },
    });
    expect(report.statusCode).toBe(202);
    expect((await results()).quotes).toEqual([]);
    await app.pg.pool.query('UPDATE contribution_flags SET resolved_at = now() WHERE contribution_id = $1', [
      id,
    ]);
    expect((await results()).quotes.map((quote: { id: string }) => quote.id)).toEqual([id]);

    // The resident rewrites the story: not the words staff picked, so no longer featured.
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/contributions/${id}`,
      headers: { authorization: `Bearer ${person}` },
      payload: { story: 'Something else entirely.' },
    });
    expect(edit.statusCode).toBe(204);
    expect((await results()).quotes).toEqual([]);
  });

  it('refuses to feature what residents may not read, with a reason, changing nothing', async () => {
    const silent = await send(CHURCH, token(), 'community');
    const noStory = await feature(silent);
    expect(noStory.statusCode).toBe(400);
    expect(noStory.json().message).toMatch(/no story/);
    const waiting = await send(CHURCH, token(), 'community', 'Venter på en moderator.');
    await app.pg.pool.query(`UPDATE contributions SET status = 'pending' WHERE id = $1`, [waiting]);
    const pending = await feature(waiting);
    expect(pending.statusCode).toBe(400);
    expect(pending.json().message).toMatch(/only a published story/);
    const { rows } = await app.pg.pool.query<{ featured: boolean }>(
      'SELECT featured FROM contributions WHERE id = ANY($1::uuid[]) ORDER BY id',
      [[silent, waiting]],
    );
    expect(rows.map((row) => row.featured)).toEqual([false, false]);
    expect((await feature(randomUUID())).statusCode).toBe(404);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/staff/contributions/${waiting}/featured`,
      headers: planner.headers(),
      payload: { featured: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('records featuring in the audit log', async () => {
    const id = await send(CHURCH, token(), 'community', 'Til revisjonsloggen.');
    await feature(id);
    const { rows } = await app.pg.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((row) => row.action)).toEqual(['contribution.feature']);
  });
});
