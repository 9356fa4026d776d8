import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, createTestProject, signIn } from '../../testing/test-app.ts';

// Hand-made fixture, [longitude, latitude]. CHURCH and HARBOUR are ~700 m apart, so at 100 m they
// fall in different hexagons; the small offsets (≤ 2 m) keep each group inside one hexagon.
const CHURCH: [number, number] = [10.0152, 59.0481];
const HARBOUR: [number, number] = [10.0251, 59.0449];

let app: FastifyInstance;
let slug: string;
let planner: Awaited<ReturnType<typeof signIn>>;
const tokens: string[] = [];
const ids: Record<string, string> = {};

const person = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

async function send(
  token: string,
  point: [number, number],
  options: { category?: string; story?: string; participant?: Record<string, unknown>; name?: string } = {},
) {
  const id = randomUUID();
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      id,
      category: options.category ?? 'meeting-places',
      geometry: { type: 'Point', coordinates: point },
      ...(options.story ? { story: options.story } : {}),
      ...(options.participant ? { participant: options.participant } : {}),
    },
  });
  expect(response.statusCode).toBe(201);
  if (options.name) ids[options.name] = id;
  return id;
}

const staffGet = (path: string) =>
  app.inject({ url: `/api/staff/projects/${slug}/analysis/${path}`, headers: planner.headers() });

type Cell = { properties: { cell: string; count: number; participants: number } };
const byCount = (features: Cell[]) =>
  features.map((feature) => [feature.properties.count, feature.properties.participants]);

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
  planner = await signIn(app, await createStaffUser(app, ['planner']));
  for (let index = 0; index < 10; index += 1) tokens.push(person());
  // The church: people 0–4, one meeting place each; person 0 also names it of great value.
  // People 0–2 live here, 3–4 are visitors.
  for (let index = 0; index < 5; index += 1)
    await send(tokens[index] as string, [CHURCH[0] + index * 1e-5, CHURCH[1]], {
      participant: { relation: [index < 3 ? 'lives' : 'visitor'], ageBand: index < 2 ? '18-29' : '45-66' },
      story: index === 0 ? 'Benken ved kirka, der vi møtes om kvelden' : undefined,
      name: `church-${index}`,
    });
  await send(tokens[0] as string, CHURCH, { category: 'great-value', story: 'Kirka er 100% fin' });
  // The harbour: people 5–7 one pin each; person 8 four pins there, all least liked.
  for (let index = 5; index < 8; index += 1) await send(tokens[index] as string, HARBOUR);
  for (let index = 0; index < 4; index += 1)
    await send(tokens[8] as string, [HARBOUR[0] + index * 1e-5, HARBOUR[1]], {
      category: 'least-liked',
      story: index === 0 ? 'Støy fra fergen hele natta' : undefined,
      name: `harbour-eager-${index}`,
    });
});
afterAll(async () => {
  await app.close();
});

describe('staff heatmap', () => {
  it('counts contributions and distinct participants per cell (hand-computed)', async () => {
    // Church: 5 + 1 = 6 contributions by 5 people. Harbour: 3 + 4 = 7 by 4 people.
    const response = await staffGet('heatmap?cell=100');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ cell: 100, k: 5, suppressed: false });
    expect(byCount(body.features)).toEqual([
      [7, 4],
      [6, 5],
    ]);
    // The same at a size that is computed per request rather than stored.
    expect(byCount((await staffGet('heatmap?cell=120')).json().features)).toEqual([
      [7, 4],
      [6, 5],
    ]);
  });

  it('leaves out cells under k when asked to preview the public view', async () => {
    expect(byCount((await staffGet('heatmap?cell=100&suppress=true')).json().features)).toEqual([[6, 5]]);
  });

  it('filters by category, relation, age band and date', async () => {
    expect(byCount((await staffGet('heatmap?cell=100&category=least-liked')).json().features)).toEqual([
      [4, 1],
    ]);
    expect(byCount((await staffGet('heatmap?cell=100&relation=visitor')).json().features)).toEqual([[2, 2]]);
    // Person 0's two pins and person 1's one.
    expect(byCount((await staffGet('heatmap?cell=100&ageBand=18-29')).json().features)).toEqual([[3, 2]]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await staffGet(`heatmap?cell=100&to=2001-01-01`)).json().features).toEqual([]);
    expect((await staffGet(`heatmap?cell=100&from=${today}`)).json().features).toHaveLength(2);
  });

  it('refuses bad filters with a reason', async () => {
    for (const query of ['cell=10', 'relation=alien', 'from=2024-13-01', 'from=2024-02-01&to=2024-01-01']) {
      const response = await staffGet(`heatmap?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().message.length).toBeGreaterThan(5);
    }
  });

  it('needs a planner', async () => {
    const anonymous = await app.inject({ url: `/api/staff/projects/${slug}/analysis/heatmap` });
    expect(anonymous.statusCode).toBe(401);
    const facilitator = await signIn(app, await createStaffUser(app, ['facilitator']));
    const refused = await app.inject({
      url: `/api/staff/projects/${slug}/analysis/heatmap`,
      headers: facilitator.headers(),
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('stories per place', () => {
  it('lists the stories in a cell, searchable, without hidden ones', async () => {
    const heatmap = (await staffGet('heatmap?cell=100')).json().features as Cell[];
    const church = heatmap.find((feature) => feature.properties.participants === 5)?.properties.cell;
    const stories = (await staffGet(`stories?cell=100&at=${church}`)).json();
    expect(stories.total).toBe(2);
    expect(stories.stories.map((story: { story: string }) => story.story).sort()).toEqual([
      'Benken ved kirka, der vi møtes om kvelden',
      'Kirka er 100% fin',
    ]);
    // LIKE wildcards in the search are taken literally.
    expect((await staffGet('stories?search=100%25')).json().total).toBe(1);
    expect((await staffGet('stories?search=ferge')).json().stories[0].story).toBe(
      'Støy fra fergen hele natta',
    );
    expect((await staffGet(`stories?contribution=${ids['church-0']}`)).json().stories).toHaveLength(1);
    await app.pg.pool.query(`UPDATE contributions SET status = 'hidden' WHERE id = $1`, [ids['church-0']]);
    try {
      expect((await staffGet(`stories?cell=100&at=${church}`)).json().total).toBe(1);
    } finally {
      await app.pg.pool.query(`UPDATE contributions SET status = 'published' WHERE id = $1`, [
        ids['church-0'],
      ]);
    }
  });

  it('needs both cell and at', async () => {
    expect((await staffGet('stories?cell=100')).statusCode).toBe(400);
  });
});

describe('hot spots, comparisons and counts', () => {
  it('gives every cell over the area a Gi* z-score and a class', async () => {
    const response = await staffGet('hot-spots?cell=250&rings=1');
    expect(response.statusCode).toBe(200);
    const features = response.json().features as Array<{
      properties: { count: number; z: number; class: number };
    }>;
    // The study area is the whole project area, zeros included.
    expect(features.length).toBeGreaterThan(10);
    expect(features.filter((feature) => feature.properties.count > 0).length).toBeGreaterThanOrEqual(1);
    const counted = features.reduce((sum, feature) => sum + feature.properties.count, 0);
    expect(counted).toBe(13);
    // The busiest cell lies above the mean, an empty cell below it.
    const busiest = [...features].sort((a, b) => b.properties.count - a.properties.count)[0];
    expect(busiest?.properties.z).toBeGreaterThan(0);
    expect(features.some((feature) => feature.properties.count === 0 && feature.properties.z < 0)).toBe(true);
    // A class exactly where |z| reaches 90 %.
    for (const { properties } of features)
      expect(properties.class !== 0).toBe(properties.z !== null && Math.abs(properties.z) >= 1.645);
  });

  it('sets liked places against least-liked ones', async () => {
    const body = (await staffGet('contested?cell=100')).json();
    expect(body.totals).toEqual({ a: 9, b: 4 });
    const harbour = body.features.find((feature: { properties: { b: number } }) => feature.properties.b > 0);
    // Liked: 6 of 9 at the church (the top share), 3 of 9 at the harbour → 0.5 of the top.
    // Least liked: all 4 at the harbour → 1. Contested = min(0.5, 1).
    expect(harbour.properties).toMatchObject({ a: 3, b: 4, contested: 0.5 });
  });

  it('compares residents with visitors', async () => {
    const body = (await staffGet('compare?cell=100&a.relation=lives&b.relation=visitor')).json();
    expect(body.totals).toEqual({ a: 4, b: 2 });
    expect((await staffGet('compare?cell=100&a.relation=martian')).statusCode).toBe(400);
  });

  it('counts per category, relation, age band and session for the dashboard', async () => {
    const stats = (await staffGet('stats?cell=100')).json();
    expect(stats.total).toEqual({ contributions: 13, participants: 9 });
    expect(stats.byCategory).toEqual([
      { key: 'meeting-places', contributions: 8, participants: 8 },
      { key: 'least-liked', contributions: 4, participants: 1 },
      { key: 'great-value', contributions: 1, participants: 1 },
    ]);
    expect(stats.byRelation).toContainEqual({ key: 'visitor', contributions: 2, participants: 2 });
    expect(stats.byRelation).toContainEqual({ key: 'unknown', contributions: 7, participants: 4 });
    expect(stats.bySession).toEqual([{ key: 'online', contributions: 13, participants: 9 }]);
    // Only the church reaches k = 5 participants.
    expect(stats.topPlaces).toEqual([
      expect.objectContaining({ category: 'meeting-places', contributions: 5, participants: 5 }),
    ]);
  });

  it('returns the raw points for the density view', async () => {
    const body = (await staffGet('points')).json();
    expect(body.total).toBe(13);
    expect(body.points).toHaveLength(13);
    expect(body.points).toContainEqual([CHURCH[0], CHURCH[1]]);
  });
});
