import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, createTestProject, INSIDE, signIn } from '../../testing/test-app.ts';

const run = promisify(execFile);
// GDAL's ogrinfo proves that GIS software opens the endpoint. CI installs gdal-bin and must run
// these tests; elsewhere they are skipped with a message when GDAL is missing.
const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0;
if (!hasGdal && process.env.CI) throw new Error('ogrinfo (gdal-bin) is required in CI for the OGC API tests');
if (!hasGdal) console.warn('OGC API GDAL TESTS SKIPPED: ogrinfo not found (apt-get install gdal-bin)');

let app: FastifyInstance;
let ogc: string;
let slug: string;
let planner: { email: string; token: string };

beforeAll(async () => {
  app = await createTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  ogc = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/ogc`;
  slug = await createTestProject(app);
  // Six people name the same spot, with Norwegian and right-to-left text in their stories.
  for (let index = 0; index < 6; index += 1) {
    await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      payload: {
        id: randomUUID(),
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: INSIDE },
        story: `Bålplassen ved fjæra ${index} — مكان جميل <b>`,
        participant: { ageBand: '30-44', relation: ['lives'] },
      },
    });
  }
  const user = await createStaffUser(app, [], [{ project: slug, role: 'planner' }]);
  const session = await signIn(app, user);
  const token = await app.inject({
    method: 'POST',
    url: '/api/staff/tokens',
    headers: session.headers(),
    payload: { name: 'QGIS' },
  });
  planner = { email: user.email, token: token.json().token };
});
afterAll(async () => {
  await app.close();
});

const basic = () => `Basic ${Buffer.from(`${planner.email}:${planner.token}`).toString('base64')}`;
const get = (path: string, headers: Record<string, string> = {}) =>
  app.inject({ url: `/ogc${path}`, headers });

describe('OGC API – Features', () => {
  it('has a landing page and conformance classes', async () => {
    const landing = (await get('')).json();
    expect(landing.links.map((link: { rel: string }) => link.rel)).toEqual(
      expect.arrayContaining(['self', 'conformance', 'data']),
    );
    const conformance = (await get('/conformance')).json();
    expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(conformance.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    );
  });

  it('shows the public only k-anonymous aggregates, and planners the contributions too', async () => {
    const ids = (body: { collections: Array<{ id: string }> }) =>
      body.collections.map((collection) => collection.id);
    const anonymous = ids((await get('/collections')).json());
    expect(anonymous).toContain(`${slug}.heatmap`);
    expect(anonymous).not.toContain(`${slug}.meeting-places`);
    const staff = ids((await get('/collections', { authorization: basic() })).json());
    expect(staff).toContain(`${slug}.meeting-places`);

    const refused = await get(`/collections/${slug}.meeting-places/items`);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('serves contributions as GeoJSON pages with next links, bbox and datetime filters', async () => {
    const auth = { authorization: basic() };
    const first = await get(`/collections/${slug}.meeting-places/items?limit=4`, auth);
    expect(first.headers['content-type']).toMatch(/application\/geo\+json/);
    const page = first.json();
    expect(page).toMatchObject({ type: 'FeatureCollection', numberMatched: 6, numberReturned: 4 });
    expect(page.features[0].properties).toMatchObject({
      category: 'meeting-places',
      age_band: '30-44',
      relation: 'lives',
    });
    expect(JSON.stringify(page)).not.toMatch(/participant|token/);
    const next = page.links.find((link: { rel: string }) => link.rel === 'next');
    const second = (
      await app.inject({ url: next.href.replace(/^https?:\/\/[^/]+/, ''), headers: auth })
    ).json();
    expect(second.numberReturned).toBe(2);
    expect(second.links.some((link: { rel: string }) => link.rel === 'next')).toBe(false);

    const elsewhere = (await get(`/collections/${slug}.meeting-places/items?bbox=5,60,6,61`, auth)).json();
    expect(elsewhere.numberMatched).toBe(0);
    const future = (
      await get(`/collections/${slug}.meeting-places/items?datetime=2100-01-01T00:00:00Z/..`, auth)
    ).json();
    expect(future.numberMatched).toBe(0);
    const bad = await get(`/collections/${slug}.meeting-places/items?datetime=yesterday`, auth);
    expect(bad.statusCode).toBe(400);
  });

  it('answers browsers with HTML in which stories are escaped', async () => {
    const html = await get(`/collections/${slug}.meeting-places/items?f=html`, { authorization: basic() });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('Bålplassen');
    expect(html.body).toContain('&lt;b&gt;');
    expect(html.body).not.toContain('<b>');
  });

  it.runIf(hasGdal)(
    'opens in GDAL’s OAPIF driver: aggregates without credentials, contributions with them',
    async () => {
      const anonymous = await run('ogrinfo', ['-ro', '-so', `OAPIF:${ogc}`], { timeout: 60_000 });
      expect(anonymous.stdout).toContain(`${slug}.heatmap`);
      expect(anonymous.stdout).not.toContain(`${slug}.meeting-places `);

      const credentials = [
        '--config',
        'GDAL_HTTP_AUTH',
        'BASIC',
        '--config',
        'GDAL_HTTP_USERPWD',
        `${planner.email}:${planner.token}`,
      ];
      const layer = await run('ogrinfo', ['-ro', ...credentials, `OAPIF:${ogc}`, `${slug}.meeting-places`], {
        timeout: 60_000,
      });
      expect(layer.stdout).toContain('Feature Count: 6');
      expect(layer.stdout).toContain('Geometry: Point');
      expect(layer.stdout).toContain('Bålplassen ved fjæra');
      expect(layer.stdout).toContain('مكان جميل');
      expect(layer.stdout).toMatch(/POINT \(10\.015 59\.048\)/);

      const heatmap = await run('ogrinfo', ['-ro', `OAPIF:${ogc}`, `${slug}.heatmap`], { timeout: 60_000 });
      expect(heatmap.stdout).toContain('Feature Count: 1');
      expect(heatmap.stdout).toMatch(/participants \(Integer\) = 6/);
    },
  );
});
