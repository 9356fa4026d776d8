// Languages and accessibility of the resident pages, end to end: `?lang=ar` lays the page out
// right to left with the interface in Arabic, the language menu switches the project's own texts
// (category labels) between bokmål and English, the choice survives a reload, and axe-core finds
// nothing serious or critical on any resident page — in bokmål and Arabic, on a phone and a PC.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectSchema, sessionSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { signInAsAdmin } from './staff-api.ts';

const SLUG = 'torstrand';
const CATEGORY = 'meeting-places';

/** A locale file of the web app, to compare what the page shows with what it should show. */
function locale(language: string): Record<string, Record<string, unknown>> {
  return JSON.parse(
    readFileSync(new URL(`../../apps/web/src/i18n/locales/${language}.json`, import.meta.url), 'utf8'),
  );
}
const text = (language: string, namespace: string, key: string) => String(locale(language)[namespace]?.[key]);

/** The language menu's offer: each language's code, its name in itself, in the menu's order. */
const LANGUAGES: [string, string][] = [
  ['nb', 'Norsk bokmål'],
  ['nn', 'Norsk nynorsk'],
  ['en', 'English'],
  ['ar', 'العربية'],
  ['pl', 'Polski'],
  ['so', 'Soomaali'],
  ['ti', 'ትግርኛ'],
  ['uk', 'Українська'],
];

const documentLanguage = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

const categoryLabel = (page: Page) =>
  page.locator(`[data-testid="category-${CATEGORY}"] .category-button__label`).textContent();

describe.skipIf(inject('e2eSkipped'))('languages', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'nb-NO' });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lays out ?lang=ar right to left, with the interface in Arabic', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}?lang=ar`);
    await waitForMap(page);

    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await expect
      .poll(() => page.locator('[data-testid="add-place"]').textContent())
      .toBe(text('ar', 'contribute', 'heading'));
    expect(await page.locator('label[for="language-select"]').textContent()).toBe(
      text('ar', 'app', 'language'),
    );
    expect(await page.locator('#language-select').inputValue()).toBe('ar');

    // The demo project is written in Arabic too: its labels are, and need no language of their own.
    await page.locator('[data-testid="add-place"]').click();
    const label = page.locator(`[data-testid="category-${CATEGORY}"] .category-button__label`);
    expect(await label.textContent()).toBe('أماكن اللقاء');
    expect(await label.getAttribute('lang')).toBeNull();

    // The panel mirrors: on a PC it sits at the right of the map instead of the left.
    const panel = await page.locator('.resident__panel').boundingBox();
    const map = await page.locator('[data-testid="map"]').boundingBox();
    expect(panel && map && panel.x > map.x, 'the panel is right of the map').toBe(true);
    expect(session.pageErrors).toEqual([]);
  });

  it('switches the category labels between bokmål and English with the language menu', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    const labels = project.categories.find((category) => category.key === CATEGORY)?.labels ?? {};
    expect(labels.nb).not.toBe(labels.en);

    await page.goto(`${baseUrl}/p/${SLUG}?lang=nb`);
    await waitForMap(page);
    await page.locator('[data-testid="add-place"]').click();
    expect(await categoryLabel(page)).toBe(labels.nb);

    await page.locator('#language-select').selectOption('en');
    await expect.poll(() => categoryLabel(page)).toBe(labels.en);
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(new URL(page.url()).searchParams.get('lang'), 'the address follows the choice').toBe('en');

    await page.locator('#language-select').selectOption('nb');
    await expect.poll(() => categoryLabel(page)).toBe(labels.nb);
    expect(await documentLanguage(page)).toEqual({ lang: 'nb', dir: 'ltr' });
    expect(session.pageErrors).toEqual([]);
  });

  it('remembers the chosen language across reloads and pages', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.locator('#language-select').selectOption('uk');
    await expect.poll(() => documentLanguage(page)).toEqual({ lang: 'uk', dir: 'ltr' });

    await page.reload();
    await page.locator('h1').waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'uk', dir: 'ltr' });
    expect(await page.locator('h1').textContent()).toBe(text('uk', 'projects', 'title'));

    // An outreach link's ?lang= is remembered too, for pages opened later without it.
    await page.goto(`${baseUrl}/accessibility?lang=ar`);
    await page.goto(`${baseUrl}/p/${SLUG}/privacy`);
    await page.locator('#privacy-title').waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.locator('#privacy-title').textContent()).toBe(text('ar', 'privacy', 'title'));
    expect(session.pageErrors).toEqual([]);
  });

  it('offers every language by its own name, each marked with its language', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/accessibility?lang=nb`);
    // The app renders once its language's texts have loaded, a moment after the page's load event.
    await page.locator('#language-select').waitFor();
    const options = await page
      .locator('#language-select option')
      .evaluateAll((elements) =>
        elements.map((option) => [
          option.getAttribute('value'),
          option.textContent,
          option.getAttribute('lang'),
        ]),
      );
    expect(options).toEqual(LANGUAGES.map(([code, name]) => [code, name, code]));
  });
});

/** A workshop of the demo project, made once for this file: the kiosk and projector pages. */
let workshop: Promise<string> | undefined;
function workshopCode(baseUrl: string): Promise<string> {
  workshop ??= (async () => {
    const { headers } = await signInAsAdmin(baseUrl);
    const created = await fetch(`${baseUrl}/api/projects/${SLUG}/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Verksted for tilgjengelighet', groups: ['Bord 1'] }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    return sessionSchema.parse(await created.json()).code;
  })();
  return workshop;
}

/** The resident pages and what shows that each has finished loading. */
const PAGES: {
  name: string;
  path: string | ((baseUrl: string) => Promise<string>);
  ready: (page: Page) => Promise<void>;
}[] = [
  { name: 'the project list', path: '/', ready: (page) => page.locator('.project-card').first().waitFor() },
  { name: 'the map', path: `/p/${SLUG}`, ready: (page) => waitForMap(page) },
  {
    name: 'the map with a category chosen',
    path: `/p/${SLUG}`,
    ready: async (page) => {
      await waitForMap(page);
      await page.locator('[data-testid="add-place"]').click();
      await page.locator(`[data-testid="category-${CATEGORY}"]`).click();
      // Choosing moves on to "Where is it?".
      await page.locator('[data-testid="flow-step"][data-step="place"]').waitFor();
      await page.waitForTimeout(300); // the form's next steps render
    },
  },
  {
    name: 'My places',
    path: `/p/${SLUG}/me`,
    // The browser has a place of its own (see addOwnPlace), so the page lists a card.
    ready: (page) => page.locator('[data-testid="own-place"]').first().waitFor(),
  },
  {
    name: 'What we heard (the results)',
    path: `/p/${SLUG}/results`,
    ready: async (page) => {
      await page.locator('[data-testid="results-page"]').waitFor();
      await page.waitForTimeout(300); // the map and the lists render
    },
  },
  {
    name: 'a workshop tablet (kiosk)',
    path: async (baseUrl) => `/w/${await workshopCode(baseUrl)}`,
    ready: async (page) => {
      // The facilitator's PIN and the table, once per browser; then the kiosk's map.
      const pin = page.locator('[data-testid="kiosk-pin-new"]');
      const group = page.locator('[data-testid="kiosk-group-0"]');
      const map = page.locator('[data-testid="map"][data-map-loaded="true"]');
      await pin.or(group).or(map).first().waitFor({ timeout: 30_000 });
      if (await pin.isVisible()) {
        await pin.fill('2468');
        await page.locator('[data-testid="kiosk-pin-repeat"]').fill('2468');
        await page.locator('[data-testid="kiosk-pin-save"]').click();
        await group.or(map).first().waitFor({ timeout: 30_000 });
      }
      if (await group.isVisible()) await group.click();
      await waitForMap(page);
    },
  },
  {
    name: 'the projector',
    path: async (baseUrl) => `/w/${await workshopCode(baseUrl)}/projector`,
    ready: (page) => waitForMap(page),
  },
  {
    name: 'the privacy notice',
    path: `/p/${SLUG}/privacy`,
    ready: (page) => page.locator('#privacy-title').waitFor(),
  },
  {
    name: 'the accessibility statement',
    path: '/accessibility',
    ready: (page) => page.locator('#accessibility-title').waitFor(),
  },
];

/** The smallest touch target, in CSS pixels (WCAG 2.5.5, and the app's `--touch`). */
const TOUCH_PX = 44;

/**
 * Controls smaller than 44 × 44 CSS pixels, described. What counts is what a finger hits: a
 * checkbox's label, a project card (its link covers the card). Links inside running text and
 * MapLibre's credits button (its touch area is widened by CSS) are left out.
 */
function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate((minimum) => {
    const selector = 'a[href], button, select, input, textarea, summary, [role="button"]';
    const small: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (element.closest('.visually-hidden, .maplibregl-ctrl-attrib')) continue;
      const ownText = (element.textContent ?? '').trim();
      const parentText = (element.parentElement?.textContent ?? '').trim();
      if (element.tagName === 'A' && parentText !== ownText && !element.closest('.project-card')) continue;
      const hit =
        element.closest('.project-card') ??
        (element.tagName === 'INPUT' ? element.closest('label') : null) ??
        element;
      const box = (hit as HTMLElement).getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      if (box.width < minimum || box.height < minimum) {
        const name = ownText || element.getAttribute('aria-label') || element.id || element.className;
        small.push(
          `<${element.tagName.toLowerCase()}> "${name.slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return small;
  }, TOUCH_PX);
}

const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'PC', viewport: { width: 1280, height: 800 } },
];

/** 16 random letters: digits in a story can look like a phone number and hold it back. */
const uniqueWord = () =>
  Array.from(randomBytes(16), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

/**
 * Gives this browser a participant with one place, through the API, so that "My places" has
 * something to show (an empty page would leave the place cards unchecked).
 */
async function addOwnPlace(baseUrl: string, page: Page): Promise<void> {
  const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
  const token = randomBytes(32).toString('base64url');
  const [point] = randomPointsInArea(project.area, 1);
  const response = await fetch(`${baseUrl}/api/projects/${SLUG}/contributions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      id: randomUUID(),
      category: CATEGORY,
      geometry: { type: 'Point', coordinates: point },
      story: `Benken ved torget der vi møtes ${uniqueWord()}`,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  await page.goto(`${baseUrl}/accessibility`);
  await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
    key: `nabolag:participant:${SLUG}`,
    value: token,
  });
}

describe.skipIf(inject('e2eSkipped')).each(VIEWPORTS)(
  'axe and touch targets on the $name',
  ({ viewport }) => {
    const baseUrl = inject('baseUrl');
    let session: BrowserSession;

    beforeAll(async () => {
      session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), viewport });
      await addOwnPlace(baseUrl, session.page);
    });

    afterAll(async () => {
      await session?.close();
    });

    describe.each(['nb', 'ar'])('in %s', (language) => {
      it.for(PAGES)(
        'finds nothing serious, and no small control, on $name',
        async ({ path, ready }, { onTestFailed }) => {
          printServerLogOnFailure(onTestFailed, () => session.describeProblems());
          const { page } = session;
          const pathname = typeof path === 'string' ? path : await path(baseUrl);
          const response = await page.goto(`${baseUrl}${pathname}?lang=${language}`);
          expect(response?.status()).toBe(200);
          await ready(page);
          expect((await documentLanguage(page)).dir).toBe(language === 'ar' ? 'rtl' : 'ltr');

          const violations = await seriousAxeViolations(page);
          expect(
            violations.map((violation) => violation.id),
            describeViolations(violations),
          ).toEqual([]);
          expect(await smallTouchTargets(page), `controls under ${TOUCH_PX} px`).toEqual([]);
          expect(session.pageErrors).toEqual([]);
        },
      );
    });
  },
);
