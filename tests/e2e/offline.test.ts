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
import { findEmptyMapSpot, waitForMap } from './map.ts';
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
