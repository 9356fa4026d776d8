import { projectSchema, sessionSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure, waitForSentStatus } from './harness.ts';
import { findEmptyMapSpot, waitForMap } from './map.ts';
import { chooseCategory, nextUntil } from './resident-flow.ts';
import { E2E_ADMIN } from './server.ts';
import { randomLetters, signInAsAdmin } from './staff-api.ts';

const SLUG = 'torstrand';
const CATEGORY = 'meeting-places';
const PIN = '4321';
const PARTICIPANT_KEY = `nabolag:kiosk:participant:${SLUG}`;

/** Lower-case letters only: digits in a story can look like a phone number to the API. */
const uniqueWord = () => randomLetters(12);

async function createSession(baseUrl: string, groups: string[]) {
  const { headers } = await signInAsAdmin(baseUrl);
  const created = await fetch(`${baseUrl}/api/projects/${SLUG}/sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: `E2E verksted ${uniqueWord()}`, groups }),
  });
  expect(created.status, 'session created').toBe(201);
  return sessionSchema.parse(await created.json());
}

/**
 * Puts a meeting place with `story` on the kiosk's map and sends it; returns its id. `onStory`
 * runs on the story step, before Send.
 */
async function sendPin(
  page: Page,
  points: [number, number][],
  story: string,
  onStory?: () => Promise<void>,
): Promise<string> {
  await chooseCategory(page, CATEGORY);
  const target = await findEmptyMapSpot(page, points);
  await page.mouse.click(target.x, target.y);
  await nextUntil(page, 'textarea#story');
  await page.locator('textarea#story').fill(story);
  await onStory?.();
  const posted = page.waitForRequest(
    (request) =>
      request.method() === 'POST' &&
      new URL(request.url()).pathname === `/api/projects/${SLUG}/contributions`,
  );
  await page.locator('[data-testid="send"]').click();
  await waitForSentStatus(page);
  const body = JSON.parse((await posted).postData() ?? '{}') as { id: string };
  return body.id;
}

describe.skipIf(inject('e2eSkipped'))('workshop console, kiosk and projector', () => {
  const baseUrl = inject('baseUrl');
  const executablePath = inject('chromiumPath');
  let facilitator: BrowserSession;
  let projector: BrowserSession;
  let tablet1: BrowserSession;
  let tablet2: BrowserSession;

  beforeAll(async () => {
    [facilitator, projector, tablet1, tablet2] = await Promise.all([
      openBrowser({ baseUrl, executablePath, viewport: { width: 1280, height: 800 } }),
      openBrowser({ baseUrl, executablePath, viewport: { width: 1600, height: 900 } }),
      openBrowser({ baseUrl, executablePath, viewport: { width: 1180, height: 820 } }),
      openBrowser({ baseUrl, executablePath, viewport: { width: 1180, height: 820 } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([facilitator?.close(), projector?.close(), tablet1?.close(), tablet2?.close()]);
  });

  it('tags pins with the session, starts afresh for the next person and shows pins live', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () =>
      [facilitator, projector, tablet1, tablet2].map((session) => session.describeProblems()).join('\n---\n'),
    );
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    const session = await createSession(baseUrl, ['Bord 1', 'Bord 2']);
    const points = () => randomPointsInArea(project.area, 30);

    // The facilitator's live console for the session.
    const consolePage = facilitator.page;
    await consolePage.goto(`${baseUrl}/staff?lang=nb`);
    await consolePage.locator('#sign-in-email').fill(E2E_ADMIN.email);
    await consolePage.locator('#sign-in-password').fill(E2E_ADMIN.password);
    await consolePage.locator('[data-testid="sign-in"]').click();
    await consolePage.locator('[data-testid="signed-in-as"]').waitFor();
    await consolePage.goto(`${baseUrl}/staff/workshops/${SLUG}/${session.code}`);
    await consolePage
      .locator('[data-testid="stream-state"][data-connected="true"]')
      .waitFor({ timeout: 30_000 });

    // The projector: the code in large letters and a QR code to join.
    await projector.page.goto(`${baseUrl}/w/${session.code}/projector`);
    await waitForMap(projector.page);
    await expect
      .poll(() => projector.page.locator('[data-testid="projector-code"]').textContent())
      .toBe(session.code);
    expect(await projector.page.locator('[data-testid="projector-qr"]').getAttribute('data-text')).toBe(
      `${new URL(baseUrl).origin}/w/${session.code}`,
    );

    // Tablet 1: the PIN first, then the table, then the map without links to other pages.
    const page1 = tablet1.page;
    await page1.goto(`${baseUrl}/w/${session.code}`);
    await page1.locator('[data-testid="kiosk-pin-new"]').fill('12');
    await page1.locator('[data-testid="kiosk-pin-repeat"]').fill('12');
    await page1.locator('[data-testid="kiosk-pin-save"]').click();
    await page1.locator('[data-testid="kiosk-pin-problem"]').waitFor();
    await page1.locator('[data-testid="kiosk-pin-new"]').fill(PIN);
    await page1.locator('[data-testid="kiosk-pin-repeat"]').fill(PIN);
    await page1.locator('[data-testid="kiosk-pin-save"]').click();
    await page1.locator('[data-testid="kiosk-group-1"]').click();
    await waitForMap(page1);
    await expect.poll(() => page1.locator('[data-testid="kiosk-group"]').textContent()).toContain('Bord 2');
    expect(
      await page1.locator('a[href="/"], a[href^="/staff"], [data-testid="my-places-link"]').count(),
    ).toBe(0);

    const firstStory = `E2E verksted ${uniqueWord()}: benken ved elva`;
    const tagged = page1.waitForRequest(
      (request) =>
        request.method() === 'POST' &&
        new URL(request.url()).pathname === `/api/projects/${SLUG}/contributions`,
    );
    const firstId = await sendPin(page1, points(), firstStory);
    const firstBody = JSON.parse((await tagged).postData() ?? '{}') as Record<string, unknown>;
    expect(firstBody).toMatchObject({ session: session.code, sessionGroup: 'Bord 2' });
    expect(typeof firstBody.tablet).toBe('string');
    const firstToken = await page1.evaluate((key) => localStorage.getItem(key), PARTICIPANT_KEY);
    expect(firstToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The resident token of the project is not the kiosk's.
    expect(
      await page1.evaluate((slug) => localStorage.getItem(`nabolag:participant:${slug}`), SLUG),
    ).toBeNull();

    // A wrong PIN does not leave the kiosk.
    await page1.locator('[data-testid="kiosk-exit"]').first().click();
    await page1.locator('[data-testid="kiosk-exit-pin"]').fill('9999');
    await page1.locator('[data-testid="kiosk-exit-submit"]').click();
    await page1.locator('[data-testid="kiosk-exit-error"]').waitFor();
    expect(new URL(page1.url()).pathname).toBe(`/w/${session.code}`);

    // "Done — next person": asks first, then a fresh form and a new participant.
    await chooseCategory(page1, 'landmarks');
    await page1.locator('[data-testid="place-centre"]').click();
    await nextUntil(page1, 'textarea#story');
    await page1.locator('textarea#story').fill('halvferdig fortelling');
    await page1.locator('[data-testid="kiosk-next"]').click();
    await page1.locator('[data-testid="kiosk-next-confirm"]').click();
    await page1.locator('[data-testid="kiosk-welcome"]').waitFor();
    await waitForMap(page1);
    expect(await page1.locator('textarea#story').count(), 'no story field without a category').toBe(0);
    expect(await page1.locator('[aria-pressed="true"][data-testid^="category-"]').count(), 'no draft').toBe(
      0,
    );
    const secondToken = await page1.evaluate((key) => localStorage.getItem(key), PARTICIPANT_KEY);
    expect(secondToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secondToken).not.toBe(firstToken);

    // The next person's pin goes out under the new participant.
    const secondStory = `E2E verksted ${uniqueWord()}: torget`;
    const nextPosted = page1.waitForRequest(
      (request) =>
        request.method() === 'POST' &&
        new URL(request.url()).pathname === `/api/projects/${SLUG}/contributions`,
    );
    // The consent text is shown again (beside Send): consent was the previous person's.
    const secondId = await sendPin(page1, points(), secondStory, () =>
      page1.locator('[data-testid="consent"]').waitFor(),
    );
    expect((await nextPosted).headers().authorization).toBe(`Bearer ${secondToken}`);

    // Tablet 2 (its own profile): the same PIN set-up and table choice, then one pin.
    const page2 = tablet2.page;
    await page2.goto(`${baseUrl}/w/${session.code}`);
    await page2.locator('[data-testid="kiosk-pin-new"]').fill(PIN);
    await page2.locator('[data-testid="kiosk-pin-repeat"]').fill(PIN);
    await page2.locator('[data-testid="kiosk-pin-save"]').click();
    await page2.locator('[data-testid="kiosk-group-0"]').click();
    await waitForMap(page2);
    const thirdId = await sendPin(page2, points(), `E2E verksted ${uniqueWord()}: skolen`);

    // The projector shows all three pins without a reload, and draws them on the map.
    const pinIds = () =>
      projector.page
        .locator('[data-testid="projector-pins"] li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
    await expect
      .poll(pinIds, { timeout: 30_000, message: 'the pins listed on the projector' })
      .toEqual(expect.arrayContaining([firstId, secondId, thirdId]));
    await expect
      .poll(() => projector.page.locator('[data-testid="map"]').getAttribute('data-contributions'), {
        timeout: 30_000,
      })
      .toBe('3');
    await expect
      .poll(
        () =>
          projector.page
            .locator(`[data-testid="projector-legend"] [data-category="${CATEGORY}"]`)
            .getAttribute('data-count'),
        { timeout: 30_000 },
      )
      .toBe('3');

    // The console lists the same three pins, live.
    await consolePage
      .locator('[data-testid="contribution-count"][data-count="3"]')
      .waitFor({ timeout: 30_000 });
    for (const id of [firstId, secondId, thirdId]) {
      await consolePage.locator(`[data-testid="console-contribution"][data-id="${id}"]`).waitFor();
    }

    // The right PIN leaves kiosk mode.
    await page2.locator('[data-testid="kiosk-exit"]').first().click();
    await page2.locator('[data-testid="kiosk-exit-pin"]').fill(PIN);
    await page2.locator('[data-testid="kiosk-exit-submit"]').click();
    await expect.poll(() => new URL(page2.url()).pathname).toBe('/');

    for (const session of [facilitator, projector, tablet1, tablet2]) expect(session.pageErrors).toEqual([]);
  });
});
