// The resident's journey, phone first (issue 16, points 1, 2, 3, 5 and 6): a 390×844 touch phone
// and a 1366×768 PC, asserting layout facts — boxes inside the window and apart, the map's share
// of the screen while placing, where the sheet rests after a drag, how many taps a place takes,
// where focus is after Send, and that the banner never scrolls away.
import { projectSchema } from '@nabolag/schema';
import { isCategoryIconName } from '@nabolag/schema/plain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure, waitForSentStatus } from './harness.ts';
import { findEmptyMapSpot, waitForMap } from './map.ts';
import { waitForMapStill } from './resident-flow.ts';
import { publishedContribution, tabTo } from './shapes.ts';

const SLUG = 'torstrand';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };

type Box = { x: number; y: number; width: number; height: number };

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not laid out`);
  return found;
}

function expectInside(inner: Box, viewport: { width: number; height: number }, what: string) {
  expect(inner.x, `${what}: left`).toBeGreaterThanOrEqual(-0.5);
  expect(inner.y, `${what}: top`).toBeGreaterThanOrEqual(-0.5);
  expect(inner.x + inner.width, `${what}: right`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(inner.y + inner.height, `${what}: bottom`).toBeLessThanOrEqual(viewport.height + 0.5);
}

function overlapArea(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.max(width, 0) * Math.max(height, 0);
}

/** The banner's top edge and the page's scroll height: the page itself never scrolls. */
const pageFacts = (page: Page) =>
  page.evaluate(() => ({
    bannerTop: document.querySelector('.shell__banner')?.getBoundingClientRect().top ?? Number.NaN,
    scrollHeight: document.documentElement.scrollHeight,
    scrollY: window.scrollY,
  }));

const sheetFacts = (page: Page) =>
  page.evaluate(() => {
    const sheet = document.querySelector<HTMLElement>('[data-testid="sheet"]');
    return { snap: sheet?.dataset.snap, top: sheet?.getBoundingClientRect().top ?? Number.NaN };
  });

/** Drags with one finger from `from` to `to` (page pixels) in `steps` moves, as a phone sends it. */
async function touchDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 8,
) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= steps; step++) {
    const point = {
      x: from.x + ((to.x - from.x) * step) / steps,
      y: from.y + ((to.y - from.y) * step) / steps,
    };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
    await page.waitForTimeout(30); // slow: a drag, not a flick
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await page.waitForTimeout(300); // the sheet settles
}

describe.skipIf(inject('e2eSkipped'))('the resident journey on a phone (390×844, touch)', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('welcomes, then sends a place in five taps with the map on most of the screen while placing', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    await page.goto(`${baseUrl}/p/${SLUG}?lang=en`);
    await waitForMap(page);

    // The welcome: purpose, how many took part, the results, one call to action — all in view.
    await page.locator('[data-testid="welcome"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="participation"]').textContent()).not.toBe('');
    for (const selector of [
      '#project-title',
      '#project-description',
      '[data-testid="participation"]',
      '[data-testid="results-link"]',
      '[data-testid="add-place"]',
    ]) {
      expectInside(await box(page, selector), PHONE, selector);
    }
    expect(await page.locator('[data-testid="add-place"]').textContent()).toBe('Add a place');
    const welcomeSheet = await box(page, '[data-testid="sheet"]');
    const banner = await box(page, '.shell__banner');
    expect(overlapArea(welcomeSheet, banner), 'the sheet leaves the banner alone').toBe(0);

    let taps = 0;
    const tap = async (selector: string) => {
      taps += 1;
      await page.locator(selector).tap();
    };
    await tap('[data-testid="add-place"]');
    // Step 1 of 4, with the eight categories and their icons.
    const progress = page.locator('[data-testid="step-progress"]');
    expect(await progress.getAttribute('data-step')).toBe('1');
    expect(await progress.textContent()).toContain('Step 1 of 4');
    expect(await page.locator('[aria-current="step"]').count()).toBe(1);
    for (const category of project.categories) {
      const button = page.locator(`[data-testid="category-${category.key}"]`);
      expectInside(await button.boundingBox().then((found) => found as Box), PHONE, category.key);
      if (isCategoryIconName(category.icon))
        expect(await button.locator('svg').count(), `${category.key}'s icon`).toBe(1);
    }
    expect(project.categories.filter((category) => isCategoryIconName(category.icon)).length).toBe(8);

    await tap('[data-testid="category-meeting-places"]');
    await page.locator('[data-testid="flow-step"][data-step="place"]').waitFor();
    await waitForMapStill(page);
    // Placing: the sheet at peek, the map on at least 55 % of the screen.
    const placing = await sheetFacts(page);
    expect(placing.snap).toBe('peek');
    const map = await box(page, '[data-testid="map"]');
    const visibleMap = map.width * (Math.min(map.y + map.height, placing.top) - map.y);
    expect(
      visibleMap / (PHONE.width * PHONE.height),
      'share of the screen showing map',
    ).toBeGreaterThanOrEqual(0.55);
    expectInside(await box(page, '[data-testid="step-next"]'), PHONE, 'Next');
    // What to do now is said on the map, clear of the sheet and the banner.
    const hint = await box(page, '[data-testid="map-hint"]');
    expect(await page.locator('[data-testid="map-hint"]').textContent()).toBe(
      'Tap the map where the place is.',
    );
    expect(hint.y).toBeGreaterThanOrEqual((await box(page, '.shell__banner')).height);
    expect(hint.y + hint.height).toBeLessThan(placing.top);

    const target = await findEmptyMapSpot(page, randomPointsInArea(project.area, 40));
    expect(target.y, 'the spot is above the sheet').toBeLessThan(placing.top);
    taps += 1;
    await page.touchscreen.tap(target.x, target.y);
    await page.locator('[data-testid="status"]', { hasText: 'Point placed' }).waitFor();
    await tap('[data-testid="step-next"]');
    await page.locator('textarea#story').waitFor();
    expect(await page.locator('[data-testid="step-progress"]').textContent()).toContain('Step 3 of 4');
    expect(await page.locator('[data-testid="consent"]').count(), 'the consent text beside Send').toBe(1);
    await tap('[data-testid="send"]');
    await waitForSentStatus(page);
    expect(taps, 'taps from the welcome to a sent place').toBeLessThanOrEqual(5);

    // Focus moves to the thanks; the page has not scrolled.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sent-heading');
    expect(await page.locator('[data-testid="sent-confirmation"]').isVisible()).toBe(true);
    const facts = await pageFacts(page);
    expect(facts.bannerTop).toBe(0);
    expect(facts.scrollHeight).toBeLessThanOrEqual(PHONE.height);
    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });

  it('drags the sheet between its snaps, and the grip cycles them by keyboard', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}?lang=en`);
    await waitForMap(page);
    const half = await sheetFacts(page);
    expect(half.snap).toBe('half');

    const grip = await box(page, '[data-testid="sheet-grip"]');
    const start = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
    // Up by 300 px: nearest to full.
    await touchDrag(page, start, { x: start.x, y: start.y - 300 });
    const full = await sheetFacts(page);
    expect(full.snap).toBe('full');
    expect(full.top).toBeLessThan(half.top - 250);
    expect(full.top, 'some map stays visible above the sheet').toBeGreaterThan(
      (await box(page, '.shell__banner')).height,
    );

    // Down most of the way: peek.
    const gripAtFull = await box(page, '[data-testid="sheet-grip"]');
    const from = { x: gripAtFull.x + gripAtFull.width / 2, y: gripAtFull.y + gripAtFull.height / 2 };
    await touchDrag(page, from, { x: from.x, y: PHONE.height - 120 });
    const peek = await sheetFacts(page);
    expect(peek.snap).toBe('peek');
    expect(PHONE.height - peek.top).toBeLessThanOrEqual(0.3 * PHONE.height);

    // The grip is a button: named, with its state, stepping peek → half → full → peek.
    const gripButton = page.locator('[data-testid="sheet-grip"]');
    expect(await gripButton.getAttribute('aria-label')).toBeTruthy();
    expect(await gripButton.getAttribute('aria-expanded')).toBe('false');
    await gripButton.focus();
    await page.keyboard.press('Enter');
    expect((await sheetFacts(page)).snap).toBe('half');
    await page.keyboard.press('Enter');
    expect((await sheetFacts(page)).snap).toBe('full');
    expect(await gripButton.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect((await sheetFacts(page)).snap).toBe('half');
    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });

  it('shows a tapped place in the sheet, with the place still in view above it', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}?lang=en`);
    await waitForMap(page);
    await waitForMapStill(page);
    // The first test sent a place; the tiles draw it.
    const pin = await page.waitForFunction(
      () => {
        const map = window.__nabolagMap as unknown as {
          getLayer(id: string): unknown;
          queryRenderedFeatures(options: {
            layers: string[];
          }): Array<{ geometry: { coordinates: [number, number] } }>;
          project(lngLat: [number, number]): { x: number; y: number };
          getContainer(): HTMLElement;
        };
        if (!map.getLayer('contributions-points')) return null;
        const rect = map.getContainer().getBoundingClientRect();
        const sheetTop = document.querySelector('[data-testid="sheet"]')?.getBoundingClientRect().top ?? 0;
        for (const feature of map.queryRenderedFeatures({ layers: ['contributions-points'] })) {
          const local = map.project(feature.geometry.coordinates);
          const point = {
            x: rect.left + local.x,
            y: rect.top + local.y,
            lngLat: feature.geometry.coordinates,
          };
          if (point.y > 70 && point.y < sheetTop - 10 && point.x > 10 && point.x < rect.width - 60)
            return point;
        }
        return null;
      },
      undefined,
      { timeout: 30_000 },
    );
    const spot = (await pin.jsonValue()) as { x: number; y: number; lngLat: [number, number] };
    await page.touchscreen.tap(spot.x, spot.y);
    const details = page.locator('[data-testid="place-details"]');
    await details.waitFor();
    expect(await page.locator('.maplibregl-popup').count(), 'no popup behind the sheet').toBe(0);
    await waitForMapStill(page);
    const sheet = await sheetFacts(page);
    expect(sheet.snap).toBe('half');
    expectInside(await box(page, '[data-testid="place-details"]'), PHONE, 'the details');
    const where = await page.evaluate((lngLat) => {
      const map = window.__nabolagMap as unknown as {
        project(lngLat: [number, number]): { x: number; y: number };
        getContainer(): HTMLElement;
      };
      const rect = map.getContainer().getBoundingClientRect();
      return rect.top + map.project(lngLat).y;
    }, spot.lngLat);
    const banner = await box(page, '.shell__banner');
    expect(where, 'the place is below the banner').toBeGreaterThan(banner.y + banner.height);
    expect(where, 'the place is above the sheet').toBeLessThan(sheet.top);
    // The details are of the place tapped (or one drawn within the finger's reach of it).
    const id = await details.getAttribute('data-id');
    const shownPlace = id ? await publishedContribution(baseUrl, SLUG, id) : undefined;
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    const label = project.categories.find((category) => category.key === shownPlace?.properties.category)
      ?.labels.en;
    expect(label, `the category of place ${id}`).toBeTruthy();
    expect(await details.textContent()).toContain(label);
    if (shownPlace?.properties.story)
      expect(await details.textContent()).toContain(shownPlace.properties.story);

    await page.locator('[data-testid="place-details-close"]').tap();
    await details.waitFor({ state: 'detached' });
    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });
});

describe.skipIf(inject('e2eSkipped'))('the resident journey on a PC (1366×768, keyboard)', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), viewport: DESKTOP });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('fits the window, keeps the banner in place and puts focus on the thanks after Send', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}?lang=en`);
    await waitForMap(page);

    const panel = await box(page, '.resident__panel');
    const map = await box(page, '[data-testid="map"]');
    expectInside(panel, DESKTOP, 'the panel');
    expectInside(map, DESKTOP, 'the map');
    expect(overlapArea(panel, map), 'panel and map side by side').toBe(0);
    expect(map.height, 'a full-height map').toBeGreaterThanOrEqual(DESKTOP.height - 60);

    // With the keyboard alone: Add a place, a category, the point at the cross, Next, Send.
    await tabTo(page, '[data-testid="add-place"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="category-community"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="place-centre"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="step-next"]');
    await page.keyboard.press('Enter');
    await page.locator('textarea#story').waitFor();
    let facts = await pageFacts(page);
    expect(facts.bannerTop, 'the banner after moving through the steps').toBe(0);
    expect(facts.scrollHeight, 'the page is laid out to the window').toBeLessThanOrEqual(DESKTOP.height);
    expectInside(await box(page, '[data-testid="send"]'), DESKTOP, 'Send');
    await tabTo(page, '[data-testid="send"]');
    await page.keyboard.press('Enter');
    await waitForSentStatus(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sent-heading');
    facts = await pageFacts(page);
    expect(facts).toEqual({ bannerTop: 0, scrollHeight: DESKTOP.height, scrollY: 0 });

    // Tabbing on through every control never scrolls the banner away.
    for (let presses = 0; presses < 25; presses++) await page.keyboard.press('Tab');
    expect((await pageFacts(page)).bannerTop).toBe(0);
    expect(session.pageErrors, session.describeProblems()).toEqual([]);
  });
});
