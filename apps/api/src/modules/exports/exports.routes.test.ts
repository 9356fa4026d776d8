import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, createTestProject, INSIDE, signIn } from '../../testing/test-app.ts';
import { readExportRows } from './exports.repository.ts';

const run = promisify(execFile);
// GDAL proves that GIS software opens every export. CI installs gdal-bin and must run these
// tests; elsewhere they are skipped with a message when GDAL is missing.
const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0;
if (!hasGdal && process.env.CI) throw new Error('ogrinfo (gdal-bin) is required in CI for the export tests');
if (!hasGdal) console.warn('EXPORT GDAL TESTS SKIPPED: ogrinfo not found (apt-get install gdal-bin)');

const NORWEGIAN = 'Bålplassen ved fjæra, der øya møter sjøen';
const ARABIC = 'مكان جميل للقاء الجيران';
const LONG_STORY = `${'Æ'.repeat(200)} ${'ø'.repeat(200)}`;

let app: FastifyInstance;
let slug: string;
let planner: Awaited<ReturnType<typeof signIn>>;
let facilitator: Awaited<ReturnType<typeof signIn>>;
let directory: string;
let sessionCode: string;
const ids = { withPhoto: '', line: '', polygon: '', hidden: '', long: '' };

interface GdalFeature {
  properties: Record<string, string | number | null>;
  geometry: { type: string; coordinates: unknown };
}

/** Every layer of a file as GDAL reads it (ogr2ogr to GeoJSON, keeping the file's CRS). */
async function readLayers(source: string): Promise<Record<string, GdalFeature[]>> {
  const listing = await run('ogrinfo', ['-ro', '-q', source], { timeout: 60_000 });
  const names = [...listing.stdout.matchAll(/^\d+: (.+?)(?: \([^)]*\))?$/gm)].map(
    (match) => match[1] as string,
  );
  const layers: Record<string, GdalFeature[]> = {};
  for (const name of names) {
    const { stdout } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', source, name], {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    // GDAL's GeoJSON writer moves an `id` attribute to the feature's id.
    layers[name] = JSON.parse(stdout).features.map((feature: GdalFeature & { id?: string }) => ({
      ...feature,
      properties: { id: feature.id ?? null, ...feature.properties },
    }));
  }
  return layers;
}

async function download(query: string, headers = planner.headers()) {
  const response = await app.inject({ url: `/api/projects/${slug}/export?${query}`, headers });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  const file = path.join(
    directory,
    `${randomUUID()}-${/filename="([^"]+)"/.exec(response.headers['content-disposition'] as string)?.[1]}`,
  );
  await writeFile(file, response.rawPayload);
  return { response, file };
}

/** Coordinates of each stored contribution in `srid`, from PostGIS. */
async function storedCoordinates(srid: number): Promise<Map<string, unknown>> {
  const { rows } = await app.pg.pool.query<{ id: string; geometry: { coordinates: unknown } }>(
    `SELECT c.id, ST_AsGeoJSON(ST_Transform(c.geometry, $2::int), 9)::json AS geometry
     FROM contributions c JOIN projects p ON p.id = c.project_id
     WHERE p.slug = $1 AND c.status <> 'hidden'`,
    [slug, srid],
  );
  return new Map(rows.map((row) => [row.id, row.geometry.coordinates]));
}

function expectClose(actual: unknown, expected: unknown, tolerance: number) {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    expect((actual as unknown[]).length).toBe(expected.length);
    expected.forEach((value, index) => {
      expectClose((actual as unknown[])[index], value, tolerance);
    });
  } else {
    expect(Math.abs((actual as number) - (expected as number))).toBeLessThanOrEqual(tolerance);
  }
}

/** Rings may start elsewhere or turn the other way in formats that fix orientation (Shapefile). */
const sortedRing = (ring: number[][]) =>
  [...ring.slice(0, -1)].sort(
    (a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number),
  );

beforeAll(async () => {
  app = await createTestApp();
  directory = await mkdtemp(path.join(tmpdir(), 'nabolag-export-test-'));
  slug = await createTestProject(app);
  const admin = await signIn(app, await createStaffUser(app, ['admin']));
  planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
  facilitator = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'facilitator' }]));
  const session = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/sessions`,
    headers: admin.headers(),
    payload: { title: 'Kveldsmøte på Torstrand skole' },
  });
  sessionCode = session.json().code;

  const post = async (payload: Record<string, unknown>, token?: string) => {
    const id = randomUUID();
    const response = await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: { id, ...payload },
    });
    expect(response.statusCode, response.body).toBe(201);
    return id;
  };
  const token = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
  ids.withPhoto = await post(
    {
      category: 'meeting-places',
      geometry: { type: 'Point', coordinates: INSIDE },
      story: NORWEGIAN,
      participant: { ageBand: '30-44', relation: ['lives', 'works-studies'] },
      session: sessionCode,
    },
    token,
  );
  await post({
    category: 'meeting-places',
    geometry: { type: 'Point', coordinates: [10.016, 59.049] },
    story: ARABIC,
  });
  ids.long = await post({
    category: 'meeting-places',
    geometry: { type: 'Point', coordinates: [10.017, 59.047] },
    story: LONG_STORY,
  });
  ids.line = await post({
    category: 'show-visitors',
    geometry: {
      type: 'LineString',
      coordinates: [
        [10.01, 59.045],
        [10.012, 59.046],
        [10.015, 59.046],
      ],
    },
    story: 'Turen langs havna',
  });
  ids.polygon = await post({
    category: 'least-liked',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [10.01, 59.045],
          [10.014, 59.045],
          [10.014, 59.047],
          [10.01, 59.047],
          [10.01, 59.045],
        ],
      ],
    },
    story: 'Mørk parkeringsplass',
  });
  ids.hidden = await post({
    category: 'least-liked',
    geometry: { type: 'Point', coordinates: INSIDE },
    story: 'hide me',
  });
  await app.inject({
    method: 'POST',
    url: `/api/staff/contributions/${ids.hidden}/moderation`,
    headers: admin.headers(),
    payload: { action: 'hide', reason: 'test' },
  });
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
    .png()
    .toBuffer();
  const photo = await app.inject({
    method: 'PUT',
    url: `/api/contributions/${ids.withPhoto}/photo`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    payload: png,
  });
  expect(photo.statusCode, photo.body).toBe(201);
});
afterAll(async () => {
  await app.close();
  await rm(directory, { recursive: true, force: true });
});

describe('export summary', () => {
  it('counts what an export holds, per category and geometry type, without hidden contributions', async () => {
    const response = await app.inject({
      url: `/api/projects/${slug}/export/summary?lang=en`,
      headers: planner.headers(),
    });
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    expect(summary.features).toBe(5);
    expect(
      summary.categories.find((category: { key: string }) => category.key === 'meeting-places'),
    ).toMatchObject({
      label: 'Meeting places',
      features: 3,
      points: 3,
    });
    expect(
      summary.categories.find((category: { key: string }) => category.key === 'least-liked'),
    ).toMatchObject({
      features: 1,
      polygons: 1,
      points: 0,
    });
  });

  it('is for the project’s planners only', async () => {
    expect((await app.inject({ url: `/api/projects/${slug}/export/summary` })).statusCode).toBe(401);
    const refused = await app.inject({
      url: `/api/projects/${slug}/export/summary`,
      headers: facilitator.headers(),
    });
    expect(refused.statusCode).toBe(403);
    const download = await app.inject({
      url: `/api/projects/${slug}/export?format=csv`,
      headers: facilitator.headers(),
    });
    expect(download.statusCode).toBe(403);
  });

  it('refuses options it cannot honour with a reason', async () => {
    const kml = await app.inject({
      url: `/api/projects/${slug}/export?format=kml&crs=25832`,
      headers: planner.headers(),
    });
    expect(kml.statusCode).toBe(400);
    expect(kml.json().message).toMatch(/WGS 84/);
    const crs = await app.inject({
      url: `/api/projects/${slug}/export?format=gpkg&crs=27700`,
      headers: planner.headers(),
    });
    expect(crs.statusCode).toBe(400);
    expect(crs.json().message).toMatch(/crs/);
  });
});

describe.runIf(hasGdal)('exports open in GDAL with the stored data', () => {
  it('GeoJSON, one layer in WGS 84: every attribute, æøå and Arabic, absolute photo link', async () => {
    const { response, file } = await download('format=geojson&layout=single&lang=en');
    expect(response.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`attachment; filename="${slug}-\\d{4}-\\d\\d-\\d\\d\\.geojson"`),
    );
    expect(response.headers['x-feature-count']).toBe('5');
    const layers = await readLayers(file);
    const features = Object.values(layers)[0] as GdalFeature[];
    expect(features).toHaveLength(5);
    const stored = await storedCoordinates(4326);
    for (const feature of features)
      expectClose(feature.geometry.coordinates, stored.get(feature.properties.id as string), 1e-7);
    const first = features.find((feature) => feature.properties.id === ids.withPhoto) as GdalFeature;
    expect(first.properties).toMatchObject({
      category: 'meeting-places',
      cat_label: 'Meeting places',
      story: NORWEGIAN,
      status: 'published',
      session: sessionCode,
      sess_title: 'Kveldsmøte på Torstrand skole',
      age_band: '30-44',
      relation: 'lives,works-studies',
    });
    expect(String(first.properties.created)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(first.properties.photo).toMatch(
      new RegExp(`^http://[^/]+/api/staff/contributions/${ids.withPhoto}/photo$`),
    );
    expect(features.map((feature) => feature.properties.story)).toContain(ARABIC);
    expect(features.map((feature) => feature.properties.id)).not.toContain(ids.hidden);
    expect(JSON.stringify(features)).not.toMatch(/participant|token|years/i);
  });

  it('GeoPackage per category in EPSG:25832: one typed layer per category, coordinates in metres', async () => {
    const { response, file } = await download('format=gpkg&layout=per-category&crs=25832&lang=nb');
    expect(response.headers['content-type']).toBe('application/geopackage+sqlite3');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    const info = await run('ogrinfo', ['-ro', '-so', '-al', file]);
    expect(info.stderr).not.toMatch(/warning|error/i);
    expect(info.stdout).toMatch(/Layer name: meeting_places[\s\S]*Feature Count: 3/);
    expect(info.stdout).toMatch(/ETRS89 \/ UTM zone 32N/);
    expect(info.stdout).toMatch(/created: DateTime/);
    expect(info.stdout).toMatch(/story: String/);
    expect(info.stdout).toMatch(/Extent: \(5\d{5}\.\d+, 65\d{5}\.\d+\)/);
    const layers = await readLayers(file);
    // The demo project's meeting places have follow-up questions: their code list is a table too.
    expect(Object.keys(layers).sort()).toEqual([
      'least_liked',
      'meeting_places',
      'question_codes',
      'show_visitors',
    ]);
    const stored = await storedCoordinates(25832);
    const features = Object.entries(layers).flatMap(([name, found]) =>
      name === 'question_codes' ? [] : found,
    );
    for (const feature of features) {
      expectClose(feature.geometry.coordinates, stored.get(feature.properties.id as string), 1e-3);
    }
    expect(layers.least_liked?.[0]?.geometry.type).toBe('Polygon');
    expect(layers.show_visitors?.[0]?.geometry.type).toBe('LineString');
    expect(layers.meeting_places?.map((feature) => feature.properties.cat_label)).toEqual([
      'Møtesteder',
      'Møtesteder',
      'Møtesteder',
    ]);
    expect(layers.meeting_places?.map((feature) => feature.properties.story)).toContain(ARABIC);
  });

  it('GeoPackage as one layer: a category column tells the categories apart', async () => {
    const { file } = await download('format=gpkg&layout=single&lang=en');
    const layers = await readLayers(file);
    expect(Object.keys(layers)).toEqual(['contributions', 'question_codes']);
    const features = layers.contributions as GdalFeature[];
    expect(features).toHaveLength(5);
    expect(new Set(features.map((feature) => feature.properties.category))).toEqual(
      new Set(['meeting-places', 'show-visitors', 'least-liked']),
    );
    expect(new Set(features.map((feature) => feature.geometry.type))).toEqual(
      new Set(['Point', 'LineString', 'Polygon']),
    );
    const stored = await storedCoordinates(4326);
    for (const feature of features)
      expectClose(feature.geometry.coordinates, stored.get(feature.properties.id as string), 1e-7);
  });

  it('CSV in EPSG:3857: WKT geometry, one row per contribution, UTF-8', async () => {
    const { response, file } = await download('format=csv&layout=single&crs=3857');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const features = Object.values(await readLayers(file))[0] as GdalFeature[];
    expect(features).toHaveLength(5);
    const stored = await storedCoordinates(3857);
    for (const feature of features)
      expectClose(feature.geometry.coordinates, stored.get(feature.properties.id as string), 1e-3);
    expect(features.map((feature) => feature.properties.story)).toEqual(
      expect.arrayContaining([NORWEGIAN, ARABIC]),
    );
  });

  it('CSV and GeoJSON per category come as a zip of one file per category', async () => {
    const { response, file } = await download('format=geojson&layout=per-category');
    expect(response.headers['content-type']).toBe('application/zip');
    const inner = (name: string) => `/vsizip/${file}/${name}.geojson`;
    const meeting = Object.values(await readLayers(inner('meeting_places')))[0] as GdalFeature[];
    expect(meeting).toHaveLength(3);
    const visitors = Object.values(await readLayers(inner('show_visitors')))[0] as GdalFeature[];
    expect(visitors[0]?.geometry.type).toBe('LineString');
    const csv = await download('format=csv&layout=per-category');
    expect(csv.response.headers['content-type']).toBe('application/zip');
    expect(csv.response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('KML per category: one folder (layer) per category in WGS 84 with the stories', async () => {
    const { response, file } = await download('format=kml&layout=per-category&lang=en');
    expect(response.headers['content-type']).toBe('application/vnd.google-earth.kml+xml');
    const layers = await readLayers(file);
    expect(Object.keys(layers).sort()).toEqual([
      'Meeting places',
      'Places to show visitors',
      'Places you like least',
    ]);
    const stored = await storedCoordinates(4326);
    for (const feature of Object.values(layers).flat()) {
      const id = feature.properties.id as string;
      const expected = stored.get(id);
      if (feature.geometry.type === 'Polygon') {
        expectClose(
          sortedRing((feature.geometry.coordinates as number[][][])[0] as number[][]),
          sortedRing((expected as number[][][])[0] as number[][]),
          1e-7,
        );
      } else {
        expectClose(feature.geometry.coordinates, expected, 1e-7);
      }
    }
    const stories = Object.values(layers)
      .flat()
      .map((feature) => feature.properties.story);
    expect(stories).toEqual(expect.arrayContaining([NORWEGIAN, ARABIC]));
  });

  it('Shapefile per category in EPSG:25833: one .shp per geometry type, .prj and UTF-8 .cpg', async () => {
    const { response, file } = await download('format=shp&layout=per-category&crs=25833');
    expect(response.headers['content-type']).toBe('application/zip');
    // The zip's central directory names every file in plain bytes.
    const names = response.rawPayload.toString('latin1');
    for (const name of ['meeting_places_points', 'show_visitors_lines', 'least_liked_polygons']) {
      for (const extension of ['shp', 'shx', 'dbf', 'prj', 'cpg'])
        expect(names).toContain(`${name}.${extension}`);
    }
    expect(names).not.toMatch(/meeting_places_(lines|polygons)/);
    const layers = await readLayers(`/vsizip/${file}`);
    expect(Object.keys(layers).sort()).toEqual([
      'least_liked_polygons',
      'meeting_places_points',
      'show_visitors_lines',
    ]);
    const info = await run('ogrinfo', ['-ro', '-so', `/vsizip/${file}`, 'least_liked_polygons']);
    expect(info.stdout).toMatch(/Geometry: Polygon/);
    expect(info.stdout).toMatch(/ETRS89 \/ UTM zone 33N/);
    const stored = await storedCoordinates(25833);
    for (const feature of Object.values(layers).flat()) {
      const expected = stored.get(feature.properties.id as string);
      if (feature.geometry.type === 'Polygon') {
        expectClose(
          sortedRing((feature.geometry.coordinates as number[][][])[0] as number[][]),
          sortedRing((expected as number[][][])[0] as number[][]),
          1e-3,
        );
      } else {
        expectClose(feature.geometry.coordinates, expected, 1e-3);
      }
    }
    const points = layers.meeting_places_points as GdalFeature[];
    expect(points.map((feature) => feature.properties.story)).toEqual(
      expect.arrayContaining([NORWEGIAN, ARABIC]),
    );
    // dBASE fields hold 254 bytes: the long story is cut at a character boundary, not mangled.
    const long = points.find((feature) => feature.properties.id === ids.long) as GdalFeature;
    expect(LONG_STORY.startsWith(long.properties.story as string)).toBe(true);
    expect(Buffer.byteLength(long.properties.story as string)).toBeLessThanOrEqual(254);
  });
});

describe('reading in batches', () => {
  it('pages by (created, id) and returns every row exactly once, even when times are equal', async () => {
    const { rows } = await app.pg.pool.query<{ id: string }>('SELECT id FROM projects WHERE slug = $1', [
      slug,
    ]);
    const projectId = rows[0]?.id as string;
    // The same instant for all: only the id orders them, so a page boundary must not skip or repeat.
    await app.pg.pool.query(
      `UPDATE contributions SET created_at = '2025-01-01T00:00:00Z' WHERE project_id = $1`,
      [projectId],
    );
    const seen: string[] = [];
    let batches = 0;
    for await (const batch of readExportRows(app.pg.pool, { projectId, srid: 4326, batchSize: 2 })) {
      batches += 1;
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((row) => row.id));
    }
    expect(batches).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual([...seen].sort());
    expect(seen).not.toContain(ids.hidden);
  });
});
