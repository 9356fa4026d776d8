// Closing the loop, end to end: six residents name one place as a meeting place, each with a
// story (through the public API). The project's planner signs in at /staff, writes a dated update
// in bokmål and English and publishes it, and features one story in the moderation queue. A
// resident then opens /p/:slug/results?lang=en from the project list and sees the k-anonymous
// heatmap on the map (queryRenderedFeatures: one cell, 6 contributions from 6 people), the
// most-named place in the list, the featured quote and the update with its date in English. The
// updates editor and the results page pass axe-core; the page also reads right to left in Arabic.
import { randomBytes, randomUUID } from 'node:crypto';
import { type Project, projectSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LngLat, randomPointsInArea } from './area.ts';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { demoProjectDefinition, randomLetters, signInAsAdmin } from './staff-api.ts';

/** The layer of the hex heatmap (apps/web/src/map/heatmap-cells.ts). */
const HEATMAP_LAYER = 'heatmap-cells';
/** People who name the place: more than the project's k (5). */
const PEOPLE = 6;

const participantToken = () => randomBytes(24).toString('base64url');

interface Seeded {
  project: Project;
  planner: { email: string; password: string };
  /** A word only the story to feature has. */
  quoteWord: string;
}

async function seed(baseUrl: string): Promise<Seeded> {
  const { headers } = await signInAsAdmin(baseUrl);
  const definition = await demoProjectDefinition();
  const slug = `results-${randomLetters()}`;
  const created = await fetch(`${baseUrl}/api/staff/projects`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      ...definition,
      slug,
      languages: ['nb', 'nn', 'en', 'ar'],
      defaultLanguage: 'nb',
      moderation: 'after',
    }),
  });
  expect(created.status, await created.text()).toBe(201);
  const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${slug}`)).json());

  const planner = {
    email: `planner-${randomLetters(8)}@nabolag.test`,
    password: `planner password ${randomLetters()}`,
  };
  const user = await fetch(`${baseUrl}/api/staff/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      ...planner,
      name: 'E2E Planner',
      projectRoles: [{ project: slug, role: 'planner' }],
    }),
  });
  expect(user.status, await user.text()).toBe(201);

  const [place] = randomPointsInArea(project.area, 1, 0.6) as [LngLat];
  const quoteWord = randomLetters(12);
  for (let index = 0; index < PEOPLE; index += 1) {
    const response = await fetch(`${baseUrl}/api/projects/${slug}/contributions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${participantToken()}` },
      body: JSON.stringify({
        id: randomUUID(),
        category: 'meeting-places',
        // Within about a metre of the place: one hexagon at any size.
        geometry: {
          type: 'Point',
          coordinates: [place[0] + Math.random() * 1e-5, place[1] + Math.random() * 1e-5],
        },
        story:
          index === 0
            ? `We meet on the steps every Friday ${quoteWord}`
            : `Benken ved torget ${randomLetters()}`,
      }),
    });
    expect(response.status, await response.text()).toBe(201);
  }
  return { project, planner, quoteWord };
}

/** The distinct heatmap cells the map has drawn, with their counts. */
function renderedCells(page: Page) {
  return page.evaluate((layer) => {
    const map = window.__nabolagMap;
    if (!map?.getLayer(layer)) return [];
    const cells = new Map<string, { count: number; participants: number }>();
    for (const feature of map.queryRenderedFeatures({ layers: [layer] })) {
      const properties = feature.properties ?? {};
      cells.set(`${properties.count}/${properties.participants}/${JSON.stringify(feature.id ?? '')}`, {
        count: Number(properties.count),
        participants: Number(properties.participants),
      });
    }
    return [...cells.values()];
  }, HEATMAP_LAYER);
}

async function expectNoSeriousViolations(page: Page, what: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${what}: ${describeViolations(violations)}`).toEqual([]);
}

describe.skipIf(inject('e2eSkipped'))('results page', () => {
  const baseUrl = inject('baseUrl');
  let planner: BrowserSession;
  let resident: BrowserSession;
  let seeded: Seeded;

  beforeAll(async () => {
    seeded = await seed(baseUrl);
    planner = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'en-GB' });
    resident = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'en-GB' });
  });

  afterAll(async () => {
    await planner?.close();
    await resident?.close();
  });

  it('shows residents the heatmap, a featured quote and the planners’ update', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(
      onTestFailed,
      () => `planner:\n${planner.describeProblems()}\nresident:\n${resident.describeProblems()}`,
    );
    const { project, quoteWord } = seeded;
    const slug = project.slug;
    const staff = planner.page;

    // The planner signs in and opens the project's updates from the project list.
    await staff.goto(`${baseUrl}/staff?lang=en`);
    await staff.locator('#sign-in-email').fill(seeded.planner.email);
    await staff.locator('#sign-in-password').fill(seeded.planner.password);
    await staff.locator('[data-testid="sign-in"]').click();
    await staff.locator(`[data-testid="updates-${slug}"]`).click();
    await staff.waitForURL(new RegExp(`/staff/projects/${slug}/updates$`));
    await staff.locator('[data-testid="updates-empty"]').waitFor();

    // A new update: refused without a bokmål title, saved once it has one.
    await staff.locator('[data-testid="new-update"]').click();
    await staff.locator('#field-publishedOn').fill('2025-03-14');
    await staff.locator('[data-testid="update-title-en"]').fill('Benches by the square');
    await staff.locator('[data-testid="update-save"]').click();
    await staff.locator('#field-title-nb-error').waitFor();
    await staff.locator('[data-testid="update-title-nb"]').fill('Benker ved torget');
    await staff.locator('[data-testid="update-body-nb"]').fill('Arbeidet starter i mai.');
    await staff
      .locator('[data-testid="update-body-en"]')
      .fill('Work starts in May.\n\nThank you for taking part.');
    await staff.locator('[data-testid="update-published"]').check();
    await expectNoSeriousViolations(staff, 'the updates editor');
    await staff.locator('[data-testid="update-save"]').click();
    await staff.locator('[data-testid="update-item"]').waitFor();
    expect(await staff.locator('[data-testid="update-item"]').textContent()).toContain('Published');

    // The planner features the story in the moderation queue.
    await staff.goto(`${baseUrl}/staff/moderation/${slug}?queue=all&lang=en`);
    const story = staff.locator('[data-testid="moderation-item"]', { hasText: quoteWord });
    await story.waitFor();
    await story.locator('[data-testid="feature"]').click();
    await story.locator('[data-testid="featured-badge"]').waitFor();
    expect(await story.locator('[data-testid="feature"]').getAttribute('aria-pressed')).toBe('true');

    // A resident finds the results from the list of projects.
    const page = resident.page;
    await page.goto(`${baseUrl}/?lang=en`);
    const card = page.locator('.project-card', { has: page.locator(`a[href="/p/${slug}"]`) });
    await card.locator('[data-testid="project-results-link"]').click();
    await page.waitForURL(new RegExp(`/p/${slug}/results`));
    await page.locator('[data-testid="results-page"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('What we heard');
    expect(await page.locator('[data-testid="results-total-participants"]').textContent()).toBe(
      String(PEOPLE),
    );

    // The heatmap of meeting places: one cell, six contributions from six people.
    expect(await page.locator('[data-testid="results-map"]').getAttribute('data-category')).toBe(
      'meeting-places',
    );
    await waitForMap(page);
    await page.waitForFunction(
      (layer) => (window.__nabolagMap?.queryRenderedFeatures({ layers: [layer] }).length ?? 0) > 0,
      HEATMAP_LAYER,
      { timeout: 30_000 },
    );
    expect(await renderedCells(page)).toEqual([{ count: PEOPLE, participants: PEOPLE }]);
    // The same place as a list (the map's equivalent), with "Show on map".
    const places = page.locator('[data-testid="results-top-places"] li');
    expect(await places.count()).toBe(1);
    expect(await places.first().textContent()).toContain(`People: ${PEOPLE}`);
    // Another category has nobody's places yet: an empty list, in words.
    await page.locator('[data-testid="results-category-least-liked"]').click();
    await page.locator('[data-testid="results-category-empty"]').waitFor();
    await page.waitForFunction(
      (layer) => (window.__nabolagMap?.queryRenderedFeatures({ layers: [layer] }).length ?? 1) === 0,
      HEATMAP_LAYER,
    );

    // The featured quote and the update, dated in English.
    const quotes = await page.locator('[data-testid="results-quotes"]').textContent();
    expect(quotes).toContain(quoteWord);
    expect(quotes).not.toContain('Benken ved torget');
    const updates = page.locator('[data-testid="results-updates"]');
    expect(await updates.locator('h3').textContent()).toBe('Benches by the square');
    expect(await updates.locator('time').getAttribute('datetime')).toBe('2025-03-14');
    // The reader's language (en) writes the month out: "March 14, 2025".
    expect(await updates.locator('time').textContent()).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(2025, 2, 14)),
    );
    expect(await updates.locator('p').count()).toBe(2);
    await expectNoSeriousViolations(page, 'the results page');

    // In Arabic: right to left, the page's own words translated, the update in its fallback language.
    await page.goto(`${baseUrl}/p/${slug}/results?lang=ar`);
    await page.locator('[data-testid="results-page"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toBe('ما سمعناه');
    expect(await page.locator('[data-testid="results-updates"] h3').getAttribute('lang')).toBe('nb');
    await expectNoSeriousViolations(page, 'the results page in Arabic');
  });
});
