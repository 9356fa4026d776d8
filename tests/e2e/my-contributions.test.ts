// "My places" (/p/:slug/me): a participant answers the background questions with their first
// place, then edits a story, moves a place with the keyboard and deletes another — and a second
// participant, in another browser, neither sees those places nor may change them.
import { randomBytes } from 'node:crypto';
import {
  contributionCreatedSchema,
  participantDataSchema,
  projectSchema,
  publicContributionCollectionSchema,
} from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure, waitForSentStatus } from './harness.ts';
import { findEmptyMapSpot, waitForMap } from './map.ts';
import { chooseCategory, nextUntil } from './resident-flow.ts';

const SLUG = 'torstrand';
const TOKEN_KEY = `nabolag:participant:${SLUG}`;

/** Random lower-case letters: digits in a story can look like a phone number and hold it back. */
const uniqueWord = () =>
  Array.from(randomBytes(12), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

interface Sent {
  id: string;
  /** The request body the page sent. */
  body: Record<string, unknown>;
}

/**
 * Adds a place through the map page: category, a tap on empty map, Next, a story, Send. `onStory`
 * runs on the story step; with `onQuestions`, Next goes on to the optional questions first.
 */
async function addPlace(
  page: Page,
  baseUrl: string,
  category: string,
  story: string,
  steps: { onStory?: () => Promise<void>; onQuestions?: () => Promise<void> } = {},
): Promise<Sent> {
  const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
  await chooseCategory(page, category);
  const target = await findEmptyMapSpot(page, randomPointsInArea(project.area, 40));
  await page.mouse.click(target.x, target.y);
  await nextUntil(page, 'textarea#story');
  await page.locator('textarea#story').fill(story);
  await steps.onStory?.();
  if (steps.onQuestions) {
    await nextUntil(page, '[data-testid="background-questions"]');
    await steps.onQuestions();
  }
  const posted = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname === `/api/projects/${SLUG}/contributions`,
  );
  posted.catch(() => undefined);
  await page.locator('[data-testid="send"]').click();
  await waitForSentStatus(page);
  const response = await posted;
  return {
    id: contributionCreatedSchema.parse(await response.json()).id,
    body: response.request().postDataJSON() as Record<string, unknown>,
  };
}

const tokenOf = async (page: Page) => {
  const token = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
  if (!token) throw new Error('no participant token in localStorage');
  return token;
};

async function ownData(baseUrl: string, token: string) {
  const response = await fetch(`${baseUrl}/api/projects/${SLUG}/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return participantDataSchema.parse(await response.json());
}

const card = (page: Page, id: string) => page.locator(`[data-testid="own-place"][data-id="${id}"]`);

describe.skipIf(inject('e2eSkipped'))('my places', () => {
  const baseUrl = inject('baseUrl');
  let alice: BrowserSession;
  let bob: BrowserSession;

  beforeAll(async () => {
    const executablePath = inject('chromiumPath');
    alice = await openBrowser({ baseUrl, executablePath, locale: 'nb-NO' });
    bob = await openBrowser({
      baseUrl,
      executablePath,
      locale: 'nb-NO',
      viewport: { width: 390, height: 844 },
    });
  });

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
  });

  it('lets a participant answer once, edit, move and delete their own places — and no one else', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(
      onTestFailed,
      () => `alice:\n${alice.describeProblems()}\nbob:\n${bob.describeProblems()}`,
    );
    const page = alice.page;
    const word = uniqueWord();

    // The first place, with background answers and the consent text before it.
    await page.goto(`${baseUrl}/p/${SLUG}?lang=nb`);
    await waitForMap(page);
    const first = await addPlace(page, baseUrl, 'meeting-places', `E2E første ${word}: benken ved elva`, {
      onQuestions: async () => {
        await page.locator('[data-testid="background-questions"]').waitFor();
        await page.locator('[data-testid="consent"]').waitFor();
        await page.locator('[data-testid="background-age"]').selectOption('30-44');
        await page.locator('[data-testid="background-relation-lives"]').check();
        await page.locator('[data-testid="background-relation-grew-up"]').check();
        await page.locator('[data-testid="background-years"]').fill('12');
      },
    });
    expect(first.body.participant).toEqual({
      ageBand: '30-44',
      relation: ['lives', 'grew-up'],
      yearsInArea: 12,
    });

    // Asked once: not for the second place, nor after a reload.
    // (Without questions to ask, the story step is the last: the consent would show there.)
    const second = await addPlace(page, baseUrl, 'great-value', `E2E andre ${word}: den gamle eika`, {
      onStory: async () => {
        expect(await page.locator('[data-testid="background-questions"]').count()).toBe(0);
        expect(await page.locator('[data-testid="consent"]').count()).toBe(0);
      },
    });
    expect(second.body.participant).toBeUndefined();
    await page.reload();
    await waitForMap(page);
    await chooseCategory(page, 'landmarks');
    await page.locator('[data-testid="geometry-point"]').waitFor();
    expect(await page.locator('[data-testid="background-questions"]').count()).toBe(0);
    await page.locator('[data-testid="cancel"]').click();

    // "My places", from the map page.
    await page.locator('[data-testid="my-places-link"]').click();
    await page.waitForURL(`${baseUrl}/p/${SLUG}/me`);
    await card(page, first.id).waitFor();
    await card(page, second.id).waitFor();
    expect(await page.locator('[data-testid="own-place"]').count()).toBe(2);
    expect(await card(page, first.id).getAttribute('data-status')).toBe('published');
    expect(await page.locator('[data-testid="background-age"]').inputValue()).toBe('30-44');

    // Edit the story of the first.
    const edited = `E2E endret ${word}: benken er ny og blå`;
    await card(page, first.id).locator('[data-testid="own-place-edit"]').click();
    await card(page, first.id).locator('[data-testid="edit-story"]').fill(edited);
    await card(page, first.id).locator('[data-testid="edit-save"]').click();
    await card(page, first.id).locator('[data-testid="own-place-message"] [data-tone="success"]').waitFor();
    await expect
      .poll(() => card(page, first.id).locator('[data-testid="own-place-story"]').textContent())
      .toBe(edited);

    // Move it with the keyboard: focus the map, pan with the arrow keys, "move it to the cross".
    const token = await tokenOf(page);
    const before = (await ownData(baseUrl, token)).contributions.find((own) => own.id === first.id);
    await card(page, first.id).locator('[data-testid="own-place-move"]').click();
    await card(page, first.id)
      .locator('[data-testid="map"][data-map-loaded="true"]')
      .waitFor({ timeout: 60_000 });
    await card(page, first.id).locator('.maplibregl-canvas').focus();
    for (let step = 0; step < 3; step++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(350); // MapLibre eases each step
    }
    await card(page, first.id).locator('[data-testid="move-to-centre"]').click();
    await card(page, first.id).locator('[data-testid="move-save"]').click();
    await card(page, first.id).locator('[data-testid="own-place-message"] [data-tone="success"]').waitFor();
    const after = (await ownData(baseUrl, token)).contributions.find((own) => own.id === first.id);
    expect(after?.story).toBe(edited);
    expect(after?.geometry).not.toEqual(before?.geometry);

    // Delete the second, after confirming.
    await card(page, second.id).locator('[data-testid="own-place-delete"]').click();
    await page.locator('[data-testid="confirm-delete"][open]').waitFor();
    await page.locator('[data-testid="confirm-delete-confirm"]:visible').click();
    await card(page, second.id).waitFor({ state: 'detached' });
    await page.locator('[data-testid="my-places-status"] p').waitFor();

    const mine = await ownData(baseUrl, token);
    expect(mine.contributions.map((own) => own.id)).toEqual([first.id]);
    expect(mine.profile).toEqual({ ageBand: '30-44', relation: ['lives', 'grew-up'], yearsInArea: 12 });
    const listed = publicContributionCollectionSchema.parse(
      await (await fetch(`${baseUrl}/api/projects/${SLUG}/contributions`)).json(),
    );
    expect(listed.features.some((feature) => feature.id === second.id)).toBe(false);

    // Still so after a reload.
    await page.reload();
    await card(page, first.id).waitFor();
    expect(await page.locator('[data-testid="own-place"]').count()).toBe(1);

    // Another participant: nothing of Alice's on their page, and no way to change it.
    const other = bob.page;
    await other.goto(`${baseUrl}/p/${SLUG}/me?lang=nb`);
    await other.locator('[data-testid="my-places-empty"]').waitFor();
    await other.goto(`${baseUrl}/p/${SLUG}?lang=nb`);
    await waitForMap(other);
    const bobs = await addPlace(other, baseUrl, 'community', `E2E Bob ${word}: biblioteket`, {
      onQuestions: () => other.locator('[data-testid="background-skip"]').click(),
    });
    expect(bobs.body.participant).toBeUndefined();
    await other.goto(`${baseUrl}/p/${SLUG}/me`);
    await card(other, bobs.id).waitFor();
    expect(await other.locator('[data-testid="own-place"]').count()).toBe(1);
    expect(await card(other, first.id).count()).toBe(0);

    const attempts = await other.evaluate(
      async ({ id, key }) => {
        const token = localStorage.getItem(key);
        const authorization = { Authorization: `Bearer ${token}` };
        const patch = await fetch(`/api/contributions/${id}`, {
          method: 'PATCH',
          headers: { ...authorization, 'Content-Type': 'application/json' },
          body: JSON.stringify({ story: 'not yours' }),
        });
        const remove = await fetch(`/api/contributions/${id}`, { method: 'DELETE', headers: authorization });
        return { patch: patch.status, remove: remove.status };
      },
      { id: first.id, key: TOKEN_KEY },
    );
    expect(attempts).toEqual({ patch: 403, remove: 403 });
    const still = (await ownData(baseUrl, token)).contributions.find((own) => own.id === first.id);
    expect(still?.story).toBe(edited);

    expect(alice.pageErrors).toEqual([]);
    expect(bob.pageErrors).toEqual([]);
  });
});
