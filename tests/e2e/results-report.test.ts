// Results and a report people want to read (#16, point 10). A project of its own gets three
// places, all on one day: six people name a meeting place, six a landmark, and eight — the most —
// a place they like least. The server names places by their nearest address from the run's
// stand-in for Kartverket (apps/api/src/testing/address-fixtures.ts, started in global-setup.ts).
//
// - The results page, on a phone (390×844, touch) and a desktop (1366×768): opens on a liked
//   category (never "least liked", though it has most people); every listed place is named after
//   its address ("Near Storgata 12"), never "Place 1"; the list and the map stay inside the screen.
// - The printable report: Print is disabled ("Preparing maps … 1 of 4") until every map picture
//   is drawn; a cover (organisation, project, area, date) and a summary; two maps to a row in print;
//   chart text at 8 pt or more in print; one day of data said in words rather than one block; a
//   PDF (Chromium's page.pdf) with page numbers, fewer pages than with one map per page.
// - A planner renames a place in the report; the results page shows the new name.
// - "Liked and least liked" colours cells on a diverging scale: two hues far apart at the ends.

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { type Project, projectResultsSchema, projectSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LngLat, spreadPointsInArea } from './area.ts';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { demoProjectDefinition, randomLetters, signInAsAdmin } from './staff-api.ts';

/** People per place; least liked has the most. */
const PLACES = [
  { category: 'meeting-places', people: 6 },
  { category: 'landmarks', people: 6 },
  { category: 'least-liked', people: 8 },
] as const;
const TOTAL = PLACES.reduce((sum, place) => sum + place.people, 0);
/** Map pictures in the report: all categories together, then one per category with contributions. */
const REPORT_MAPS = 1 + PLACES.length;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
/** Where to save screenshots for people to look at (unset: none are taken). */
const SHOTS = process.env.E2E_SCREENSHOTS_DIR;

const participantToken = () => randomBytes(24).toString('base64url');

interface Seeded {
  project: Project;
  planner: { email: string; password: string };
}

async function seed(baseUrl: string): Promise<Seeded> {
  const { headers } = await signInAsAdmin(baseUrl);
  const definition = await demoProjectDefinition();
  const slug = `named-${randomLetters()}`;
  const created = await fetch(`${baseUrl}/api/staff/projects`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...definition, slug, languages: ['nb', 'nn', 'en', 'ar'], defaultLanguage: 'nb' }),
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

  // Far enough apart (> 600 m) to fall in different 200 m hexagons.
  const spots = spreadPointsInArea(project.area, PLACES.length, 600);
  for (const [index, place] of PLACES.entries()) {
    const at = spots[index] as LngLat;
    for (let person = 0; person < place.people; person += 1) {
      const response = await fetch(`${baseUrl}/api/projects/${slug}/contributions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${participantToken()}` },
        body: JSON.stringify({
          id: randomUUID(),
          category: place.category,
          geometry: {
            type: 'Point',
            coordinates: [at[0] + Math.random() * 1e-5, at[1] + Math.random() * 1e-5],
          },
          story: `Historie ${randomLetters()}`,
        }),
      });
      expect(response.status, await response.text()).toBe(201);
    }
  }
  return { project, planner };
}

async function screenshot(page: Page, name: string) {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Pages of a PDF (each page object is `/Type /Page`; the tree's nodes are `/Type /Pages`). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

/** Text objects (`BT` … `ET`) in a PDF's content streams: each printed page number adds one. */
function pdfTextObjects(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  let count = 0;
  const streams = /<<([^>]*?\/Filter\s*\/FlateDecode[^>]*?)>>\s*stream\r?\n/g;
  for (let match = streams.exec(text); match; match = streams.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      count += (content.match(/(^|\s)BT(\s|$)/g) ?? []).length;
    } catch {
      // not a stream that inflates on its own (fonts, images with other filters): no text there
    }
  }
  return count;
}

/** A `#rrggbb` (or `rgb(r, g, b)`/`rgba(…)`) colour's hue, degrees. */
function hue(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const parts = hex
    ? hex.slice(1).map((part) => Number.parseInt(part, 16))
    : (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const [r = 0, g = 0, b = 0] = parts.map((value) => value / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const h =
    max === r
      ? ((g - b) / (max - min)) % 6
      : max === g
        ? (b - r) / (max - min) + 2
        : (r - g) / (max - min) + 4;
  return (h * 60 + 360) % 360;
}

async function signInAsPlanner(page: Page, baseUrl: string, planner: Seeded['planner']) {
  await page.goto(`${baseUrl}/staff?lang=en`);
  await page.locator('#sign-in-email').fill(planner.email);
  await page.locator('#sign-in-password').fill(planner.password);
  await page.locator('[data-testid="sign-in"]').click();
  await page.locator('[data-testid="sign-in"]').waitFor({ state: 'detached' });
}

describe.skipIf(inject('e2eSkipped'))('results and report people want to read', () => {
  const baseUrl = inject('baseUrl');
  let seeded: Seeded;
  const sessions: BrowserSession[] = [];
  const open = async (options: { viewport?: { width: number; height: number }; hasTouch?: boolean } = {}) => {
    const session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      locale: 'en-GB',
      ...options,
    });
    sessions.push(session);
    return session;
  };
  const problems = () => sessions.map((session) => session.describeProblems()).join('\n');

  beforeAll(async () => {
    seeded = await seed(baseUrl);
  });
  afterAll(async () => {
    for (const session of sessions) await session.close();
  });

  it('opens the results on a liked category and names every place after its address, on a phone and a desktop', {
    timeout: 180_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, problems);
    const slug = seeded.project.slug;
    const api = projectResultsSchema.parse(
      await (await fetch(`${baseUrl}/api/projects/${slug}/results`)).json(),
    );
    for (const category of api.categories) {
      for (const place of category.topPlaces) {
        expect(place.labelSource, `${category.key} ${place.id}`).toBe('address');
        // The stand-in's streets of Torstrand, with a house number.
        expect(place.label).toMatch(/^[A-ZÆØÅ][a-zæøå]+ \d+$/);
      }
    }

    for (const [size, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const { page } = await open({ viewport, hasTouch: size === 'phone' });
      await page.goto(`${baseUrl}/p/${slug}/results?lang=en`);
      await page.locator('[data-testid="results-page"]').waitFor({ timeout: 30_000 });
      await waitForMap(page);

      // The first view: a liked category, though least liked has the most people.
      const first = await page.locator('[data-testid="results-map"]').getAttribute('data-category');
      expect(first, size).not.toBe('least-liked');
      expect(['meeting-places', 'landmarks']).toContain(first);
      expect(await page.locator(`[data-testid="results-category-${first}"] input`).isChecked()).toBe(true);

      for (const category of ['meeting-places', 'landmarks', 'least-liked'] as const) {
        await page.locator(`[data-testid="results-category-${category}"]`).click();
        const items = page.locator('[data-testid="results-top-places"] li');
        await items.first().waitFor();
        const expected = api.categories.find((entry) => entry.key === category)?.topPlaces ?? [];
        expect(await items.count()).toBe(expected.length);
        for (const [index, place] of expected.entries()) {
          const item = items.nth(index);
          expect(await item.getAttribute('data-label-source')).toBe('address');
          const name = (await item.locator('.results__place-name').textContent()) ?? '';
          expect(name).toBe(`Near ${place.label}`);
          expect(name).not.toMatch(/Place \d/);
          // Inside the screen's width, not cut off.
          const box = await item.boundingBox();
          expect(
            box && box.x >= 0 && box.x + box.width <= viewport.width + 0.5,
            `${size}: ${JSON.stringify(box)}`,
          ).toBe(true);
        }
      }
      // Nothing sideways: the page is as wide as the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      const map = await page.locator('[data-testid="results-map"]').boundingBox();
      expect(map && map.x >= 0 && map.x + map.width <= viewport.width + 0.5).toBe(true);
      await page.locator(`[data-testid="results-category-${first}"]`).click();
      await screenshot(page, `results-${size}`);
      // Nothing serious for axe, in bokmål and in Arabic (right to left).
      for (const language of ['nb', 'ar']) {
        await page.goto(`${baseUrl}/p/${slug}/results?lang=${language}`);
        await page.locator('[data-testid="results-top-places"] li').first().waitFor({ timeout: 30_000 });
        const violations = await seriousAxeViolations(page);
        expect(violations, `${size}, ${language}: ${describeViolations(violations)}`).toEqual([]);
        // The address as written, inside the reader's own words for "near".
        const shown = api.categories.find((entry) => entry.key === first)?.topPlaces[0]?.label ?? '';
        expect(await page.locator('.results__place-name').first().textContent()).toContain(shown);
      }
      await screenshot(page, `results-${size}-ar`);
    }
  });

  it('prints a report with a cover, a summary, page numbers and two maps to a row, once every map is drawn; a rename shows on the results page', {
    timeout: 300_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, problems);
    const { project } = seeded;
    const { page } = await open({ viewport: DESKTOP });
    await signInAsPlanner(page, baseUrl, seeded.planner);
    await page.goto(`${baseUrl}/staff/analysis/${project.slug}/report?lang=en`);

    // Print waits for the maps: disabled, with progress in words, until all are drawn.
    const print = page.locator('[data-testid="print"]');
    await print.waitFor();
    expect(await print.isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="print-progress"]').textContent()).toMatch(
      /Preparing (the report|maps … \d of \d)/,
    );
    await page.locator('[data-testid="print-progress"]', { hasText: /of 4/ }).waitFor({ timeout: 30_000 });
    expect(await print.isDisabled()).toBe(true);
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid="print"]') as HTMLButtonElement | null)?.disabled,
      undefined,
      { timeout: 120_000 },
    );
    expect(await print.getAttribute('data-maps-total')).toBe(String(REPORT_MAPS));
    expect(await print.getAttribute('data-maps-done')).toBe(String(REPORT_MAPS));
    const images = page.locator('[data-testid="report-map-image"]');
    expect(await images.count()).toBe(REPORT_MAPS);
    expect(
      await images.evaluateAll((all) => all.every((image) => (image as HTMLImageElement).naturalWidth > 0)),
    ).toBe(true);

    // The cover and the summary.
    const cover = page.locator('[data-testid="report-cover"]');
    const coverText = (await cover.textContent()) ?? '';
    expect(coverText).toContain(project.organisation.name);
    expect(coverText).toContain(project.title.en ?? project.title.nb ?? '');
    expect(await page.locator('[data-testid="report-cover-area"]').textContent()).toMatch(/^[\d.,]+ km²$/);
    expect(await page.locator('[data-testid="report-cover-date"]').textContent()).toMatch(/\d{4}/);
    // The heatmap of all categories on the cover, once drawn.
    expect(await page.locator('[data-testid="report-cover-map"]').count()).toBe(1);
    expect(await page.locator('[data-testid="report-summary-participants"]').textContent()).toBe(
      String(TOTAL),
    );
    expect(await page.locator('[data-testid="report-summary-places"]').textContent()).toBe(String(TOTAL));
    const summaryPlaces = await page.locator('[data-testid="report-summary-place"]').allTextContents();
    expect(summaryPlaces).toHaveLength(PLACES.length);
    for (const name of summaryPlaces) {
      expect(name).toMatch(/^Near [A-ZÆØÅ][a-zæøå]+ \d+$/);
    }
    // One day of data: said in words, not drawn as one block across the chart.
    expect(await page.locator('[data-testid="chart-by-day-one-day"]').textContent()).toContain(String(TOTAL));

    // Print: two maps to a row, chart labels at 8 pt or more.
    await page.emulateMedia({ media: 'print' });
    const rows = await page.locator('.report-map').evaluateAll((figures) => {
      const tops = new Map<number, number>();
      for (const figure of figures) {
        const top = Math.round(figure.getBoundingClientRect().top);
        tops.set(top, (tops.get(top) ?? 0) + 1);
      }
      return [...tops.values()];
    });
    expect(Math.max(...rows), JSON.stringify(rows)).toBe(2);
    const chartText = await page.locator('[data-testid^="chart-by-"] svg').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).width.baseVal.value;
        return Array.from(svg.querySelectorAll('text'), (text) => text).map(
          (text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale * 0.75,
        );
      }),
    );
    expect(chartText.length).toBeGreaterThan(10);
    expect(Math.min(...chartText)).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'report-print-desktop');

    // The PDF: page numbers, and fewer pages than with one map per page.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(pdf);
    if (SHOTS) await writeFile(`${SHOTS}/report.pdf`, pdf);
    const withoutNumbers = await page.addStyleTag({
      content: '@page { @bottom-center { content: none } }',
    });
    const unnumbered = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdfPages(unnumbered)).toBe(pages);
    // Every page but the cover carries its number ("2", " / ", "5": the same text runs on each).
    const numberRuns = pdfTextObjects(pdf) - pdfTextObjects(unnumbered);
    expect(pages).toBeGreaterThan(2);
    expect(numberRuns).toBeGreaterThanOrEqual(pages - 1);
    expect(numberRuns % (pages - 1), `${numberRuns} text runs more on ${pages} pages`).toBe(0);
    await withoutNumbers.evaluate((style) => (style as HTMLStyleElement).remove());
    const onePerPage = await page.addStyleTag({
      content: '.report-maps { display: block !important } .report-map { break-after: page }',
    });
    const mapPerPage = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await onePerPage.evaluate((style) => (style as HTMLStyleElement).remove());
    expect(pages, `${pages} pages; ${mapPerPage} with one map per page`).toBeLessThan(mapPerPage);
    await page.emulateMedia({ media: 'screen' });

    // A planner renames the meeting place; residents see the new name.
    const meetingRow = page
      .locator('[data-testid="report-top-places"] .report-block', { hasText: 'Meeting places' })
      .locator('[data-testid="report-top-place"]')
      .first();
    await meetingRow.locator('[data-testid="rename-place"]').click();
    await meetingRow.locator('[data-testid="rename-place-input"]').fill('The steps by the square');
    await meetingRow.locator('[data-testid="rename-place-form"] button[type="submit"]').click();
    await meetingRow
      .locator('[data-testid="report-place-name"]', { hasText: 'The steps by the square' })
      .waitFor();
    expect(await meetingRow.textContent()).toContain('named by a planner');
    await screenshot(page, 'report-screen-desktop');

    const { page: resident } = await open({ viewport: PHONE, hasTouch: true });
    await resident.goto(`${baseUrl}/p/${project.slug}/results?lang=en`);
    await resident.locator('[data-testid="results-category-meeting-places"]').click();
    const renamed = resident.locator('[data-testid="results-top-places"] li').first();
    await renamed.waitFor();
    expect(await renamed.locator('.results__place-name').textContent()).toBe('The steps by the square');
    expect(await renamed.getAttribute('data-label-source')).toBe('planner');
  });

  it('shows liked against least liked on a diverging scale', { timeout: 120_000 }, async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, problems);
    const { page } = await open({ viewport: DESKTOP });
    await signInAsPlanner(page, baseUrl, seeded.planner);
    await page.goto(`${baseUrl}/staff/analysis/${seeded.project.slug}?mode=contested&lang=en`);
    await waitForMap(page);
    await page.waitForFunction(() => Boolean(window.__nabolagMap?.getLayer('analysis-compare')), undefined, {
      timeout: 30_000,
    });
    const expression = (await page.evaluate(() =>
      window.__nabolagMap?.getPaintProperty('analysis-compare', 'fill-color'),
    )) as unknown[];
    expect(expression.slice(0, 3)).toEqual(['interpolate', ['linear'], ['get', 'difference']]);
    const colours = expression.slice(3).filter((value): value is string => typeof value === 'string');
    const [leastLiked, liked] = [hue(colours[0] ?? ''), hue(colours[colours.length - 1] ?? '')];
    const apart = Math.min(Math.abs(leastLiked - liked), 360 - Math.abs(leastLiked - liked));
    expect(apart, `${colours.join(' ')}`).toBeGreaterThan(120);
    const legend = (await page.locator('[data-testid="map-legend-ramp"]').textContent()) ?? '';
    expect(legend).toContain('More least liked');
    expect(legend).toContain('More liked');
    await screenshot(page, 'analysis-liked-least-liked-desktop');
  });
});
