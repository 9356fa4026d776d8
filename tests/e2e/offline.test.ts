// The outbox and the offline shell, end to end: a place made without network waits on the device
// (hollow on the map, counted in the outbox), survives a reload without network (the service
// worker serves the app and the project's last data, IndexedDB keeps the place), and is stored
// exactly once when the network is back — also when the reply to the first send is lost.
import { randomBytes } from 'node:crypto';
import { type Project, projectSchema, publicContributionCollectionSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure, waitForSentStatus } from './harness.ts';
import { findEmptyMapSpot, renderedContributions, waitForMap } from './map.ts';
import { chooseCategory, nextUntil } from './resident-flow.ts';

const SLUG = 'torstrand';
const CATEGORY = 'meeting-places';
const CONTRIBUTIONS_PATH = `/api/projects/${SLUG}/contributions`;
/** The map layer of places still in the outbox (drawn hollow). */
const WAITING_POINTS_LAYER = 'outbox-points';

/** Lower-case letters only: digits in a story can look like a phone number to the moderation check. */
function uniqueWord(): string {
  return Array.from(randomBytes(16), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/** How many stored, public copies of the place with this story the API lists. */
async function storedCopies(baseUrl: string, story: string): Promise<number> {
  const response = await fetch(`${baseUrl}${CONTRIBUTIONS_PATH}`);
  expect(response.status).toBe(200);
  const listed = publicContributionCollectionSchema.parse(await response.json());
  return listed.features.filter((feature) => feature.properties.story === story).length;
}

/** Waits until the outbox panel counts `count` places not yet on the server. */
async function waitForPending(page: Page, count: number, timeoutMs = 30_000): Promise<void> {
  await page
    .locator(`[data-testid="outbox"][data-pending="${count}"]`)
    .waitFor({ state: 'attached', timeout: timeoutMs });
}

/** Ids of the places the map draws as waiting (hollow). */
async function waitingPins(page: Page): Promise<string[]> {
  return page.evaluate((layer) => {
    const map = window.__nabolagMap;
    if (!map?.getLayer(layer)) return [];
    return map.queryRenderedFeatures({ layers: [layer] }).map((feature) => String(feature.properties?.id));
  }, WAITING_POINTS_LAYER);
}

/** The stories of the items in the browser's outbox database, read straight from IndexedDB. */
async function storiesInIndexedDb(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open('nabolag-outbox');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          if (!database.objectStoreNames.contains('items')) {
            database.close();
            resolve([]);
            return;
          }
          const reading = database.transaction('items').objectStore('items').getAll();
          reading.onerror = () => reject(reading.error);
          reading.onsuccess = () => {
            database.close();
            resolve(reading.result.map((item: { body?: { story?: string } }) => item.body?.story ?? ''));
          };
        };
      }),
  );
}

/** Chooses the category, taps an empty spot of the area, writes the story and presses Send. */
async function addPlace(page: Page, project: Project, story: string): Promise<void> {
  await chooseCategory(page, CATEGORY);
  const target = await findEmptyMapSpot(page, randomPointsInArea(project.area, 40));
  await page.mouse.click(target.x, target.y);
  await nextUntil(page, 'textarea#story');
  await page.locator('textarea#story').fill(story);
  // The background questions before a participant's first send may be skipped.
  const skip = page.locator('[data-testid="background-skip"]');
  if ((await skip.count()) > 0) await skip.click();
  await page.locator('[data-testid="send"]').click();
}

/** Fails unless the element is on screen: its whole box inside the viewport. */
async function expectInsideViewport(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  expect(box, `${selector} is laid out`).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.x, `${selector} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${selector} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${selector} ends inside the viewport`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height, `${selector} ends inside the viewport`).toBeLessThanOrEqual(
    viewport.height + 0.5,
  );
}

/** How many copies of the answers at `path` (any query) the service worker keeps for offline use. */
async function offlineCopies(page: Page, path: string): Promise<number> {
  return page.evaluate(async (wanted) => {
    const cache = await caches.open('nabolag-data-v1');
    // A path ending in "/" counts everything under it (the tiles).
    const matches = (path: string) => (wanted.endsWith('/') ? path.startsWith(wanted) : path === wanted);
    return (await cache.keys()).filter((request) => matches(new URL(request.url).pathname)).length;
  }, path);
}

/** A 1×1 grey PNG: a stand-in for a basemap tile. */
const GREY_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4DwABAQEAWRPt4QAAAABJRU5ErkJggg==',
  'base64',
);

/** How many basemap tiles the service worker keeps for offline use. */
async function keptBasemapTiles(page: Page): Promise<number> {
  return page.evaluate(async () => (await (await caches.open('nabolag-tiles-v1')).keys()).length);
}

/** How many features of the project area's outline the map draws. */
async function drawnAreaOutlines(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = window.__nabolagMap;
    if (!map?.getLayer('area-line')) return 0;
    return map.queryRenderedFeatures({ layers: ['area-line'] }).length;
  });
}

const isContributionPost = (method: string, url: string) =>
  method === 'POST' && new URL(url).pathname === CONTRIBUTIONS_PATH;

describe.skipIf(inject('e2eSkipped'))('offline outbox', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession | undefined;
  let project: Project;

  beforeAll(async () => {
    project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('keeps a place made offline through a reload and stores it once when back online', async ({
    onTestFailed,
  }) => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), serviceWorkers: 'allow' });
    const { page, context } = session;
    printServerLogOnFailure(onTestFailed, () => session?.describeProblems() ?? '');
    const story = `E2E uten nett ${uniqueWord()}: lekeplassen bak butikken`;

    await page.goto(`${baseUrl}/p/${SLUG}`);
    await waitForMap(page);
    // The service worker takes over this page once it has cached the shell; a reload then lets
    // it keep the project's data too.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await page.reload();
    await waitForMap(page);

    await context.setOffline(true);
    await addPlace(page, project, story);
    await waitForPending(page, 1);
    await expect
      .poll(() => page.locator('[data-testid="status"]').textContent())
      .toMatch(/denne enheten|this device|denne eininga/);
    expect(await page.locator('[data-testid="status"]').getAttribute('data-tone')).toBe('info');
    await expect.poll(async () => (await waitingPins(page)).length, { timeout: 10_000 }).toBe(1);
    expect(await storiesInIndexedDb(page)).toEqual([story]);

    // Without network: the service worker serves the app and the project, IndexedDB the place.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
    await waitForMap(page);
    await waitForPending(page, 1);
    await expect.poll(async () => (await waitingPins(page)).length, { timeout: 10_000 }).toBe(1);
    expect(await storiesInIndexedDb(page)).toEqual([story]);
    expect(await storedCopies(baseUrl, story), 'nothing reached the server while offline').toBe(0);

    // Back online: the outbox sends it by itself.
    const posted = page.waitForResponse((response) =>
      isContributionPost(response.request().method(), response.url()),
    );
    await context.setOffline(false);
    const response = await posted;
    expect([200, 201]).toContain(response.status());
    await waitForPending(page, 0);
    expect(await storiesInIndexedDb(page)).toEqual([]);
    await expect.poll(async () => (await waitingPins(page)).length).toBe(0);
    expect(await storedCopies(baseUrl, story)).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });

  it('on a phone, a reload without network right after the first visit shows the saved project, its area and the outbox', async ({
    onTestFailed,
  }) => {
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      serviceWorkers: 'allow',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    const { page, context } = session;
    printServerLogOnFailure(onTestFailed, () => session?.describeProblems() ?? '');
    const story = `E2E første besøk ${uniqueWord()}: trappa ned til stranda`;

    // One visit, no reload: the project was fetched before the service worker took the page
    // over, so only the copy the page keeps itself (and hands the worker) can show it offline.
    await page.goto(`${baseUrl}/p/${SLUG}`);
    await waitForMap(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    // The page has handed the worker what it loaded before (its list of places among them).
    await expect.poll(() => offlineCopies(page, CONTRIBUTIONS_PATH), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="saved-copy-note"]').count(), 'online: no note').toBe(0);

    await context.setOffline(true);
    await addPlace(page, project, story);
    await waitForPending(page, 1);

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
    await waitForMap(page);
    const titles = Object.values(project.title);
    expect(titles).toContain((await page.locator('#project-title').textContent())?.trim());
    // Neither the project ("The map could not be loaded") nor its places failed to load.
    expect(await page.locator('body').textContent()).not.toMatch(
      /could not be loaded|kunne ikke (lastes|hentes)/i,
    );
    const note = page.locator('[data-testid="saved-copy-note"]');
    await note.waitFor();
    expect(
      Number.isNaN(Date.parse((await note.getAttribute('data-saved-at')) ?? '')),
      'the note has a time',
    ).toBe(false);
    await expect.poll(() => drawnAreaOutlines(page), { timeout: 10_000 }).toBeGreaterThan(0);
    // The public places come from the contribution tiles the worker kept (an earlier test of this
    // file stored one inside the area, so there is at least that one).
    expect(await offlineCopies(page, `/tiles/${SLUG}/contributions/`), 'tiles kept').toBeGreaterThan(0);
    await expect
      .poll(async () => (await renderedContributions(page)).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await waitForPending(page, 1);
    expect(await page.locator('[data-testid="outbox-item"]').count()).toBe(1);
    expect(await page.locator('[data-testid="outbox-item"]').textContent()).toContain(story.slice(0, 40));
    // (Whether the hollow pin is drawn is the first test's: here the sheet, opened full for the
    // outbox, may cover the part of the map where it is.)
    for (const selector of [
      '[data-testid="saved-copy-note"]',
      '#project-title',
      '#outbox-heading',
      '[data-testid="outbox-item"]',
      '[data-testid="outbox-send-now"]',
    ]) {
      await expectInsideViewport(page, selector);
    }
    expect(await storedCopies(baseUrl, story), 'nothing reached the server while offline').toBe(0);

    // Back online: the outbox sends the place once, and the page fetches the project afresh.
    const posted = page.waitForResponse((response) =>
      isContributionPost(response.request().method(), response.url()),
    );
    await context.setOffline(false);
    expect([200, 201]).toContain((await posted).status());
    await waitForPending(page, 0);
    await note.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await storedCopies(baseUrl, story)).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });

  it('keeps the basemap tiles seen and shows them again without network', async ({ onTestFailed }) => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), serviceWorkers: 'allow' });
    const { page, context } = session;
    printServerLogOnFailure(onTestFailed, () => session?.describeProblems() ?? '');
    // Kartverket's tiles, answered here (the tests never reach it): a grey 1×1 PNG, with CORS.
    const tilesPattern = 'https://cache.kartverket.no/**';
    const servedTiles = new Set<string>();
    await context.route(tilesPattern, (route) => {
      servedTiles.add(route.request().url());
      return route.fulfill({
        status: 200,
        contentType: 'image/png',
        headers: { 'access-control-allow-origin': '*' },
        body: GREY_PIXEL_PNG,
      });
    });
    await page.goto(`${baseUrl}/p/${SLUG}`);
    await waitForMap(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    // Every tile seen is kept: those of the first screen (handed over) and those after.
    await expect.poll(() => keptBasemapTiles(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await keptBasemapTiles(page)) >= servedTiles.size, { timeout: 15_000 })
      .toBe(true);

    // Without network and without the stand-in server: only the worker's copies can answer.
    await context.unroute(tilesPattern);
    await context.setOffline(true);
    const failedTiles: string[] = [];
    const answeredTiles: string[] = [];
    page.on('requestfailed', (request) => {
      if (request.url().startsWith('https://cache.kartverket.no/')) failedTiles.push(request.url());
    });
    page.on('response', (response) => {
      if (response.url().startsWith('https://cache.kartverket.no/') && response.ok())
        answeredTiles.push(response.url());
    });
    await page.reload();
    await waitForMap(page);
    await expect.poll(() => answeredTiles.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // MapLibre may also ask for a coarser zoom's tiles while the view's own load (more or fewer,
    // by timing: seen in CI, z13 parents of the z14 view); those never seen online cannot be kept.
    // Every tile the page was served online must come from the worker.
    expect(
      failedTiles.filter((url) => servedTiles.has(url)),
      'every tile seen online came from the worker',
    ).toEqual([]);
  });

  it('loads the list of places again by itself when the network comes back', async ({ onTestFailed }) => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath') });
    const { page, context } = session;
    printServerLogOnFailure(onTestFailed, () => session?.describeProblems() ?? '');
    // The list's request fails as without network (the page itself loads).
    const listPattern = `**${CONTRIBUTIONS_PATH}`;
    await context.route(listPattern, (route) =>
      route.request().method() === 'GET' ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.goto(`${baseUrl}/p/${SLUG}?lang=en`);
    await waitForMap(page);
    const failed = page.getByText('The places other people added could not be loaded.');
    await failed.waitFor();
    await context.unroute(listPattern);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await failed.waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('[data-testid="map"][data-contributions]').waitFor({ state: 'attached' });
    expect(session.pageErrors).toEqual([]);
  });

  it('sends again, with the same id, when the reply to the first send is lost, and stores it once', async ({
    onTestFailed,
  }) => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath') });
    const { page, context } = session;
    printServerLogOnFailure(onTestFailed, () => session?.describeProblems() ?? '');
    const story = `E2E tapt svar ${uniqueWord()}: benken ved kaia`;

    // The first POST reaches the server, which stores the place, but its reply never reaches
    // the page (as when the Wi-Fi drops at that moment). Later ones pass untouched.
    const sentIds: string[] = [];
    const firstReplyStatuses: number[] = [];
    await context.route(`**${CONTRIBUTIONS_PATH}`, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') {
        await route.fallback();
        return;
      }
      const body = request.postDataJSON() as { id: string };
      sentIds.push(body.id);
      if (sentIds.length === 1) {
        const reply = await route.fetch();
        firstReplyStatuses.push(reply.status());
        await route.abort('connectionreset');
        return;
      }
      await route.fallback();
    });

    await page.goto(`${baseUrl}/p/${SLUG}`);
    await waitForMap(page);
    await addPlace(page, project, story);
    await waitForSentStatus(page);
    await waitForPending(page, 0);

    expect(firstReplyStatuses, 'the server stored it the first time').toEqual([201]);
    expect(sentIds.length, 'sent again after the lost reply').toBeGreaterThanOrEqual(2);
    expect(new Set(sentIds).size, 'every send carried the same id').toBe(1);
    expect(await storedCopies(baseUrl, story)).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });
});
