import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import sqlite from 'node-sqlite3-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, createTestProject, signIn } from '../../testing/test-app.ts';

const run = promisify(execFile);
// GeoPackage fixtures are made with GDAL's ogr2ogr at test time; CI installs gdal-bin.
const hasGdal = spawnSync('ogr2ogr', ['--version']).status === 0;
if (!hasGdal && process.env.CI)
  throw new Error('ogr2ogr (gdal-bin) is required in CI for the reference-layer tests');
if (!hasGdal)
  console.warn('REFERENCE LAYER GEOPACKAGE TESTS SKIPPED: ogr2ogr not found (apt-get install gdal-bin)');

let app: FastifyInstance;
let slug: string;
let planner: Awaited<ReturnType<typeof signIn>>;
let facilitator: Awaited<ReturnType<typeof signIn>>;
let directory: string;

const SITES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { navn: 'Planlagt byggefelt Øst', areal: 1200 },
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
    },
    {
      type: 'Feature',
      properties: { name: 'Skolevei' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [10.01, 59.045],
          [10.02, 59.05],
        ],
      },
    },
  ],
};

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Ny gangbru</name><LineString><coordinates>10.011,59.046 10.013,59.047</coordinates></LineString></Placemark>
<Placemark><name>Lekeplass</name><Point><coordinates>10.015,59.048</coordinates></Point></Placemark>
</Document></kml>`;

function upload(
  body: Buffer | string,
  query = 'name=Byggefelt',
  type = 'application/octet-stream',
  session = planner,
) {
  return app.inject({
    method: 'POST',
    url: `/api/staff/projects/${slug}/reference-layers?${query}`,
    headers: { ...session.headers(), 'content-type': type },
    payload: typeof body === 'string' ? Buffer.from(body) : body,
  });
}

const storedLayers = async () =>
  Number((await app.pg.pool.query('SELECT count(*) AS n FROM reference_layers')).rows[0].n) +
  Number((await app.pg.pool.query('SELECT count(*) AS n FROM reference_features')).rows[0].n) * 1000;

const publicLayers = async () =>
  (await app.inject({ url: `/api/projects/${slug}/reference-layers` })).json().layers;

beforeAll(async () => {
  app = await createTestApp();
  directory = await mkdtemp(path.join(tmpdir(), 'nabolag-reference-test-'));
  slug = await createTestProject(app);
  planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
  facilitator = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'facilitator' }]));
});
afterAll(async () => {
  await app.close();
  await rm(directory, { recursive: true, force: true });
});

describe('reference layers: good files', () => {
  it('stores a GeoJSON file, shows it to the public while visible, renames, recolours, hides and deletes it', async () => {
    const response = await upload(
      JSON.stringify(SITES),
      'name=Byggefelt&lang=nb&colour=%23aa3300&filename=byggefelt.geojson',
      'application/geo+json',
    );
    expect(response.statusCode, response.body).toBe(201);
    const { layer } = response.json();
    expect(layer).toMatchObject({
      names: { nb: 'Byggefelt' },
      colour: '#aa3300',
      visible: true,
      sourceFormat: 'geojson',
      sourceName: 'byggefelt.geojson',
      featureCount: 2,
    });
    expect(layer.geometryTypes.sort()).toEqual(['LineString', 'Polygon']);
    expect(layer.bounds[0]).toBeCloseTo(10.01, 6);

    const shown = (await publicLayers()).find((candidate: { id: string }) => candidate.id === layer.id);
    expect(
      shown.data.features.map((feature: { properties: { label: string } }) => feature.properties.label),
    ).toEqual(['Planlagt byggefelt Øst', 'Skolevei']);
    expect(JSON.stringify(shown)).not.toContain('areal');

    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/staff/reference-layers/${layer.id}`,
      headers: planner.headers(),
      payload: { names: { en: 'Building sites' }, colour: '#0055ff', visible: false },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      names: { nb: 'Byggefelt', en: 'Building sites' },
      colour: '#0055ff',
      visible: false,
    });
    expect((await publicLayers()).map((candidate: { id: string }) => candidate.id)).not.toContain(layer.id);
    const staffList = await app.inject({
      url: `/api/staff/projects/${slug}/reference-layers`,
      headers: facilitator.headers(),
    });
    expect(staffList.json().layers.map((candidate: { id: string }) => candidate.id)).toContain(layer.id);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/staff/reference-layers/${layer.id}`,
      headers: planner.headers(),
    });
    expect(removed.statusCode).toBe(204);
    expect(
      (await app.pg.pool.query('SELECT 1 FROM reference_features WHERE layer_id = $1', [layer.id])).rowCount,
    ).toBe(0);
  });

  it('stores a KML file with the placemarks’ names as labels', async () => {
    const response = await upload(KML, 'name=Tiltak', 'application/vnd.google-earth.kml+xml');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().layer).toMatchObject({ sourceFormat: 'kml', featureCount: 2 });
    const shown = (await publicLayers()).find(
      (candidate: { id: string }) => candidate.id === response.json().layer.id,
    );
    expect(
      shown.data.features.map((feature: { properties: { label: string } }) => feature.properties.label),
    ).toEqual(['Ny gangbru', 'Lekeplass']);
    expect(shown.data.features[1].geometry.coordinates).toEqual([10.015, 59.048]);
  });

  it.runIf(hasGdal)(
    'stores a GeoPackage in EPSG:25832, reprojected to longitude/latitude in PostGIS',
    async () => {
      const source = path.join(directory, 'sites.geojson');
      const gpkg = path.join(directory, 'sites.gpkg');
      await writeFile(source, JSON.stringify(SITES));
      await run('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:25832', '-nln', 'byggefelt', gpkg, source]);
      const response = await upload(
        await readFile(gpkg),
        'name=Byggefelt%20(GPKG)',
        'application/geopackage+sqlite3',
      );
      expect(response.statusCode, response.body).toBe(201);
      const { layer } = response.json();
      expect(layer).toMatchObject({ sourceFormat: 'gpkg', featureCount: 2 });
      const [west, south, east, north] = layer.bounds;
      expect(west).toBeCloseTo(10.01, 5);
      expect(south).toBeCloseTo(59.045, 5);
      expect(east).toBeCloseTo(10.02, 5);
      expect(north).toBeCloseTo(59.05, 5);
      const shown = (await publicLayers()).find((candidate: { id: string }) => candidate.id === layer.id);
      expect(
        shown.data.features.map((feature: { properties: { label: string } }) => feature.properties.label),
      ).toEqual(['Planlagt byggefelt Øst', 'Skolevei']);
    },
  );
});

describe('reference layers: bad files are refused with a reason and change nothing', () => {
  const bowtie = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [10.01, 59.045],
              [10.02, 59.05],
              [10.02, 59.045],
              [10.01, 59.05],
              [10.01, 59.045],
            ],
          ],
        },
      },
    ],
  };
  const metres = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [558231, 6545839] } },
    ],
  };
  const cases: Array<[string, () => Promise<Buffer | string>, RegExp]> = [
    [
      'a file of another kind (PNG)',
      async () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      /not GeoJSON, GeoPackage or KML/,
    ],
    ['broken JSON', async () => '{"type":"FeatureCollection","features":[', /not valid JSON/],
    [
      'JSON that is not GeoJSON',
      async () => JSON.stringify({ hello: 'world' }),
      /not GeoJSON this map can show/,
    ],
    ['broken KML', async () => '<kml><Document><Placemark></Document>', /not well-formed/],
    ['XML that is not KML', async () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>', /not KML/],
    ['no features', async () => JSON.stringify({ type: 'FeatureCollection', features: [] }), /no features/],
    [
      'a self-intersecting polygon',
      async () => JSON.stringify(bowtie),
      /invalid geometry: Self-intersection/,
    ],
    [
      'coordinates in metres without a CRS',
      async () => JSON.stringify(metres),
      /coordinate system is unknown/,
    ],
    [
      'an unknown CRS',
      async () =>
        JSON.stringify({
          ...SITES,
          crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::999999' } },
        }),
      /EPSG:999999 is unknown/,
    ],
    [
      'a SQLite file that is not a GeoPackage',
      async () => {
        const file = path.join(directory, 'plain.sqlite');
        const db = new sqlite.Database(file);
        db.exec('CREATE TABLE t (a TEXT); INSERT INTO t VALUES (1)');
        db.close();
        return readFile(file);
      },
      /not a GeoPackage/,
    ],
  ];
  for (const [name, body, reason] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await storedLayers();
      const response = await upload(await body());
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().code).toBe('INVALID_REFERENCE_LAYER');
      expect(response.json().message).toMatch(reason);
      expect(await storedLayers()).toBe(before);
    });
  }

  it.runIf(hasGdal)('refuses a GeoPackage without a known CRS', async () => {
    const csv = path.join(directory, 'nocrs.csv');
    const gpkg = path.join(directory, 'nocrs.gpkg');
    await writeFile(csv, 'WKT,name\n"POINT (558231 6545839)",x\n');
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, csv]);
    const before = await storedLayers();
    const response = await upload(await readFile(gpkg));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toMatch(/no known coordinate system/);
    expect(await storedLayers()).toBe(before);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const before = await storedLayers();
    const response = await upload(Buffer.alloc(21 * 1024 * 1024, 0x20));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('BODY_TOO_LARGE');
    expect(await storedLayers()).toBe(before);
  });

  it('lets only the project’s planners upload', async () => {
    const response = await upload(JSON.stringify(SITES), 'name=x', 'application/geo+json', facilitator);
    expect(response.statusCode).toBe(403);
  });
});
