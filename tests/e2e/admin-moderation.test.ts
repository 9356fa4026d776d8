// Staff and residents together, end to end: an admin signs in at /staff, creates a project whose
// area is drawn on the map and whose first category is edited; a resident (another browser)
// contributes a story there; the admin hides it in moderation, and it is gone from the public
// list and from the resident's map. The sign-in page and the project editor pass axe-core.
import { randomBytes } from 'node:crypto';
import {
  contributionCreatedSchema,
  projectSchema,
  publicContributionCollectionSchema,
} from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure, waitForSentStatus } from './harness.ts';
import { contributionCount, findEmptyMapSpot, renderedContributions, waitForMap } from './map.ts';
import { nextUntil } from './resident-flow.ts';
import { E2E_ADMIN } from './server.ts';

/** Random lower-case letters: digits in a story can look like a phone number and hold it back. */
const uniqueWord = (length = 12) =>
  Array.from(randomBytes(length), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

const CATEGORY = 'meeting-places';

/** Clicks the area editor's map at the given fractions of its width and height, one corner each. */
async function drawArea(page: Page, corners: Array<[number, number]>): Promise<void> {
  const editor = page.locator('[data-testid="area-editor"]');
  await page.locator('[data-testid="area-editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
  await editor.scrollIntoViewIfNeeded();
  const box = await editor.boundingBox();
  if (!box) throw new Error('the area editor has no box');
  for (const [index, [x, y]] of corners.entries()) {
    await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
    await page
      .locator(`[data-testid="area-editor"][data-vertices="${index + 1}"]`)
      .waitFor({ timeout: 5000 });
  }
}

describe.skipIf(inject('e2eSkipped'))('admin and moderation', () => {
  const baseUrl = inject('baseUrl');
  let admin: BrowserSession;
  let resident: BrowserSession;

  beforeAll(async () => {
    admin = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'nb-NO' });
    resident = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'nb-NO' });
  });

  afterAll(async () => {
    await admin?.close();
    await resident?.close();
  });

  it('creates a project with a drawn area, takes a story from a resident and hides it again', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(
      onTestFailed,
      () => `admin:\n${admin.describeProblems()}\nresident:\n${resident.describeProblems()}`,
    );
    const page = admin.page;
    const word = uniqueWord();
    const slug = `e2e-${word}`;
    const label = `Møteplasser ${word}`;

    // Sign in.
    const opened = await page.goto(`${baseUrl}/staff?lang=nb`);
    expect(opened?.status(), 'the staff page').toBe(200);
    await page.locator('#sign-in-email').waitFor();
    const signInProblems = await seriousAxeViolations(page);
    expect(signInProblems, describeViolations(signInProblems)).toEqual([]);
    await page.locator('#sign-in-email').fill(E2E_ADMIN.email);
    await page.locator('#sign-in-password').fill(E2E_ADMIN.password);
    await page.locator('[data-testid="sign-in"]').click();
    await page.locator('[data-testid="signed-in-as"]').waitFor();

    // A new project: title, address, an area of four corners drawn on the map.
    await page.locator('[data-testid="new-project"]').click();
    await page.locator('[data-testid="project-title-nb"]').fill(`E2E-kartlegging ${word}`);
    await page.locator('[data-testid="project-slug"]').fill(slug);
    await drawArea(page, [
      [0.3, 0.3],
      [0.7, 0.3],
      [0.7, 0.7],
      [0.3, 0.7],
    ]);
    expect(await page.locator('[data-testid="area-summary"]').textContent()).toContain('4');

    // The first category: a new name, and no longer drawn as an area.
    const category = page.locator(`[data-testid="category-editor-${CATEGORY}"]`);
    await category.locator('summary').click();
    await category.locator('input[lang="nb"]').fill(label);
    const areaType = page.locator(`[data-testid="category-${CATEGORY}-type-Polygon"]`);
    await areaType.uncheck();
    expect(await areaType.isChecked()).toBe(false);
    // Its symbol, from the icons residents see.
    await category.locator('[data-testid="icon-option-coffee"]').check();

    const editorProblems = await seriousAxeViolations(page);
    expect(editorProblems, describeViolations(editorProblems)).toEqual([]);

    await page.locator('[data-testid="save-project"]').click();
    await page.waitForURL(`${baseUrl}/staff/projects/${slug}`, { timeout: 30_000 });
    await page.locator('[data-testid="save-status"][data-tone="success"]').waitFor({ timeout: 30_000 });

    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${slug}`)).json());
    expect(project.open).toBe(true);
    const saved = project.categories.find((candidate) => candidate.key === CATEGORY);
    expect(saved?.labels.nb).toBe(label);
    expect(saved?.geometryTypes).toEqual(['Point']);
    expect(saved?.icon).toBe('coffee');
    expect(project.categories).toHaveLength(8);

    // A resident, in a browser of their own, puts a meeting place with a story.
    const story = `E2E fortelling ${word}: her møtes vi etter skolen`;
    const residentPage = resident.page;
    await residentPage.goto(`${baseUrl}/p/${slug}?lang=nb`);
    await waitForMap(residentPage);
    await residentPage.locator('[data-testid="add-place"]').click();
    const categoryButton = residentPage.locator(`[data-testid="category-${CATEGORY}"]`);
    expect(await categoryButton.textContent()).toContain(label);
    expect(await categoryButton.locator('svg.category-icon__svg').count(), 'the chosen icon').toBe(1);
    await categoryButton.click();
    const skip = residentPage.locator('[data-testid="background-skip"]');
    if (await skip.isVisible()) await skip.click();
    const target = await findEmptyMapSpot(residentPage, randomPointsInArea(project.area, 30));
    await residentPage.mouse.click(target.x, target.y);
    await nextUntil(residentPage, 'textarea#story');
    await residentPage.locator('textarea#story').fill(story);
    const posted = residentPage.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === `/api/projects/${slug}/contributions`,
    );
    posted.catch(() => undefined);
    await residentPage.locator('[data-testid="send"]').click();
    await waitForSentStatus(residentPage);
    const created = contributionCreatedSchema.parse(await (await posted).json());

    const publicIds = async () =>
      publicContributionCollectionSchema
        .parse(await (await fetch(`${baseUrl}/api/projects/${slug}/contributions`)).json())
        .features.map((feature) => feature.id);
    expect(await publicIds(), 'published at once (moderation after publishing)').toContain(created.id);

    // The admin hides it, with a reason.
    await page.locator('[data-testid="nav-moderation"]').click();
    await page.locator('[data-testid="moderation-project"]').selectOption(slug);
    await page.locator('[data-testid="queue-all"]').click();
    const item = page.locator(`[data-testid="moderation-item"][data-id="${created.id}"]`);
    await item.waitFor();
    expect(await item.locator('[data-testid="moderation-story"]').textContent()).toBe(story);
    await item.locator('[data-testid="hide"]').click();
    const dialog = page.locator('[data-testid="hide-dialog"]');
    await dialog.locator('textarea').fill('Testen skjuler fortellingen');
    await dialog.locator('[data-testid="confirm-hide"]').click();
    await page
      .locator(`[data-testid="moderation-item"][data-id="${created.id}"][data-status="hidden"]`)
      .waitFor();
    await expect
      .poll(() => page.locator('[data-testid="moderation-status"]').textContent(), { timeout: 15_000 })
      .toContain('skjult');

    // Gone from the public list, and from the resident's map after a reload.
    expect(await publicIds()).not.toContain(created.id);
    await residentPage.reload();
    await waitForMap(residentPage);
    expect(await contributionCount(residentPage)).toBe(0);
    const drawn = await renderedContributions(residentPage);
    expect(drawn.some((feature) => feature.properties.story === story || feature.id === created.id)).toBe(
      false,
    );

    expect(admin.pageErrors).toEqual([]);
    expect(resident.pageErrors).toEqual([]);
  });
});
