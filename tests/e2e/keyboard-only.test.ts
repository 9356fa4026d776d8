// The resident's map with the keyboard alone (WCAG 2.1.1): Tab, arrows, Enter, Backspace,
// Shift+Enter — no mouse, no touch, no clicks from code. An area is drawn at the map's crosshair
// and found again through the API and on the map; a point is put down without the map, through
// the address search (a canned answer from Kartverket's API) or, when that cannot be reached,
// through the project's own list of places. Every step is checked through what the status
// region announces.
import { type ContributionGeometry, type Position, type Project, projectSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LngLat } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import {
  describeFocus,
  publishedContribution,
  renderedIds,
  sendContribution,
  tabTo,
  uniqueWord,
  waitForStatus,
} from './shapes.ts';

const SLUG = 'torstrand';
const ADDRESS_SEARCH = 'https://ws.geonorge.no/adresser/v1/sok**';
/** How far a stored vertex may lie from the crosshair it was put at, in degrees (centimetres). */
const TOLERANCE_DEGREES = 0.000001;

/** The map's centre now, where the crosshair is (read, not clicked). */
function crosshair(page: Page): Promise<LngLat> {
  return page.evaluate(() => {
    const map = window.__nabolagMap as unknown as { getCenter(): { lng: number; lat: number } };
    const { lng, lat } = map.getCenter();
    return [lng, lat] as LngLat;
  });
}

/** Presses an arrow key on the focused map and waits until the map has stopped moving. */
async function pan(page: Page, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', times = 1) {
  for (let count = 0; count < times; count++) {
    const before = await crosshair(page);
    await page.keyboard.press(key);
    await page.waitForFunction(
      (before) => {
        const map = window.__nabolagMap as unknown as {
          isMoving(): boolean;
          getCenter(): { lng: number; lat: number };
        };
        const { lng, lat } = map.getCenter();
        return !map.isMoving() && (lng !== before[0] || lat !== before[1]);
      },
      before,
      { timeout: 10_000 },
    );
  }
}

function expectPointAt(geometry: ContributionGeometry | undefined, expected: LngLat) {
  expect(geometry?.type).toBe('Point');
  if (geometry?.type !== 'Point') return;
  const [lng, lat] = geometry.coordinates;
  expect(Math.abs(lng - expected[0]), 'longitude').toBeLessThan(TOLERANCE_DEGREES);
  expect(Math.abs(lat - expected[1]), 'latitude').toBeLessThan(TOLERANCE_DEGREES);
}

const isFocused = (page: Page, selector: string) =>
  page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector);

/** Opens the map page in English (the announcements are checked word for word). */
async function openMap(page: Page, baseUrl: string): Promise<void> {
  const opened = await page.goto(`${baseUrl}/p/${SLUG}?lang=en`);
  expect(opened?.status(), 'the resident map page').toBe(200);
  await waitForMap(page);
}

/** "Add a place", then a category, with Tab and Enter; choosing it moves on to "Where is it?". */
async function chooseCategory(page: Page, key: string): Promise<void> {
  await tabTo(page, '[data-testid="add-place"]');
  await page.keyboard.press('Enter');
  await tabTo(page, `[data-testid="category-${key}"]`);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="flow-step"][data-step="place"]').waitFor();
  // Focus moved to the step's heading, so that a screen reader says where the reader is.
  expect(await isFocused(page, '#flow-step-heading')).toBe(true);
}

/** Next (with Tab and Enter), then the story, and Send, all with the keyboard; returns the server's answer. */
async function writeStoryAndSend(page: Page, story: string) {
  await tabTo(page, '[data-testid="step-next"]');
  await page.keyboard.press('Enter');
  await page.locator('textarea#story').waitFor();
  await tabTo(page, 'textarea#story', { backwards: !(await storyIsAhead(page)) });
  await page.keyboard.type(story);
  await tabTo(page, '[data-testid="send"]');
  return sendContribution(page, SLUG, () => page.keyboard.press('Enter'));
}

/** Whether the story field comes after the focused element in the page's order. */
function storyIsAhead(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const story = document.querySelector('textarea#story');
    const focused = document.activeElement;
    if (!story || !focused) return true;
    return Boolean(focused.compareDocumentPosition(story) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
}

describe.skipIf(inject('e2eSkipped'))('the resident map with the keyboard alone', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;
  let project: Project;

  beforeAll(async () => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath') });
    project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
  });

  afterEach(async () => {
    await session?.context.unroute(ADDRESS_SEARCH);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('draws an area at the crosshair, sends it, and finds it in the API and on the map', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    const story = `E2E tastatur ${uniqueWord()}: plassen foran kirken`;
    await openMap(page, baseUrl);

    // "What characterises the area" takes a point, a route or an area: arrows choose the area.
    await chooseCategory(page, 'landmarks');
    await tabTo(page, 'input[name="geometry-type"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-testid="geometry-area"]').isChecked(), 'area chosen').toBe(true);

    await tabTo(page, '[data-testid="focus-map"]');
    await page.keyboard.press('Enter');
    expect(await isFocused(page, 'canvas.maplibregl-canvas'), `focus on ${await describeFocus(page)}`).toBe(
      true,
    );
    // The instructions for the keys show beside the map while it has keyboard focus.
    await expect
      .poll(() => page.locator('#map-keyboard-hint').isVisible(), { message: 'keyboard instructions shown' })
      .toBe(true);
    expect(await page.locator('#map-keyboard-hint').textContent()).toContain('Shift+Enter');

    const corners: LngLat[] = [];
    corners.push(await crosshair(page));
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Corner 1 added.');

    await pan(page, 'ArrowRight', 2);
    corners.push(await crosshair(page));
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Corner 2 added.');

    // A corner put down in the wrong place is taken away with Backspace.
    await pan(page, 'ArrowDown', 1);
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Corner 3 added.');
    await page.keyboard.press('Backspace');
    await waitForStatus(page, 'Last corner taken away. 2 corners left.');

    await pan(page, 'ArrowDown', 1);
    corners.push(await crosshair(page));
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Corner 3 added.');

    await pan(page, 'ArrowLeft', 2);
    corners.push(await crosshair(page));
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Corner 4 added.');

    await page.keyboard.press('Shift+Enter');
    await waitForStatus(page, 'Area finished.');
    await page.locator('[data-testid="drawing-state"][data-finished="true"][data-vertices="4"]').waitFor();

    const sent = await writeStoryAndSend(page, story);

    const stored = await publishedContribution(baseUrl, SLUG, sent.id);
    expect(stored?.properties).toMatchObject({ category: 'landmarks', story });
    expect(stored?.geometry.type).toBe('Polygon');
    if (stored?.geometry.type === 'Polygon') {
      const ring = stored.geometry.coordinates[0] ?? [];
      expect(ring, 'a closed ring of 4 corners').toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      for (const [index, corner] of corners.entries()) {
        const match = ring
          .slice(0, 4)
          .some(
            (position: Position) =>
              Math.abs(position[0] - corner[0]) < TOLERANCE_DEGREES &&
              Math.abs(position[1] - corner[1]) < TOLERANCE_DEGREES,
          );
        expect(match, `corner ${index + 1} (${corner.join(', ')}) in ${JSON.stringify(ring)}`).toBe(true);
      }
    }

    await page.reload();
    await waitForMap(page);
    await expect
      .poll(async () => (await renderedIds(page, 'contributions-areas')).includes(sent.id), {
        timeout: 30_000,
        interval: 250,
        message: `area ${sent.id} drawn in the contributions-areas layer after a reload`,
      })
      .toBe(true);
    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });

  it('says when the address search cannot be reached and puts the point from the list of places', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    const story = `E2E uten kart ${uniqueWord()}: midt i området`;
    await openMap(page, baseUrl);
    await chooseCategory(page, 'meeting-places');

    await tabTo(page, '[data-testid="find-place"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="place-search-input"]');
    await page.keyboard.type('Kirkestredet 5, Larvik');
    await page.keyboard.press('Enter');
    // The test browser reaches nothing but the test server, so Kartverket cannot be reached.
    const searchStatus = page.locator('[data-testid="place-search-status"][data-state="failed"]');
    await searchStatus.waitFor({ timeout: 15_000 });
    expect(await searchStatus.textContent()).toContain('cannot be reached');
    expect(await searchStatus.getAttribute('role')).toBe('status');

    await tabTo(page, '[data-testid="named-place-centre"]');
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Point placed.');

    const sent = await writeStoryAndSend(page, story);
    const stored = await publishedContribution(baseUrl, SLUG, sent.id);
    expect(stored?.properties).toMatchObject({ category: 'meeting-places', story });
    const [west, south, east, north] = project.bounds;
    expectPointAt(stored?.geometry, [(west + east) / 2, (south + north) / 2]);
    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });

  it("finds an address with Kartverket's search and puts the point there", async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page, context } = session;
    const story = `E2E adresse ${uniqueWord()}: benken utenfor`;
    const address: LngLat = [10.0151, 59.0502];
    const asked: URL[] = [];
    // Registered after the harness's block-everything route, so it answers first.
    await context.route(ADDRESS_SEARCH, async (route) => {
      asked.push(new URL(route.request().url()));
      await route.fulfill({
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({
          metadata: { totaltAntallTreff: 2 },
          adresser: [
            {
              adressetekst: 'Kirkestredet 5',
              postnummer: '3263',
              poststed: 'LARVIK',
              representasjonspunkt: { epsg: 'EPSG:4258', lat: address[1], lon: address[0] },
            },
            // Far outside the mapped area: not offered.
            {
              adressetekst: 'Kirkestredet 5',
              postnummer: '0153',
              poststed: 'OSLO',
              representasjonspunkt: { epsg: 'EPSG:4258', lat: 59.9118, lon: 10.7448 },
            },
          ],
        }),
      });
    });
    await openMap(page, baseUrl);
    await chooseCategory(page, 'community');

    await tabTo(page, '[data-testid="find-place"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="place-search-input"]');
    await page.keyboard.type('Kirkestredet 5');
    await page.keyboard.press('Enter');
    await page
      .locator('[data-testid="place-search-status"][data-state="found"]')
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="place-search-status"]').textContent()).toContain(
      '1 address found',
    );
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({
      sok: 'Kirkestredet 5',
      treffPerSide: '8',
      utkoordsys: '4258',
    });

    await tabTo(page, '[data-testid="place-search-results"] button');
    expect(await describeFocus(page)).toContain('Kirkestredet 5, 3263 Larvik');
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Point placed at Kirkestredet 5, 3263 Larvik.');

    const sent = await writeStoryAndSend(page, story);
    const stored = await publishedContribution(baseUrl, SLUG, sent.id);
    expect(stored?.properties).toMatchObject({ category: 'community', story });
    expectPointAt(stored?.geometry, address);
    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });
});
