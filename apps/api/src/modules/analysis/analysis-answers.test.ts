import { randomUUID } from 'node:crypto';
import type { FollowUpQuestionInput, ProjectDefinition } from '@nabolag/schema';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStaffUser,
  createTestApp,
  createTestProject,
  demoDefinition,
  signIn,
} from '../../testing/test-app.ts';

// [longitude, latitude], ~700 m apart: different hexagons at 100 m; offsets ≤ 2 m stay in one.
const CHURCH: [number, number] = [10.0152, 59.0481];
const HARBOUR: [number, number] = [10.0251, 59.0449];
const SECRET = 'Her møter jeg Kari hver tirsdag';

const option = (key: string, en: string) => ({ key, labels: { en, nb: en } });
const QUESTIONS: FollowUpQuestionInput[] = [
  {
    key: 'how_often',
    type: 'single',
    labels: { en: 'How often are you here?' },
    options: [option('daily', 'Daily'), option('weekly', 'Weekly'), option('rarely', 'Rarely')],
  },
  { key: 'safe', type: 'scale', labels: { en: 'How safe do you feel here?' } },
  { key: 'note', type: 'text', labels: { en: 'Anything else?' } },
];

let app: FastifyInstance;
let slug: string;
let planner: Awaited<ReturnType<typeof signIn>>;

const person = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

async function send(
  point: [number, number],
  answers?: Record<string, unknown>,
  category = 'meeting-places',
  token = person(),
) {
  const id = randomUUID();
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      id,
      category,
      geometry: { type: 'Point', coordinates: point },
      story: 'Fin plass',
      answers,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return id;
}

const staffGet = (path: string) =>
  app.inject({ url: `/api/staff/projects/${slug}/analysis/${path}`, headers: planner.headers() });

/** Contributions per cell of a staff heatmap, as `{ "q,r": count }`, and their sum. */
async function heatmap(query: string) {
  const response = await staffGet(`heatmap?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const features = response.json().features as Array<{ id: string; properties: { count: number } }>;
  return features.reduce((sum, feature) => sum + feature.properties.count, 0);
}

beforeAll(async () => {
  app = await createTestApp();
  const definition = demoDefinition();
  slug = await createTestProject(app, {
    categories: definition.categories.map((category) =>
      category.key === 'meeting-places'
        ? { ...category, questions: QUESTIONS }
        : { ...category, questions: [] },
    ) as ProjectDefinition['categories'],
  });
  planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
  // The church: four people there daily (safe 5, 5, 4, 2); the harbour: three weekly (safe 5);
  // two meeting places without answers and a landmark.
  const safeAtChurch = [5, 5, 4, 2];
  for (const [index, safe] of safeAtChurch.entries())
    await send([CHURCH[0] + index * 1e-5, CHURCH[1]], {
      how_often: 'daily',
      safe,
      ...(index === 0 ? { note: SECRET } : {}),
    });
  for (let index = 0; index < 3; index += 1)
    await send([HARBOUR[0] + index * 1e-5, HARBOUR[1]], { how_often: 'weekly', safe: 5 });
  await send(CHURCH);
  await send(HARBOUR);
  await send(CHURCH, undefined, 'landmarks');
});
afterAll(async () => {
  await app.close();
});

describe('answer filters in the staff analysis', () => {
  it('a heatmap of meeting places visited daily counts only those (stored and computed cell sizes)', async () => {
    expect(await heatmap('cell=100&category=meeting-places')).toBe(9);
    for (const cell of [100, 150]) {
      const response = await staffGet(`heatmap?cell=${cell}&category=meeting-places&answer=how_often:daily`);
      const features = response.json().features as Array<{
        properties: { count: number; participants: number };
      }>;
      expect(features.map((feature) => [feature.properties.count, feature.properties.participants])).toEqual([
        [4, 4],
      ]);
    }
    expect(await heatmap('cell=100&answer=how_often:daily,weekly')).toBe(7);
    expect(await heatmap('cell=100&answer=how_often:rarely')).toBe(0);
  });

  it('combines filters: a range on a scale, several with ; or the parameter repeated', async () => {
    expect(await heatmap('cell=100&answer=safe:4..5')).toBe(6);
    expect(await heatmap('cell=100&answer=safe:..3')).toBe(1);
    expect(await heatmap('cell=100&answer=how_often:daily;safe:5')).toBe(2);
    expect(await heatmap('cell=100&answer=how_often:daily&answer=safe:4..5')).toBe(3);
  });

  it('narrows points, stories, counts and hot spots the same way', async () => {
    const points = await staffGet('points?cell=100&answer=how_often:daily');
    expect(points.json().total).toBe(4);
    const stories = await staffGet('stories?answer=how_often:weekly');
    expect(stories.json().total).toBe(3);
    const stats = await staffGet('stats?cell=100&answer=safe:5');
    expect(stats.json().total).toMatchObject({ contributions: 5, participants: 5 });
    const spots = await staffGet('hot-spots?cell=100&answer=how_often:daily');
    expect(spots.statusCode).toBe(200);
    const counts = spots
      .json()
      .features.map((feature: { properties: { count: number } }) => feature.properties.count);
    expect(counts.reduce((sum: number, count: number) => sum + count, 0)).toBe(4);
  });

  it('compares two sides that differ in their answers', async () => {
    const response = await staffGet('compare?cell=100&a.answer=how_often:daily&b.answer=how_often:weekly');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().totals).toEqual({ a: 4, b: 3 });
  });

  it('follows a changed answer at once (cached results are per change of the project)', async () => {
    const token = person();
    const id = await send(HARBOUR, { how_often: 'weekly' }, 'meeting-places', token);
    const rarely = async () => (await staffGet('points?answer=how_often:rarely')).json().total;
    expect(await rarely()).toBe(0);
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/contributions/${id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { answers: { how_often: 'rarely' } },
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    expect(await rarely()).toBe(1);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/contributions/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect(await rarely()).toBe(0);
  });

  it.each([
    ['an unknown question', 'answer=how_often_x:daily', /no question "how_often_x"/],
    ['a free-text question', 'answer=note:Kari', /free text/],
    ['a range on a choice', 'answer=how_often:1..2', /option keys/],
    ['words for a scale', 'answer=safe:high', /number/],
    ['a range that ends before it starts', 'answer=safe:5..1', /starts above/],
    ['no value', 'answer=safe:', /question:value/],
    ['an empty filter', 'answer=', /at least one/],
  ])('refuses %s with a reason', async (_what, query, reason) => {
    const response = await staffGet(`heatmap?cell=100&${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(reason);
  });
});

describe('public outputs', () => {
  it('show no free-text answers and take no answer filters', async () => {
    // The answer filter is not public: the public heatmap is the same with it and without.
    const filtered = await app.inject({
      url: `/api/projects/${slug}/heatmap?cell=100&answer=how_often:daily`,
    });
    const plain = await app.inject({ url: `/api/projects/${slug}/heatmap?cell=100` });
    expect(filtered.statusCode).toBe(200);
    expect(filtered.json().features.length).toBeGreaterThan(0);
    expect(filtered.json()).toEqual(plain.json());
    const bodies = await Promise.all(
      [
        `/api/projects/${slug}`,
        `/api/projects/${slug}/heatmap?cell=100`,
        `/api/projects/${slug}/results`,
        `/ogc/collections/${slug}.heatmap/items`,
        `/ogc/collections/${slug}.heatmap.meeting-places/items`,
      ].map(async (url) => {
        const response = await app.inject({ url });
        expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
        return response.body;
      }),
    );
    for (const body of bodies) {
      expect(body).not.toContain(SECRET);
      // (The questions themselves are public; the project carries them, answers nowhere.)
      expect(body).not.toMatch(/q_note|q_how_often/);
    }
  });
});
