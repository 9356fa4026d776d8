// GIS, end to end: a project of its own with contributions posted through the public API (one of
// them hidden by a moderator). A planner signs in at /staff, opens the export page from the
// project list, reads the summary, and downloads a GeoPackage (per category, in UTM 33N) and a
// GeoJSON (one layer, WGS 84) from the page; GDAL's ogrinfo opens each file and counts what was
// posted. KML cannot be asked for in another CRS. Then the planner uploads a broken file (the
// server's reason is shown) and a GeoJSON reference layer in the project editor; on the resident
// map the layer's area is drawn (queryRenderedFeatures), listed in the legend, and gone after
// its checkbox is switched off with the keyboard. The export page and the map pass axe-core.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Project, projectSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LngLat, randomPointsInArea } from './area.ts';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { E2E_ADMIN } from './server.ts';
import { demoProjectDefinition, randomLetters, signInAsAdmin } from './staff-api.ts';

// ogrinfo proves that GIS software opens the files; CI installs gdal-bin and must not skip.
const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0;
if (!hasOgrinfo && process.env.CI)
  throw new Error('ogrinfo (gdal-bin) is required in CI for the GIS e2e test');
if (!hasOgrinfo) console.warn('GIS E2E TEST SKIPPED: ogrinfo not found (apt-get install gdal-bin)');

/** Contributions posted per category; one of them is hidden again before the export. */
const POSTED: Record<string, number> = { 'meeting-places': 3, landmarks: 2, community: 1 };
const HIDDEN = 1;
const EXPECTED = Object.values(POSTED).reduce((sum, count) => sum + count, 0) - HIDDEN;

/** The test's own project (the demo project's definition under a new slug), with its contributions. */
async function createProjectWithContributions(baseUrl: string): Promise<Project> {
  const { headers } = await signInAsAdmin(baseUrl);
  const seed = await demoProjectDefinition();
  const slug = `gis-${randomLetters()}`;
  const created = await fetch(`${baseUrl}/api/staff/projects`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...seed, slug, languages: ['nb', 'nn', 'en'], defaultLanguage: 'nb' }),
  });
  expect(created.status, await created.text()).toBe(201);
  const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${slug}`)).json());

  const total = Object.values(POSTED).reduce((sum, count) => sum + count, 0);
  const points = randomPointsInArea(project.area, total);
  const ids: string[] = [];
  for (const [category, count] of Object.entries(POSTED)) {
    for (let index = 0; index < count; index++) {
      const id = randomUUID();
      const response = await fetch(`${baseUrl}/api/projects/${slug}/contributions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          id,
          category,
          geometry: { type: 'Point', coordinates: points[ids.length] },
          story: `E2E-fortelling nummer ${randomLetters()}`,
        }),
      });
      expect(response.status, await response.text()).toBe(201);
      ids.push(id);
    }
  }
  for (const id of ids.slice(0, HIDDEN)) {
    const hidden = await fetch(`${baseUrl}/api/staff/contributions/${id}/moderation`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'hide', reason: 'E2E: hidden before the export' }),
    });
    expect(hidden.status, await hidden.text()).toBeLessThan(300);
  }
  return project;
}

/** Features per layer as ogrinfo reports them (`Feature Count: N`), and its whole summary text. */
function ogrinfoSummary(file: string): { counts: number[]; text: string } {
  const result = spawnSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`ogrinfo failed on ${file}: ${result.stderr}`);
  // Feature layers only: a GeoPackage also holds the code list of the follow-up questions as an
  // attributes table (Geometry: None).
  const counts = result.stdout
    .split(/^Layer name: /m)
    .slice(1)
    .filter((layer) => !/^Geometry: None$/m.test(layer))
    .flatMap((layer) => [...layer.matchAll(/^Feature Count: (\d+)$/gm)].map((match) => Number(match[1])));
  return { counts, text: result.stdout };
}

/** Clicks "Download" and saves what the page offers; returns the file's path and suggested name. */
async function downloadFromPage(page: Page, directory: string): Promise<{ path: string; name: string }> {
  const offered = page.waitForEvent('download', { timeout: 60_000 });
  await page.locator('[data-testid="export-download"]').click();
  const download = await offered;
  const name = download.suggestedFilename();
  const path = join(directory, name);
  await download.saveAs(path);
  await page.locator('[data-testid="export-status"][data-state="saved"]').waitFor({ timeout: 30_000 });
  return { path, name };
}

/** A small square and a point around the middle of the project's bounds: the reference layer. */
function referenceGeoJson(project: Project): { json: string; centre: LngLat } {
  const [west, south, east, north] = project.bounds;
  const centre: LngLat = [(west + east) / 2, (south + north) / 2];
  const half = Math.min(east - west, north - south) / 8;
  const [x, y] = centre;
  return {
    centre,
    json: JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { navn: 'Planlagt skole' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [x - half, y - half],
                [x + half, y - half],
                [x + half, y + half],
                [x - half, y + half],
                [x - half, y - half],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { navn: 'Inngang' },
          geometry: { type: 'Point', coordinates: [x, y - half] },
        },
      ],
    }),
  };
}

/** How many features of `layerId` the map has drawn in view. */
const renderedIn = (page: Page, layerId: string) =>
  page.evaluate((layer) => {
    const map = window.__nabolagMap;
    if (!map?.getLayer(layer)) return -1;
    return map.queryRenderedFeatures({ layers: [layer] }).length;
  }, layerId);

describe.skipIf(inject('e2eSkipped') || !hasOgrinfo)('GIS: exports and reference layers', () => {
  const baseUrl = inject('baseUrl');
  let project: Project;
  let planner: BrowserSession;
  let directory: string;

  beforeAll(async () => {
    project = await createProjectWithContributions(baseUrl);
    planner = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'en-GB' });
    directory = await mkdtemp(join(tmpdir(), 'nabolag-e2e-export-'));
  });

  afterAll(async () => {
    await planner?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('downloads a GeoPackage and a GeoJSON from the export page that GDAL opens with every contribution', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => planner.describeProblems());
    const { page } = planner;
    const slug = project.slug;

    expect((await page.goto(`${baseUrl}/staff?lang=en`))?.status()).toBe(200);
    await page.locator('#sign-in-email').fill(E2E_ADMIN.email);
    await page.locator('#sign-in-password').fill(E2E_ADMIN.password);
    await page.locator('[data-testid="sign-in"]').click();
    await page.locator('[data-testid="signed-in-as"]').waitFor();

    // From the project list to the export page; the summary comes first.
    await page.locator(`[data-testid="export-${slug}"]`).click();
    await page.waitForURL(`${baseUrl}/staff/projects/${slug}/export`);
    const summary = page.locator('[data-testid="export-summary"]');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.getAttribute('data-features')).toBe(String(EXPECTED));
    const problems = await seriousAxeViolations(page);
    expect(problems, describeViolations(problems)).toEqual([]);

    // KML is always WGS 84: the other coordinate systems cannot be chosen for it.
    await page.locator('[data-testid="export-format-kml"]').check();
    expect(await page.locator('[data-testid="export-crs-25833"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="export-kml-crs"]').waitFor();

    // GeoPackage, one layer per category, in ETRS89 / UTM 33N.
    await page.locator('[data-testid="export-format-gpkg"]').check();
    await page.locator('[data-testid="export-layout-per-category"]').check();
    await page.locator('[data-testid="export-crs-25833"]').check();
    const gpkg = await downloadFromPage(page, directory);
    expect(gpkg.name).toMatch(new RegExp(`^${slug}-\\d{4}-\\d{2}-\\d{2}-epsg25833\\.gpkg$`));
    const gpkgInfo = ogrinfoSummary(gpkg.path);
    expect(gpkgInfo.counts, gpkgInfo.text).toHaveLength(Object.keys(POSTED).length);
    expect(gpkgInfo.counts.reduce((sum, count) => sum + count, 0)).toBe(EXPECTED);
    expect(gpkgInfo.text).toMatch(/UTM zone 33N/);
    expect(await page.locator('[data-testid="export-announcement"]').textContent()).toContain(gpkg.name);

    // GeoJSON, one layer, WGS 84.
    await page.locator('[data-testid="export-format-geojson"]').check();
    await page.locator('[data-testid="export-layout-single"]').check();
    await page.locator('[data-testid="export-crs-4326"]').check();
    const geojson = await downloadFromPage(page, directory);
    expect(geojson.name).toMatch(/\.geojson$/);
    const geojsonInfo = ogrinfoSummary(geojson.path);
    expect(geojsonInfo.counts, geojsonInfo.text).toEqual([EXPECTED]);
    expect(planner.pageErrors).toEqual([]);
  });

  it('uploads a reference layer in the project editor and shows it on the resident map, toggleable', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => planner.describeProblems());
    const { page } = planner;
    const slug = project.slug;

    await page.goto(`${baseUrl}/staff/projects/${slug}?lang=en`);
    const upload = page.locator('[data-testid="reference-upload"]');
    await upload.waitFor({ timeout: 30_000 });

    // A file that is not a map layer: refused with the server's reason, nothing stored.
    await upload.locator('[data-testid="reference-file"]').setInputFiles({
      name: 'notes.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":"FeatureCollection","features":[]}'),
    });
    await upload.locator('[data-testid="reference-submit"]').click();
    await upload.locator('[data-testid="reference-upload-error"]').waitFor({ timeout: 30_000 });
    expect(await upload.locator('[data-testid="reference-upload-reason"]').textContent()).not.toBe('');
    await page.locator('[data-testid="reference-layers-empty"]').waitFor();

    // A real one: an area and a point.
    const reference = referenceGeoJson(project);
    await upload.locator('[data-testid="reference-file"]').setInputFiles({
      name: 'planlagt_skole.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(reference.json),
    });
    expect(await upload.locator('[data-testid="reference-name"]').inputValue()).toBe('planlagt skole');
    await upload.locator('[data-testid="reference-name"]').fill('Planned school');
    await upload.locator('[data-testid="reference-submit"]').click();
    const item = page.locator('[data-testid="reference-layer"]');
    await item.waitFor({ timeout: 30_000 });
    expect(await item.locator('[data-testid="reference-layer-facts"]').textContent()).toContain('2 features');
    const layerId = await item.getAttribute('data-id');
    if (!layerId) throw new Error('the uploaded layer has no id');
    const editorProblems = await seriousAxeViolations(page);
    expect(editorProblems, describeViolations(editorProblems)).toEqual([]);

    // On the resident map, under its name in the legend, drawn in view.
    const resident = await planner.context.newPage();
    expect((await resident.goto(`${baseUrl}/p/${slug}?lang=en`))?.status()).toBe(200);
    await waitForMap(resident);
    await resident.locator('[data-testid="map"][data-reference-layers="1"]').waitFor({ timeout: 30_000 });
    const legend = resident.locator('[data-testid="reference-legend"]');
    expect(await legend.textContent()).toContain('Planned school');
    const fillLayer = `reference-${layerId}-fill`;
    const pointLayer = `reference-${layerId}-points`;
    expect(await renderedIn(resident, fillLayer)).toBeGreaterThan(0);
    expect(await renderedIn(resident, pointLayer)).toBe(1);
    const mapProblems = await seriousAxeViolations(resident);
    expect(mapProblems, describeViolations(mapProblems)).toEqual([]);

    // Switched off with the keyboard: gone from the map; on again: back.
    const toggle = resident.locator(`[data-testid="reference-toggle-${layerId}"]`);
    await toggle.focus();
    await resident.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(false);
    await expect.poll(() => renderedIn(resident, fillLayer), { timeout: 10_000 }).toBe(0);
    expect(await renderedIn(resident, pointLayer)).toBe(0);
    await resident.keyboard.press('Space');
    await expect.poll(() => renderedIn(resident, fillLayer), { timeout: 10_000 }).toBeGreaterThan(0);

    await resident.close();
    expect(planner.pageErrors).toEqual([]);
  });
});
