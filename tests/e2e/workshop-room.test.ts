// The room, end to end (issue #16, point 9): the projector at 1080p and 4K never overlaps and its
// pins are readable from the back; the kiosk at 1024×768 leads with the categories and "Add a
// place", with "Done — next person" secondary; a wrong or ended code says so before any PIN; the
// PIN screen names the workshop; tablets get human names the facilitator can change; the analysis
// names workshops by title.
import { randomUUID } from 'node:crypto';
import { type Project, projectSchema, sessionSchema } from '@nabolag/schema';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { E2E_ADMIN } from './server.ts';
import { randomLetters, type StaffApiSession, signInAsAdmin } from './staff-api.ts';

const SLUG = 'torstrand';
const PIN = '2468';
/** The case: a 150-character story must not run into the counts or the legend. */
const STORY_LENGTH = 150;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator, name: string): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${name} is not on the page`);
  return box;
}

const inside = (box: Box, viewport: { width: number; height: number }) =>
  box.x >= 0 &&
  box.y >= 0 &&
  box.x + box.width <= viewport.width + 0.5 &&
  box.y + box.height <= viewport.height + 0.5;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A story of exactly `STORY_LENGTH` characters in lower-case words (digits can hold a story back). */
function longStory(): string {
  let story = `verksted ${randomLetters(8)}:`;
  while (story.length < STORY_LENGTH) story += ` ${randomLetters(3 + (story.length % 7))}`;
  return story.slice(0, STORY_LENGTH).trimEnd().padEnd(STORY_LENGTH, 'e');
}

async function createSession(staff: StaffApiSession, title: string, groups: string[]) {
  const created = await fetch(`${inject('baseUrl')}/api/projects/${SLUG}/sessions`, {
    method: 'POST',
    headers: staff.headers,
    body: JSON.stringify({ title, groups }),
  });
  expect(created.status, 'session created').toBe(201);
  return sessionSchema.parse(await created.json());
}

/** What a kiosk tablet sends: a point with a story, tagged with the session, table and tablet. */
async function sendPlace(project: Project, code: string, position: [number, number], tablet: string) {
  const response = await fetch(`${inject('baseUrl')}/api/projects/${SLUG}/contributions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      category: project.categories[0]?.key,
      geometry: { type: 'Point', coordinates: position },
      story: longStory(),
      session: code,
      sessionGroup: 'Bord 1',
      tablet,
    }),
  });
  expect(response.status, 'place sent').toBe(201);
}

/** The projector's regions: all inside the viewport and none over another. */
async function expectProjectorLaidOut(page: Page, viewport: { width: number; height: number }) {
  const regions: Record<string, Box> = {};
  for (const name of [
    'projector-story',
    'projector-count',
    'projector-legend',
    'projector-join',
    'projector-full-screen',
  ]) {
    regions[name] = await boxOf(page.locator(`[data-testid="${name}"]`), name);
  }
  for (const [name, box] of Object.entries(regions)) {
    expect(
      inside(box, viewport),
      `${name} ${JSON.stringify(box)} inside ${viewport.width}×${viewport.height}`,
    ).toBe(true);
  }
  const names = Object.keys(regions);
  for (const [index, first] of names.entries()) {
    for (const second of names.slice(index + 1)) {
      expect(
        overlaps(regions[first] as Box, regions[second] as Box),
        `${first} ${JSON.stringify(regions[first])} and ${second} ${JSON.stringify(regions[second])} overlap`,
      ).toBe(false);
    }
  }
  // The sidebar itself fits: nothing is cut off at its foot.
  const side = await page.locator('.projector__side').evaluate((element) => ({
    scrollHeight: element.scrollHeight,
    clientHeight: element.clientHeight,
  }));
  expect(side.scrollHeight, 'the sidebar overflows the screen').toBeLessThanOrEqual(side.clientHeight + 1);
  return regions;
}

/** The pins' radius as the map draws them: the style's value and a hit test at that distance. */
async function pinRadius(page: Page) {
  return page.evaluate(() => {
    const map = window.__nabolagMap;
    if (!map) throw new Error('no map');
    const radius = Number(map.getPaintProperty('contributions-points', 'circle-radius'));
    // Look for pins at a point `radius − 1` px right of each pin's centre: a drawn disc of that
    // radius is hit there.
    const pins = map.queryRenderedFeatures({ layers: ['contributions-points'] });
    let hits = 0;
    for (const pin of pins) {
      const geometry = (pin as unknown as { geometry: { coordinates: [number, number] } }).geometry;
      const centre = map.project(geometry.coordinates);
      const probe: [number, number] = [centre.x + radius - 1, centre.y];
      if (map.queryRenderedFeatures([probe, probe], { layers: ['contributions-points'] }).length > 0)
        hits += 1;
    }
    return { radius, pins: pins.length, hits };
  });
}

describe.skipIf(inject('e2eSkipped'))('the workshop room', () => {
  const baseUrl = inject('baseUrl');
  const executablePath = inject('chromiumPath');
  let staff: StaffApiSession;
  let project: Project;
  const browsers: BrowserSession[] = [];

  const open = async (options: Omit<Parameters<typeof openBrowser>[0], 'baseUrl' | 'executablePath'>) => {
    const browser = await openBrowser({ baseUrl, executablePath, ...options });
    browsers.push(browser);
    return browser;
  };

  beforeAll(async () => {
    staff = await signInAsAdmin(baseUrl);
    project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
  });

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
  });

  it('lays the projector out without overlaps at 1080p and 4K, with pins readable from the back', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () =>
      browsers.map((browser) => browser.describeProblems()).join('\n---\n'),
    );
    const session = await createSession(staff, `Projektorprøve ${randomLetters(6)} på Torstrand skole`, [
      'Bord 1',
    ]);
    for (const position of randomPointsInArea(project.area, 7)) {
      await sendPlace(project, session.code, position, 'room-tablet');
    }

    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ]) {
      const { page } = await open({ viewport });
      await page.goto(`${baseUrl}/w/${session.code}/projector?lang=nb`);
      await waitForMap(page);
      await page.locator('[data-testid="projector"][data-pins="7"]').waitFor({ timeout: 30_000 });
      const story = page.locator('[data-testid="projector-story"] blockquote');
      await story.waitFor();
      expect((await story.textContent())?.length).toBe(STORY_LENGTH);
      await expectProjectorLaidOut(page, viewport);

      // The pins: at least 8 px at 1080p, scaled with the screen; each drawn that large.
      await expect
        .poll(async () => (await pinRadius(page)).hits, {
          timeout: 30_000,
          message: 'pins drawn at full radius',
        })
        .toBeGreaterThanOrEqual(6);
      const { radius } = await pinRadius(page);
      expect(radius).toBeGreaterThanOrEqual(8 * (viewport.height / 1080));
    }
    for (const browser of browsers) expect(browser.pageErrors).toEqual([]);
  });

  it('says a code is wrong, or a workshop over, before any PIN, lets another code be typed, and lets a phone take part', async ({
    onTestFailed,
  }) => {
    const { page, describeProblems, pageErrors } = await open({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    printServerLogOnFailure(onTestFailed, describeProblems);
    const title = `Kodeprøve ${randomLetters(6)}`;
    const session = await createSession(staff, title, []);

    await page.goto(`${baseUrl}/w/WRONGCODE?lang=nb`);
    await page.locator('[data-testid="kiosk-error"][data-reason="unknown"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="kiosk-error"] [role="alert"]').textContent()).toContain(
      'WRONGCODE',
    );
    expect(await page.locator('input[type="password"]').count(), 'no PIN field').toBe(0);
    const wrongCodeProblems = await seriousAxeViolations(page);
    expect(wrongCodeProblems, describeViolations(wrongCodeProblems)).toEqual([]);

    // A code that cannot be one is explained; the right one (typed in lower case) goes on.
    await page.locator('[data-testid="kiosk-code-input"]').fill('ab');
    await page.locator('[data-testid="kiosk-code-submit"]').click();
    await page.locator('[data-testid="kiosk-code-problem"]').waitFor();
    await page.locator('[data-testid="kiosk-code-input"]').fill(session.code.toLowerCase());
    await page.locator('[data-testid="kiosk-code-submit"]').click();
    await page.waitForURL(`${baseUrl}/w/${session.code}`);

    // The PIN screen names the workshop.
    await page.locator('[data-testid="kiosk-pin-new"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="kiosk-pin-workshop"]').textContent()).toContain(title);
    const pinProblems = await seriousAxeViolations(page);
    expect(pinProblems, describeViolations(pinProblems)).toEqual([]);

    // Someone who scanned the code with their own phone takes part without a PIN.
    await page.locator('[data-testid="kiosk-own-phone"]').click();
    await page.locator('[data-testid="own-phone"]').waitFor();
    await waitForMap(page);
    expect(await page.locator('input[type="password"]').count(), 'no PIN field').toBe(0);
    await page.locator('[data-testid^="category-"]').first().waitFor();
    await page.reload();
    await page.locator('[data-testid="own-phone"]').waitFor({ timeout: 30_000 });

    // An ended workshop says so too, before the PIN.
    const closed = await fetch(`${baseUrl}/api/sessions/${session.code}`, {
      method: 'PATCH',
      headers: staff.headers,
      body: JSON.stringify({ status: 'closed' }),
    });
    expect(closed.status).toBe(200);
    await page.reload();
    await page.locator('[data-testid="kiosk-not-open"][data-status="closed"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('input[type="password"]').count(), 'no PIN field').toBe(0);
    await page.locator('[data-testid="kiosk-code-input"]').waitFor();

    // In Arabic, the message is Arabic.
    await page.goto(`${baseUrl}/w/WRONGCODE?lang=ar`);
    await page.locator('[data-testid="kiosk-error"][data-reason="unknown"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="kiosk-error"] h1').textContent()).toMatch(/[\u0600-\u06ff]/);
    expect(pageErrors).toEqual([]);
  });

  it('leads the kiosk with the categories, names its tablet, lets the facilitator rename it, and the analysis and moderation name the workshop', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    const kiosk = await open({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const facilitator = await open({ viewport: { width: 1366, height: 768 }, locale: 'nb-NO' });
    printServerLogOnFailure(
      onTestFailed,
      () => `${kiosk.describeProblems()}\n---\n${facilitator.describeProblems()}`,
    );
    const title = `Rommet ${randomLetters(6)} på Torstrand`;
    const session = await createSession(staff, title, ['Bord 1', 'Bord 2']);

    // The kiosk: PIN, table, then the map page.
    const page = kiosk.page;
    await page.goto(`${baseUrl}/w/${session.code}?lang=nb`);
    await page.locator('[data-testid="kiosk-pin-new"]').fill(PIN);
    await page.locator('[data-testid="kiosk-pin-repeat"]').fill(PIN);
    await page.locator('[data-testid="kiosk-pin-save"]').click();
    await page.locator('[data-testid="kiosk-group-1"]').click();
    await waitForMap(page);

    // "Add a place" and the categories above the fold; "Done — next person" after them and smaller.
    const viewport = { width: 1024, height: 768 };
    // The kiosk opens on the first step of adding a place ("What kind of place?"), not a welcome.
    const heading = await boxOf(page.locator('#flow-step-heading'), 'the first step of "Add a place"');
    const categories = page.locator('[data-testid^="category-"]');
    const firstCategory = await boxOf(categories.first(), 'the first category');
    expect(inside(heading, viewport), `"Add a place" ${JSON.stringify(heading)}`).toBe(true);
    expect(inside(firstCategory, viewport), `first category ${JSON.stringify(firstCategory)}`).toBe(true);
    // Seen whole: both its top and bottom edge (just inside) are the button itself, not something
    // over it or the edge of a scrolling list.
    const seen = await categories.evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        const x = box.left + box.width / 2;
        return [box.top + 2, box.bottom - 2].every((y) => {
          const hit = document.elementFromPoint(x, y);
          return hit !== null && element.contains(hit);
        });
      }),
    );
    const shown = seen.filter(Boolean).length;
    console.log(`[room] kiosk 1024×768: ${shown} of ${seen.length} categories seen whole without scrolling`);
    expect(shown).toBeGreaterThanOrEqual(Math.min(3, seen.length));
    const next = page.locator('[data-testid="kiosk-next"]');
    const nextBox = await boxOf(next, '"Done — next person"');
    expect(nextBox.width * nextBox.height).toBeLessThan(firstCategory.width * firstCategory.height);
    const order = await page.evaluate(() => {
      const done = document.querySelector('[data-testid="kiosk-next"]');
      const add = document.querySelector('#flow-step-heading');
      const category = document.querySelector('[data-testid^="category-"]');
      const follows = (a: Element | null, b: Element | null) =>
        Boolean(a && b && a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      return { afterHeading: follows(add, done), afterCategory: follows(category, done) };
    });
    expect(order).toEqual({ afterHeading: true, afterCategory: true });
    // Still reachable: it asks first, and "Not yet" keeps the person's work.
    await next.click();
    await page.locator('[data-testid="kiosk-next-cancel"]').click();
    await next.waitFor();

    // The facilitator's console: the tablet by its default name, never its id.
    const consolePage = facilitator.page;
    await consolePage.goto(`${baseUrl}/staff?lang=nb`);
    await consolePage.locator('#sign-in-email').fill(E2E_ADMIN.email);
    await consolePage.locator('#sign-in-password').fill(E2E_ADMIN.password);
    await consolePage.locator('[data-testid="sign-in"]').click();
    await consolePage.locator('[data-testid="signed-in-as"]').waitFor();
    await consolePage.goto(`${baseUrl}/staff/workshops/${SLUG}/${session.code}`);
    const tabletName = consolePage.locator('[data-testid="tablet-row"] [data-testid="tablet-name"]');
    await expect
      .poll(() => tabletName.first().textContent(), { timeout: 30_000 })
      .toBe('Bord 2 · Nettbrett A');
    const tabletId =
      (await consolePage.locator('[data-testid="tablet-row"]').first().getAttribute('data-tablet')) ?? '';
    expect(tabletId).toMatch(/^t-/);
    // The tablet shows the same name, so the room can match them.
    await expect
      .poll(() => page.locator('[data-testid="kiosk-tablet-name"]').textContent(), { timeout: 30_000 })
      .toBe('Nettbrett A');
    expect(await consolePage.locator('[data-testid="tablets"]').textContent()).not.toContain(tabletId);
    await expect.poll(() => consolePage.title(), { timeout: 15_000 }).toContain(title);

    // A place from that tablet is listed under its name.
    const [position] = randomPointsInArea(project.area, 1);
    if (!position) throw new Error('no point in the area');
    await sendPlace(project, session.code, position, tabletId);
    const item = consolePage.locator('[data-testid="console-contribution"]').first();
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('Nettbrett A');
    expect(await item.textContent()).not.toContain(tabletId);

    // Rename: a name that is too long is explained, then the new name shows and is kept.
    await consolePage.locator('[data-testid="tablet-rename"]').first().click();
    const input = consolePage.locator('[data-testid="tablet-name-input"]');
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    await input.fill('x'.repeat(41));
    await consolePage.locator('[data-testid="tablet-name-save"]').click();
    await consolePage.locator('[data-testid="tablet-name-problem"]').waitFor();
    await input.fill('Vindusbordet');
    await consolePage.locator('[data-testid="tablet-name-save"]').click();
    await expect
      .poll(() => tabletName.first().textContent(), { timeout: 15_000 })
      .toBe('Bord 2 · Vindusbordet');
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('Vindusbordet');
    // The kiosk learns the new name at its next report (every 15 s).
    await expect
      .poll(() => page.locator('[data-testid="kiosk-tablet-name"]').textContent(), { timeout: 40_000 })
      .toBe('Vindusbordet');
    const summary = await fetch(`${baseUrl}/api/staff/sessions/${session.code}/summary`, {
      headers: { Cookie: staff.cookie },
    });
    expect((await summary.json()).tablets).toEqual([
      expect.objectContaining({ tablet: tabletId, name: 'Vindusbordet' }),
    ]);
    await consolePage.reload();
    await expect
      .poll(() => tabletName.first().textContent(), { timeout: 30_000 })
      .toBe('Bord 2 · Vindusbordet');

    // The analysis names the workshop by its title (the code after it).
    await consolePage.goto(`${baseUrl}/staff/analysis/${SLUG}`);
    await expect
      .poll(() => consolePage.locator('[data-testid="chart-by-session"]').textContent(), { timeout: 30_000 })
      .toContain(`${title} (${session.code})`);
    const sessionFilter = consolePage.locator('[data-testid="filter-session"]');
    await sessionFilter.locator('summary').click({ timeout: 30_000 });
    const option = sessionFilter.locator('label', {
      has: consolePage.locator(`input[value="${session.code}"]`),
    });
    expect(await option.textContent()).toBe(`${title} (${session.code})`);
    await option.locator('input').check();
    await expect.poll(() => sessionFilter.locator('summary').textContent()).toContain(title);

    // So does moderation.
    await consolePage.goto(`${baseUrl}/staff/moderation/${SLUG}?queue=all`);
    await consolePage
      .locator('[data-testid="moderation-session"]', { hasText: `${title} (${session.code})` })
      .first()
      .waitFor({ timeout: 30_000 });

    expect(kiosk.pageErrors).toEqual([]);
    expect(facilitator.pageErrors).toEqual([]);
  });
});
