import { randomUUID } from 'node:crypto';
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../../testing/test-app.ts';
import { findProjectBySlug, type StoredProject } from '../projects/projects.repository.ts';
import { databaseHasMvt } from './tiles.repository.ts';
import { contributionsTile, heatmapTile } from './tiles.service.ts';

let app: FastifyInstance;
let slug: string;
let sparseSlug: string;

/** The XYZ tile holding a point, `[longitude, latitude]` in degrees. */
function tileOf([longitude, latitude]: [number, number], z: number) {
  const size = 2 ** z;
  const radians = (latitude * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((longitude + 180) / 360) * size),
    y: Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * size),
  };
}

function decode(tile: Buffer, address: { z: number; x: number; y: number }) {
  const decoded = new VectorTile(new PbfReader(tile));
  const layer = (name: string) => {
    const found = decoded.layers[name];
    if (!found) return [];
    return Array.from({ length: found.length }, (_, index) =>
      found.feature(index).toGeoJSON(address.x, address.y, address.z),
    );
  };
  return { names: Object.keys(decoded.layers), layer };
}

async function post(projectSlug: string, category: string, coordinates: [number, number]) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${projectSlug}/contributions`,
    payload: { id: randomUUID(), category, geometry: { type: 'Point', coordinates }, story: 'Bålplass' },
  });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
  sparseSlug = await createTestProject(app);
  // Six people (no token: each post is a new participant) name the same spot; one names another.
  for (let index = 0; index < 6; index += 1) await post(slug, 'meeting-places', INSIDE);
  await post(slug, 'landmarks', [10.0155, 59.0482]);
  for (let index = 0; index < 3; index += 1) await post(sparseSlug, 'meeting-places', INSIDE);
});
afterAll(async () => {
  await app.close();
});

const Z = 14;
const url = (kind: string, projectSlug = slug, address = tileOf(INSIDE, Z), query = '') =>
  `/tiles/${projectSlug}/${kind}/${address.z}/${address.x}/${address.y}.mvt${query}`;

describe('vector tiles', () => {
  it('serves published contributions as a Mapbox Vector Tile, without personal fields', async () => {
    const response = await app.inject({ url: url('contributions') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(response.headers['cache-control']).toMatch(/public/);
    const features = decode(response.rawPayload, tileOf(INSIDE, Z)).layer('contributions');
    expect(features).toHaveLength(7);
    const meeting = features.filter((feature) => feature.properties?.category === 'meeting-places');
    expect(meeting).toHaveLength(6);
    const point = meeting[0]?.geometry as GeoJSON.Point;
    const [longitude, latitude] = point.coordinates as [number, number];
    // A z14 tile of 4096 units: about 2.4 m per unit at this latitude.
    expect(Math.abs(longitude - INSIDE[0])).toBeLessThan(1e-4);
    expect(Math.abs(latitude - INSIDE[1])).toBeLessThan(1e-4);
    expect(Object.keys(meeting[0]?.properties ?? {}).sort()).toEqual(['category', 'created', 'id']);
    expect(String(meeting[0]?.properties?.created)).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('filters by category, and an empty tile is an empty body', async () => {
    const filtered = await app.inject({
      url: url('contributions', slug, tileOf(INSIDE, Z), '?category=landmarks'),
    });
    expect(decode(filtered.rawPayload, tileOf(INSIDE, Z)).layer('contributions')).toHaveLength(1);
    const far = await app.inject({ url: url('contributions', slug, tileOf([5.3, 60.4], Z)) });
    expect(far.statusCode).toBe(200);
    expect(far.rawPayload.length).toBe(0);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await app.inject({ url: url('contributions') });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await app.inject({ url: url('contributions'), headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    await post(slug, 'meeting-places', INSIDE);
    const changed = await app.inject({ url: url('contributions'), headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
  });

  it('serves k-anonymous heatmap hexagons: cells with fewer than k participants are left out', async () => {
    const response = await app.inject({ url: url('heatmap', slug, tileOf(INSIDE, Z), '?cell=200') });
    expect(response.statusCode).toBe(200);
    const cells = decode(response.rawPayload, tileOf(INSIDE, Z)).layer('heatmap');
    expect(cells.length).toBeGreaterThanOrEqual(1);
    expect(cells.every((cell) => (cell.properties?.participants as number) >= 5)).toBe(true);
    expect(cells[0]?.geometry.type).toBe('Polygon');
    const sparse = await app.inject({ url: url('heatmap', sparseSlug) });
    expect(decode(sparse.rawPayload, tileOf(INSIDE, Z)).layer('heatmap')).toHaveLength(0);
  });

  it('refuses tiles that cannot exist and unknown projects', async () => {
    expect((await app.inject({ url: `/tiles/${slug}/contributions/23/0/0.mvt` })).statusCode).toBe(400);
    expect((await app.inject({ url: `/tiles/${slug}/contributions/2/4/0.mvt` })).statusCode).toBe(400);
    expect((await app.inject({ url: url('heatmap', slug, tileOf(INSIDE, Z), '?cell=5') })).statusCode).toBe(
      400,
    );
    expect((await app.inject({ url: url('contributions', 'no-such-project') })).statusCode).toBe(404);
  });

  it('encodes the same features in JavaScript and (where it can) in PostGIS', async () => {
    const project = (await findProjectBySlug(app.pg.pool, slug)) as StoredProject;
    const address = tileOf(INSIDE, Z);
    const encoders = (await databaseHasMvt(app.pg.pool)) ? (['js', 'postgis'] as const) : (['js'] as const);
    const ids = new Set<string>();
    for (const encoder of encoders) {
      const tile = await contributionsTile(app.pg.pool, encoder, project, address, undefined);
      const features = decode(tile, address).layer('contributions');
      ids.add(JSON.stringify(features.map((feature) => feature.properties?.id).sort()));
      const heat = decode(
        await heatmapTile(app.pg.pool, encoder, project, address, { cellMetres: 200, categories: undefined }),
        address,
      );
      expect(heat.layer('heatmap').length).toBeGreaterThanOrEqual(1);
    }
    expect(ids.size).toBe(1);
    if (process.env.TEST_DATABASE_URL) expect(encoders).toContain('postgis');
  });
});
