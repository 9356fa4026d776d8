// The planner's place analysis, end to end: a project of its own gets contributions from seven
// participants through the public API — six name one place as a meeting place (each with a
// story), three name another as least liked. An admin creates a planner for the project; the
// planner signs in at /staff, opens the analysis from the navigation, and sees the hex cells on
// the map (queryRenderedFeatures: the busy cell with 6 contributions from 6 participants), the
// per-category chart drawn by Observable Plot (one bar per category), and the stories of a cell
// opened from the list of cells and by clicking the map. A filter goes into the address and
// survives a reload; an answer filter (meeting places visited daily) narrows the counts; the
// hot-spot view draws its legend; the dashboard passes axe-core; the printable report turns the
// map canvas into pictures.
import { randomBytes, randomUUID } from 'node:crypto';
import { type Project, projectSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LngLat, metresBetween, randomPointsInArea } from './area.ts';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { demoProjectDefinition, randomLetters, signInAsAdmin } from './staff-api.ts';

/** The layer of the hex heatmap (apps/web/src/map/heatmap-cells.ts). */
const HEATMAP_LAYER = 'heatmap-cells';
/** Participants at the busy place (meeting places) and at the disliked one. */
const BUSY = 6;
const DISLIKED = 3;
/** Of the busy place's participants, these answer "daily" to "How often are you here?". */
const DAILY = 2;

/** A participant's own token (32–128 URL-safe characters). */
const participantToken = () => randomBytes(24).toString('base64url');

interface Seeded {
  project: Project;
  planner: { email: string; password: string };
  busy: LngLat;
  disliked: LngLat;
  searchWord: string;
}

async function seed(baseUrl: string): Promise<Seeded> {
  const { headers } = await signInAsAdmin(baseUrl);
  const definition = await demoProjectDefinition();
  const slug = `analyse-${randomLetters()}`;
  const created = await fetch(`${baseUrl}/api/staff/projects`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...definition, slug, languages: ['nb', 'nn', 'en'], defaultLanguage: 'nb' }),
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

  // Two places far enough apart (> 600 m) to fall in different 200 m hexagons.
  let busy: LngLat | undefined;
  let disliked: LngLat | undefined;
  for (let attempt = 0; attempt < 50 && !(busy && disliked); attempt++) {
    const [first, second] = randomPointsInArea(project.area, 2, 0.7);
    if (first && second && metresBetween(first, second) > 600) [busy, disliked] = [first, second];
  }
  if (!busy || !disliked) throw new Error('no two places 600 m apart in the project area');

  const searchWord = randomLetters(12);
  const send = async (
    token: string,
    category: string,
    at: LngLat,
    story: string,
    profile: object,
    answers?: object,
  ) => {
    const response = await fetch(`${baseUrl}/api/projects/${slug}/contributions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        id: randomUUID(),
        category,
        // Within about a metre of the place: one hexagon at any size.
        geometry: {
          type: 'Point',
          coordinates: [at[0] + Math.random() * 1e-5, at[1] + Math.random() * 1e-5],
        },
        story,
        participant: profile,
        answers,
      }),
    });
    expect(response.status, await response.text()).toBe(201);
  };
  const people = Array.from({ length: BUSY + 1 }, participantToken);
  for (const [index, token] of people.slice(0, BUSY).entries()) {
    const word = index === 0 ? searchWord : randomLetters();
    await send(
      token,
      'meeting-places',
      busy,
      `Her treffes vi ved benken ${word}`,
      {
        relation: [index < 4 ? 'lives' : 'visitor'],
        ageBand: index % 2 === 0 ? '18-29' : '45-66',
      },
      { how_often: index < DAILY ? 'daily' : 'weekly' },
    );
  }
  // The disliked place: two of the same people and one more.
  for (const token of [people[0], people[1], people[BUSY]] as string[])
    await send(token, 'least-liked', disliked, `Mørk og utrygg undergang ${randomLetters()}`, {
      relation: ['lives'],
    });
  return { project, planner, busy, disliked, searchWord };
}

/** The distinct heatmap cells the map has drawn, with their counts. */
function renderedCells(page: Page) {
  return page.evaluate((layer) => {
    const map = window.__nabolagMap;
    if (!map?.getLayer(layer)) return [];
    const cells = new Map<string, { cell: string; count: number; participants: number }>();
    for (const feature of map.queryRenderedFeatures({ layers: [layer] })) {
      const properties = feature.properties ?? {};
      cells.set(String(properties.cell), {
        cell: String(properties.cell),
        count: Number(properties.count),
        participants: Number(properties.participants),
      });
    }
    return [...cells.values()];
  }, HEATMAP_LAYER);
}

describe.skipIf(inject('e2eSkipped'))('analysis dashboard', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;
  let seeded: Seeded;

  beforeAll(async () => {
    seeded = await seed(baseUrl);
    browser = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'nb-NO' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows cells, charts and stories per place, keeps filters in the address, and prints a report', {
    timeout: 240_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => browser.describeProblems());
    const { page } = browser;
    const { project, planner } = seeded;
    const slug = project.slug;

    // Sign in as the project's planner; the navigation leads to the analysis.
    await page.goto(`${baseUrl}/staff?lang=nb`);
    await page.locator('#sign-in-email').fill(planner.email);
    await page.locator('#sign-in-password').fill(planner.password);
    await page.locator('[data-testid="sign-in"]').click();
    await page.locator('[data-testid="nav-analysis"]').click();
    await page.locator(`[data-testid="analyse-${slug}"]`).click();
    await page.waitForURL(new RegExp(`/staff/analysis/${slug}$`));
    await page.locator('[data-testid="analysis-total"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="analysis-total"]').getAttribute('data-contributions')).toBe(
      String(BUSY + DISLIKED),
    );

    // The hex cells are on the map: the busy one with 6 contributions from 6 participants.
    await waitForMap(page);
    await page.waitForFunction(
      (layer) => (window.__nabolagMap?.queryRenderedFeatures({ layers: [layer] }).length ?? 0) > 0,
      HEATMAP_LAYER,
      { timeout: 30_000 },
    );
    const cells = await renderedCells(page);
    const counts = cells.map((cell) => [cell.count, cell.participants]);
    expect(counts.sort((x, y) => (y[0] ?? 0) - (x[0] ?? 0))).toEqual([
      [BUSY, BUSY],
      [DISLIKED, DISLIKED],
    ]);

    // The chart per category is Observable Plot's SVG with one bar per category of the project.
    const chart = page.locator('[data-testid="chart-by-category"]');
    await chart.locator('svg g[data-mark="bar"] rect').first().waitFor({ timeout: 30_000 });
    expect(await chart.locator('svg g[data-mark="bar"] rect').count()).toBe(project.categories.length);
    expect(await chart.locator('svg').getAttribute('role')).toBe('img');
    // Its numbers as a table too.
    await chart.locator('summary').click();
    expect(await chart.locator('tbody tr').count()).toBe(project.categories.length);

    // Stories of the busiest cell, from the list of cells (the keyboard and screen-reader path).
    await page.locator('[data-testid="cell-list"] summary').click();
    const firstRow = page.locator('[data-testid="cell-row"]').first();
    const busyCell = await firstRow.getAttribute('data-cell');
    await firstRow.locator('[data-testid="open-cell-stories"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="stories-panel"][data-scope="cell"]').waitFor();
    await page.locator(`[data-testid="story-count"][data-count="${BUSY}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="story"]').count()).toBe(BUSY);
    expect(await page.locator('[data-testid="cell-summary"]').textContent()).toBe(
      `${BUSY} bidrag fra ${BUSY} deltakere.`,
    );
    expect(page.url()).toContain(`at=${encodeURIComponent(busyCell ?? '')}`);
    // Focus went to the panel's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');

    // Search within the stories.
    await page.locator('[data-testid="story-search"]').fill(seeded.searchWord);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="story-count"][data-count="1"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="story"]').textContent()).toContain(seeded.searchWord);

    // A click on the disliked place's cell on the map opens its stories.
    await page.locator('[data-testid="all-stories"]').click();
    await page.locator('[data-testid="story-search"]').fill('');
    await page.keyboard.press('Enter');
    const point = await page.evaluate((lngLat) => {
      const map = window.__nabolagMap;
      if (!map) throw new Error('no map');
      const rect = map.getContainer().getBoundingClientRect();
      const local = map.project(lngLat);
      return { x: rect.left + local.x, y: rect.top + local.y };
    }, seeded.disliked);
    await page.mouse.click(point.x, point.y);
    await page.locator('[data-testid="stories-panel"][data-scope="cell"]').waitFor();
    await page.locator(`[data-testid="story-count"][data-count="${DISLIKED}"]`).waitFor({ timeout: 15_000 });

    // A filter goes into the address, narrows map, stories and charts, and survives a reload.
    await page.locator('[data-testid="filter-relation"] summary').click();
    await page.locator('[data-testid="filter-relation"] input[value="visitor"]').check();
    await page.waitForURL(/relation=visitor/);
    await page
      .locator(`[data-testid="analysis-total"][data-contributions="${BUSY - 4}"]`)
      .waitFor({ timeout: 15_000 });
    await page.reload();
    await page.locator(`[data-testid="analysis-total"][data-contributions="${BUSY - 4}"]`).waitFor({
      timeout: 30_000,
    });
    expect(await page.locator('[data-testid="filter-relation"] input[value="visitor"]').isChecked()).toBe(
      true,
    );
    await waitForMap(page);
    await page.waitForFunction(
      (layer) => {
        const features = window.__nabolagMap?.queryRenderedFeatures({ layers: [layer] }) ?? [];
        return features.length > 0 && features.every((feature) => feature.properties?.count === 2);
      },
      HEATMAP_LAYER,
      { timeout: 30_000 },
    );
    await page.locator('[data-testid="clear-filters"]').click();
    await page.locator(`[data-testid="analysis-total"][data-contributions="${BUSY + DISLIKED}"]`).waitFor();

    // An answer filter: the meeting places visited daily (the demo's "How often are you here?").
    await page.locator('[data-testid="filter-answer"] summary').click();
    await page.locator('[data-testid="answer-how_often"] input[value="daily"]').check();
    await page.waitForURL(/answer=how_often%3Adaily/);
    await page
      .locator(`[data-testid="analysis-total"][data-contributions="${DAILY}"]`)
      .waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="clear-filters"]').click();
    await page.locator(`[data-testid="analysis-total"][data-contributions="${BUSY + DISLIKED}"]`).waitFor();

    // Hot spots: Gi* cells with a legend of significance classes.
    await page.locator('[data-testid="mode-hot-spots"]').check();
    await page.locator('[data-testid="map"][data-display="hot-spots"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="hot-spot-legend"] li').count()).toBe(7);
    await page.locator('[data-testid="mode-heatmap"]').check();
    await page.locator('[data-testid="map"][data-display="heatmap"]').waitFor({ timeout: 30_000 });

    // No serious or critical accessibility problems on the dashboard.
    const problems = await seriousAxeViolations(page);
    expect(problems, describeViolations(problems)).toEqual([]);

    // The printable report: maps as pictures from the map canvas, charts, top places, quotes.
    await page.locator('[data-testid="open-report"]').click();
    await page.waitForURL(new RegExp(`/staff/analysis/${slug}/report`));
    await page.locator('[data-testid="report-maps"][data-done="true"]').waitFor({ timeout: 90_000 });
    const pictures = await page
      .locator('[data-testid="report-map-image"]')
      .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src.slice(0, 22)));
    // All categories together, then the two named ones.
    expect(pictures).toEqual(['data:image/png;base64,', 'data:image/png;base64,', 'data:image/png;base64,']);
    await page.locator('[data-testid="report-quotes"] blockquote').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="report-top-places"] tbody tr').count()).toBeGreaterThan(0);
    expect(browser.pageErrors).toEqual([]);
  });
});
