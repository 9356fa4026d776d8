// The facilitator's workshop console, end to end: an admin signs in at /staff, creates a workshop
// with two tables and sees its join code and QR code; a tablet (plain fetch, as the kiosk page
// would send) puts two pins and reports three more waiting; the console shows them live; the
// admin hides one, pauses the workshop (a further pin is refused with 409), opens it again and
// enters a place from a paper map.
import { randomBytes, randomUUID } from 'node:crypto';
import { projectSchema } from '@nabolag/schema';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { E2E_ADMIN } from './server.ts';

const SLUG = 'torstrand';
const TABLET = 'e2e-tablet-1';

/** Random lower-case letters: digits in a story can look like a phone number and hold it back. */
const uniqueWord = (length = 10) =>
  Array.from(randomBytes(length), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

describe.skipIf(inject('e2eSkipped'))('workshop console', () => {
  const baseUrl = inject('baseUrl');
  let admin: BrowserSession;

  beforeAll(async () => {
    admin = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'nb-NO' });
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('creates a workshop, follows a tablet live, hides, pauses and enters a paper map', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => `admin:\n${admin.describeProblems()}`);
    const page = admin.page;
    const word = uniqueWord();
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    const category = project.categories.find((candidate) => candidate.geometryTypes.includes('Point'));
    if (!category) throw new Error('the demo project has no point category');

    // Sign in.
    await page.goto(`${baseUrl}/staff?lang=nb`);
    await page.locator('#sign-in-email').fill(E2E_ADMIN.email);
    await page.locator('#sign-in-password').fill(E2E_ADMIN.password);
    await page.locator('[data-testid="sign-in"]').click();
    await page.locator('[data-testid="signed-in-as"]').waitFor();

    // A new workshop with two tables: the join code in large letters, the link and its QR code.
    await page.locator('[data-testid="nav-workshops"]').click();
    await page.locator('[data-testid="workshop-project"]').selectOption(SLUG);
    await page.waitForURL(`${baseUrl}/staff/workshops/${SLUG}`);
    await page.locator('[data-testid="new-workshop"]').click();
    await page.locator('[data-testid="workshop-title"]').fill(`E2E-verksted ${word}`);
    await page.locator('[data-testid="workshop-place"]').fill('Torstrand skole');
    await page.locator('[data-testid="workshop-groups"]').fill('Bord 1\nBord 2');
    await page.locator('[data-testid="create-workshop"]').click();
    const codeElement = page.locator('[data-testid="join-code"]');
    await codeElement.waitFor({ timeout: 30_000 });
    const code = (await codeElement.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{6}$/);
    expect((await codeElement.textContent())?.replace(/\s/g, '')).toBe(code);
    expect(await page.locator('[data-testid="join-link"]').textContent()).toBe(`${baseUrl}/w/${code}`);
    expect(await page.locator('[data-testid="join-qr"] path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(await page.locator('[data-testid="open-projector"]').getAttribute('href')).toBe(
      `${baseUrl}/w/${code}/projector`,
    );
    await page.locator(`[data-testid="session-row"][data-code="${code}"]`).waitFor();

    // The live console, connected to the stream.
    await page.locator('[data-testid="open-console"]').click();
    await page.waitForURL(`${baseUrl}/staff/workshops/${SLUG}/${code}`);
    await page.locator('[data-testid="stream-state"][data-connected="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="map"][data-map-loaded="true"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="session-status"][data-status="open"]').waitFor();

    // A tablet sends two pins (one per table) and reports three more waiting.
    const [first, second] = randomPointsInArea(project.area, 2);
    const send = (id: string, position: [number, number] | undefined, group: string) =>
      fetch(`${baseUrl}/api/projects/${SLUG}/contributions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          id,
          category: category.key,
          geometry: { type: 'Point', coordinates: position },
          session: code,
          sessionGroup: group,
          tablet: TABLET,
        }),
      });
    const firstId = randomUUID();
    const secondId = randomUUID();
    expect((await send(firstId, first, 'Bord 1')).status).toBe(201);
    expect((await send(secondId, second, 'Bord 2')).status).toBe(201);
    const heartbeat = await fetch(`${baseUrl}/api/sessions/${code}/tablets/${TABLET}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ group: 'Bord 1', pending: 3 }),
    });
    expect(heartbeat.status).toBe(204);

    // Without a reload: both in the list, one per table, the tablet with three waiting.
    await page.locator('[data-testid="contribution-count"][data-count="2"]').waitFor({ timeout: 15_000 });
    await page.locator(`[data-testid="console-contribution"][data-id="${firstId}"]`).waitFor();
    await page.locator(`[data-testid="console-contribution"][data-id="${secondId}"]`).waitFor();
    await page
      .locator('[data-testid="group-count"][data-group="Bord 1"][data-count="1"]')
      .waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="group-count"][data-group="Bord 2"][data-count="1"]').waitFor();
    const tabletRow = page.locator(`[data-testid="tablet-row"][data-tablet="${TABLET}"]`);
    await page
      .locator(`[data-testid="tablet-row"][data-tablet="${TABLET}"][data-pending="3"][data-offline="false"]`)
      .waitFor({ timeout: 15_000 });
    expect(await tabletRow.textContent()).toContain('Bord 1');
    expect(await page.locator('[data-testid="reconnecting"]').count()).toBe(0);

    // Hide one at once, with a reason.
    await page
      .locator(`[data-testid="console-contribution"][data-id="${firstId}"] [data-testid="hide-contribution"]`)
      .click();
    await page.locator('[data-testid="hide-reason"]').fill('E2E: testing the console');
    await page.locator('[data-testid="confirm-hide"]').click();
    await page
      .locator(`[data-testid="console-contribution"][data-id="${firstId}"][data-status="hidden"]`)
      .waitFor({ timeout: 5000 });
    await page.locator('[data-testid="console-notice"][data-tone="success"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="contribution-count"][data-count="1"]').waitFor();

    // Pause: the tablet's next pin is refused.
    await page.locator('[data-testid="pause-session"]').click();
    await page.locator('[data-testid="session-status"][data-status="paused"]').waitFor({ timeout: 15_000 });
    const [third] = randomPointsInArea(project.area, 1);
    expect((await send(randomUUID(), third, 'Bord 2')).status).toBe(409);

    // Open again, and enter a place from a paper map at the map's centre.
    await page.locator('[data-testid="resume-session"]').click();
    await page.locator('[data-testid="session-status"][data-status="open"]').waitFor({ timeout: 15_000 });
    const story = `Papirkart ${word}: her fisker vi om sommeren`;
    await page.locator('[data-testid="paper-category"]').selectOption(category.key);
    await page.locator('[data-testid="paper-place-centre"]').click();
    await page.locator('[data-testid="paper-position"][data-placed="true"]').waitFor();
    await page.locator('[data-testid="paper-label"]').fill('Papirkart 1');
    await page.locator('[data-testid="paper-group"]').selectOption('Bord 2');
    await page.locator('[data-testid="paper-story"]').fill(story);
    await page.locator('[data-testid="paper-send"]').click();
    const paperItem = page.locator('[data-testid="console-contribution"]', { hasText: story });
    await paperItem.waitFor({ timeout: 15_000 });
    expect(await paperItem.textContent()).toContain('Bord 2');
    await page.locator('[data-testid="console-contribution"]').nth(2).waitFor();
    expect(await page.locator('[data-testid="console-contribution"]').count()).toBe(3);
    await page
      .locator('[data-testid="group-count"][data-group="Bord 2"][data-count="2"]')
      .waitFor({ timeout: 15_000 });
    expect(admin.pageErrors).toEqual([]);
  });
});
