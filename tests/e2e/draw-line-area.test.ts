// Drawing on a phone, end to end: a route (line) in "Places to show visitors" and an area in
// "Places of great value", each drawn with taps on the map, sent, and found again after a reload —
// in the API's public list as a LineString and a Polygon, and drawn in the map's layers.
import { type Position, projectSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LngLat } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { chooseCategory, nextUntil } from './resident-flow.ts';
import {
  mapPoint,
  publishedContribution,
  renderedIds,
  type ScreenPoint,
  sendContribution,
  uniqueWord,
} from './shapes.ts';

const SLUG = 'torstrand';
const PHONE = { width: 390, height: 844 };
/** How far a stored vertex may lie from where it was tapped, in degrees (about a metre). */
const TOLERANCE_DEGREES = 0.00001;

/** Taps the map at a share of its size, and tells where that was. */
async function tapMap(page: Page, shareX: number, shareY: number): Promise<ScreenPoint> {
  const point = await mapPoint(page, shareX, shareY);
  await page.touchscreen.tap(point.x, point.y);
  return point;
}

/** Taps the map where `lngLat` is drawn now (the map may have been resized by the panel). */
async function tapAt(page: Page, lngLat: LngLat): Promise<void> {
  const { x, y } = await page.evaluate((lngLat) => {
    const map = window.__nabolagMap;
    if (!map) throw new Error('window.__nabolagMap is not set');
    const rect = map.getContainer().getBoundingClientRect();
    const local = map.project(lngLat);
    return { x: rect.left + local.x, y: rect.top + local.y };
  }, lngLat);
  await page.touchscreen.tap(x, y);
}

const drawingState = (page: Page, vertices: number, finished: boolean) =>
  page
    .locator(`[data-testid="drawing-state"][data-vertices="${vertices}"][data-finished="${finished}"]`)
    .waitFor({ timeout: 10_000 });

function expectNear(actual: Position | undefined, expected: LngLat, what: string) {
  expect(actual, what).toBeDefined();
  expect(Math.abs((actual?.[0] ?? Number.NaN) - expected[0]), `${what}: longitude`).toBeLessThan(
    TOLERANCE_DEGREES,
  );
  expect(Math.abs((actual?.[1] ?? Number.NaN) - expected[1]), `${what}: latitude`).toBeLessThan(
    TOLERANCE_DEGREES,
  );
}

describe.skipIf(inject('e2eSkipped'))('drawing a route and an area on a phone', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      viewport: PHONE,
      hasTouch: true,
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('keeps a route and an area drawn with taps on the map after a reload', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    // Unique per run: a database reused across runs (TEST_DATABASE_URL) keeps earlier places.
    const routeStory = `E2E rute ${uniqueWord()}: turen langs stranda til badeplassen`;
    const areaStory = `E2E område ${uniqueWord()}: parken ved sjøen`;

    const opened = await page.goto(`${baseUrl}/p/${SLUG}`);
    expect(opened?.status(), 'the resident map page').toBe(200);
    await waitForMap(page);

    // A route: three taps, then a tap on its last point ends it.
    await chooseCategory(page, 'show-visitors', 'tap');
    await page.locator('[data-testid="geometry-line"]').tap();
    await drawingState(page, 0, false);
    const route: ScreenPoint[] = [];
    for (const [shareX, shareY] of [
      [0.3, 0.45],
      [0.5, 0.6],
      [0.7, 0.5],
    ] as const) {
      route.push(await tapMap(page, shareX, shareY));
      await drawingState(page, route.length, false);
    }
    await tapAt(page, (route[2] as ScreenPoint).lngLat);
    await drawingState(page, 3, true);
    await nextUntil(page, 'textarea#story', 'tap');
    await page.locator('textarea#story').fill(routeStory);
    const sentRoute = await sendContribution(page, SLUG, () => page.locator('[data-testid="send"]').tap());

    // An area: four corners, then a tap on the first corner closes it.
    await chooseCategory(page, 'great-value', 'tap');
    await page.locator('[data-testid="geometry-area"]').tap();
    await drawingState(page, 0, false);
    const corners: ScreenPoint[] = [];
    for (const [shareX, shareY] of [
      [0.35, 0.3],
      [0.65, 0.3],
      [0.65, 0.7],
      [0.35, 0.7],
    ] as const) {
      corners.push(await tapMap(page, shareX, shareY));
      await drawingState(page, corners.length, false);
    }
    await tapAt(page, (corners[0] as ScreenPoint).lngLat);
    await drawingState(page, 4, true);
    expect(await page.locator('[data-testid="drawing-problem"]').count(), 'a valid area').toBe(0);
    await nextUntil(page, 'textarea#story', 'tap');
    await page.locator('textarea#story').fill(areaStory);
    const sentArea = await sendContribution(page, SLUG, () => page.locator('[data-testid="send"]').tap());

    // The API has them as drawn.
    const storedRoute = await publishedContribution(baseUrl, SLUG, sentRoute.id);
    expect(storedRoute?.properties).toMatchObject({ category: 'show-visitors', story: routeStory });
    expect(storedRoute?.geometry.type).toBe('LineString');
    if (storedRoute?.geometry.type === 'LineString') {
      expect(storedRoute.geometry.coordinates).toHaveLength(3);
      route.forEach((point, index) => {
        expectNear(
          storedRoute.geometry.coordinates[index] as Position,
          point.lngLat,
          `route point ${index + 1}`,
        );
      });
    }
    const storedArea = await publishedContribution(baseUrl, SLUG, sentArea.id);
    expect(storedArea?.properties).toMatchObject({ category: 'great-value', story: areaStory });
    expect(storedArea?.geometry.type).toBe('Polygon');
    if (storedArea?.geometry.type === 'Polygon') {
      const ring = storedArea.geometry.coordinates[0] ?? [];
      expect(ring, 'a closed ring of 4 corners').toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      // The ring may be turned round (right-hand rule): find each corner somewhere in it.
      for (const [index, corner] of corners.entries()) {
        const nearest = ring
          .slice(0, 4)
          .find(
            (position) =>
              Math.abs(position[0] - corner.lngLat[0]) < TOLERANCE_DEGREES &&
              Math.abs(position[1] - corner.lngLat[1]) < TOLERANCE_DEGREES,
          );
        expectNear(nearest, corner.lngLat, `area corner ${index + 1}`);
      }
    }

    // After a reload they come from the database and are drawn in their layers.
    const reloaded = await page.reload();
    expect(reloaded?.status(), 'the resident map page, reloaded').toBe(200);
    await waitForMap(page);
    await expect
      .poll(async () => (await renderedIds(page, 'contributions-lines')).includes(sentRoute.id), {
        timeout: 30_000,
        interval: 250,
        message: `route ${sentRoute.id} drawn in the contributions-lines layer after a reload`,
      })
      .toBe(true);
    await expect
      .poll(async () => (await renderedIds(page, 'contributions-areas')).includes(sentArea.id), {
        timeout: 30_000,
        interval: 250,
        message: `area ${sentArea.id} drawn in the contributions-areas layer after a reload`,
      })
      .toBe(true);

    // The same places are in the list that screen readers read instead of the map.
    const placesList = page.locator('[data-testid="places-on-map"]');
    await expect.poll(() => placesList.textContent()).toContain(routeStory);
    expect(await placesList.textContent()).toContain(areaStory);

    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });
});
