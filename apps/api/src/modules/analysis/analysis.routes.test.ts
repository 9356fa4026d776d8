import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;

// Two spots in Torstrand about 700 m apart, [longitude, latitude].
const CHURCH: [number, number] = [10.0152, 59.0481];
const HARBOUR: [number, number] = [10.0251, 59.0449];

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
  // Five different people name the church. Three name the harbour, and one more person names
  // it twenty times: 23 contributions, but only 4 people.
  const send = (point: [number, number], token: string, category = 'meeting-places') =>
    app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: { authorization: `Bearer ${token}` },
      payload: { id: randomUUID(), category, geometry: { type: 'Point', coordinates: point } },
    });
  const person = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
  for (let index = 0; index < 5; index += 1) await send(CHURCH, person());
  for (let index = 0; index < 3; index += 1) await send(HARBOUR, person());
  const eager = person();
  for (let index = 0; index < 20; index += 1)
    await send([HARBOUR[0] + index * 1e-5, HARBOUR[1]], eager, 'least-liked');
});
afterAll(async () => {
  await app.close();
});

const heatmap = (query: string) => app.inject({ url: `/api/projects/${slug}/heatmap?${query}` });

describe('GET /api/projects/:slug/heatmap', () => {
  it('shows only hex cells with at least k = 5 distinct participants', async () => {
    const response = await heatmap('cell=100');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ type: 'FeatureCollection', cell: 100, k: 5 });
    expect(body.features).toHaveLength(1);
    expect(body.features[0].properties).toEqual({ count: 5, participants: 5 });
    expect(body.features[0].geometry.type).toBe('Polygon');
    // A hexagon: six corners and the closing one.
    expect(body.features[0].geometry.coordinates[0]).toHaveLength(7);
  });

  it('does not show a cell because one person filled it with pins', async () => {
    const all = (await heatmap('cell=500')).json().features;
    expect(
      all.every((feature: { properties: { participants: number } }) => feature.properties.participants >= 5),
    ).toBe(true);
    const harbour = await heatmap('cell=100&category=least-liked,meeting-places');
    expect(harbour.json().features.map((feature: { properties: unknown }) => feature.properties)).toEqual([
      { count: 5, participants: 5 },
    ]);
    const disliked = await heatmap('cell=100&category=least-liked');
    expect(disliked.json().features).toEqual([]);
  });

  it('makes cells of the requested size in metres', async () => {
    const small = (await heatmap('cell=50')).json().features[0].geometry.coordinates[0] as [number, number][];
    const large = (await heatmap('cell=500')).json().features[0].geometry.coordinates[0] as [
      number,
      number,
    ][];
    const width = (ring: [number, number][]) =>
      Math.max(...ring.map((position) => position[0])) - Math.min(...ring.map((position) => position[0]));
    expect(width(large) / width(small)).toBeCloseTo(10, 0);
  });

  it('refuses cell sizes outside 50–500 m with a reason', async () => {
    for (const cell of ['10', '5000', 'big']) {
      const response = await heatmap(`cell=${cell}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/cell/);
    }
  });
});

describe('k suppression and freshness', () => {
  const NORTH: [number, number] = [10.0102, 59.0501];
  const pin = (token: string, point: [number, number] = NORTH) =>
    app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: { authorization: `Bearer ${token}` },
      payload: { id: randomUUID(), category: 'community', geometry: { type: 'Point', coordinates: point } },
    });
  const token = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
  const community = async () =>
    (await heatmap('cell=100&category=community'))
      .json()
      .features.map((feature: { properties: unknown }) => feature.properties);

  it('hides a cell with k − 1 participants and shows it at k, at once (the cache follows writes)', async () => {
    for (let index = 0; index < 4; index += 1) await pin(token());
    expect(await community()).toEqual([]);
    const fifth = token();
    const created = await pin(fifth);
    expect(await community()).toEqual([{ count: 5, participants: 5 }]);
    // A moderator hides the fifth person's pin: back under k.
    await app.pg.pool.query(`UPDATE contributions SET status = 'hidden' WHERE id = $1`, [
      (
        await app.pg.pool.query('SELECT id FROM contributions WHERE participant_id = $1', [
          created.json().participantId,
        ])
      ).rows[0]?.id,
    ]);
    expect(await community()).toEqual([]);
  });

  it('applies the project’s own k', async () => {
    await app.pg.pool.query('UPDATE projects SET k_anonymity = 6 WHERE slug = $1', [slug]);
    try {
      expect((await heatmap('cell=100')).json()).toMatchObject({ k: 6, features: [] });
    } finally {
      await app.pg.pool.query('UPDATE projects SET k_anonymity = 5 WHERE slug = $1', [slug]);
    }
  });

  it('keeps only cells touching the bbox', async () => {
    const around = (point: [number, number]) =>
      [point[0] - 0.001, point[1] - 0.0005, point[0] + 0.001, point[1] + 0.0005].join(',');
    expect((await heatmap(`cell=100&bbox=${around(CHURCH)}`)).json().features).toHaveLength(1);
    expect((await heatmap(`cell=100&bbox=${around([10.03, 59.03])}`)).json().features).toHaveLength(0);
  });

  it('puts lines and areas in every cell they cross, as ST_HexagonGrid does', async () => {
    const line = randomUUID();
    await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: { authorization: `Bearer ${token()}` },
      payload: {
        id: line,
        category: 'landmarks',
        geometry: {
          type: 'LineString',
          coordinates: [
            [10.012, 59.046],
            [10.02, 59.049],
          ],
        },
      },
    });
    const { rows } = await app.pg.pool.query<{ stored: string[]; grid: string[] }>(
      `WITH g AS (SELECT ST_Transform(geometry, 25832) AS g FROM contributions WHERE id = $1)
       SELECT (SELECT array_agg(ST_AsText(ST_SnapToGrid(nabolag_hex_polygon(q, r, 50, 25832), 0.01)) ORDER BY 1)
               FROM contribution_cells WHERE contribution_id = $1 AND size_m = 50) AS stored,
              (SELECT array_agg(ST_AsText(ST_SnapToGrid(hex.geom, 0.01)) ORDER BY 1)
               FROM g, ST_HexagonGrid(50, g.g) AS hex WHERE ST_Intersects(hex.geom, g.g)) AS grid`,
      [line],
    );
    expect(rows[0]?.stored.length).toBeGreaterThan(5);
    expect(rows[0]?.stored).toEqual(rows[0]?.grid);
  });
});
