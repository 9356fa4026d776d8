// The screens the README shows, each at the size its users meet it: a resident's phone
// (390×844, touch), a workshop tablet (1024×768), a PC (1366×768), the projector (1920×1080) and
// the printed report (A4). `captureScreens` opens each in Chromium and writes `<name>.png`.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser } from '../e2e/browser.ts';
import { type Credentials, type Showcase, staffHeaders } from './showcase.ts';

export interface Screen {
  /** The file name without `.png`, also the README's picture. */
  name: string;
  /** What it shows, for the README's alt text. */
  caption: string;
  viewport: { width: number; height: number };
  touch?: boolean;
  /** Signed in as staff (the session cookie is set before the page opens). */
  staff?: boolean;
  /** The path to open. */
  path: (showcase: Showcase) => string;
  /** Brings the page into the state to show; resolves when it is there. */
  prepare?: (page: Page, showcase: Showcase) => Promise<void>;
  /** Emulate print media (the report). */
  print?: boolean;
  /** The whole page rather than the viewport. */
  fullPage?: boolean;
}

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };
const PC = { width: 1366, height: 768 };
const PROJECTOR = { width: 1920, height: 1080 };
/** A4 at 96 dpi, portrait. */
const A4 = { width: 794, height: 1123 };

/** The resident map has drawn its layers and the public places. */
async function mapReady(page: Page): Promise<void> {
  await page.locator('[data-testid="map"][data-map-loaded="true"]').first().waitFor({ timeout: 60_000 });
}

/** The map of the page has drawn, and a moment for the last tiles to be painted. */
async function settled(page: Page): Promise<void> {
  await mapReady(page);
  await page.waitForTimeout(800);
}

export const SCREENS: Screen[] = [
  {
    name: 'phone-welcome',
    caption: 'The resident map on a phone: the welcome, what the project asks and how many have taken part',
    viewport: PHONE,
    touch: true,
    path: ({ project }) => `/p/${project.slug}`,
    prepare: settled,
  },
  {
    name: 'phone-place',
    caption: 'Placing a point on a phone: the sheet at its lowest, the map gets the screen',
    viewport: PHONE,
    touch: true,
    path: ({ project }) => `/p/${project.slug}`,
    prepare: async (page) => {
      await settled(page);
      const start = page.locator('[data-testid="add-place"]');
      if (await start.isVisible()) await start.tap();
      await page.locator('[data-testid="category-meeting-places"]').tap();
      await page.waitForTimeout(600);
    },
  },
  {
    name: 'phone-arabic',
    caption: 'The same page in Arabic: right to left, the project’s own questions translated',
    viewport: PHONE,
    touch: true,
    path: ({ project }) => `/p/${project.slug}?lang=ar`,
    prepare: settled,
  },
  {
    name: 'phone-results',
    caption: '“What we heard” on a phone: the k-anonymous heatmap and the most-named places by address',
    viewport: PHONE,
    touch: true,
    path: ({ project }) => `/p/${project.slug}/results`,
    prepare: async (page) => {
      await page.locator('[data-testid="results-page"]').waitFor({ timeout: 30_000 });
      await settled(page);
      // The heatmap and the places named under it, rather than the page's introduction.
      await page
        .locator('[data-testid="results-map"]')
        .evaluate((map) => map.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(500);
    },
  },
  {
    name: 'phone-my-places',
    caption: '“My places”: a resident’s own places, to change or delete',
    viewport: PHONE,
    touch: true,
    path: ({ project }) => `/p/${project.slug}/me`,
    prepare: async (page, showcase) => {
      // The browser holds the participant token as the resident map stores it.
      await page.evaluate(
        ([slug, token]) => localStorage.setItem(`nabolag:participant:${slug}`, token as string),
        [showcase.project.slug, showcase.residentToken],
      );
      await page.reload();
      await page.locator('[data-testid="own-place"]').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
    },
  },
  {
    name: 'desktop-map',
    caption: 'The resident map on a PC: the map fills the window, the panel scrolls beside it',
    viewport: PC,
    path: ({ project }) => `/p/${project.slug}`,
    prepare: settled,
  },
  {
    name: 'tablet-kiosk',
    caption: 'A workshop tablet (kiosk): categories first, “Done — next person” out of the way',
    viewport: TABLET,
    touch: true,
    path: ({ sessionCode }) => `/w/${sessionCode}`,
    prepare: async (page) => {
      await page.locator('[data-testid="kiosk-pin-new"]').fill('2468');
      await page.locator('[data-testid="kiosk-pin-repeat"]').fill('2468');
      await page.locator('[data-testid="kiosk-pin-save"]').click();
      await page.locator('[data-testid="kiosk-group-1"]').click();
      await settled(page);
    },
  },
  {
    name: 'projector',
    caption: 'The projector (1920×1080): pins as they arrive, the newest story, legend and join code',
    viewport: PROJECTOR,
    path: ({ sessionCode }) => `/w/${sessionCode}/projector`,
    prepare: settled,
  },
  {
    name: 'analysis',
    caption: 'The planners’ analysis: hex heatmap per category, stories per cell, charts with tables',
    viewport: PC,
    staff: true,
    path: ({ project }) => `/staff/analysis/${project.slug}`,
    prepare: async (page) => {
      await settled(page);
      // The map and the stories beside it, below the filter bar.
      await page.locator('[data-testid="map"]').evaluate((map) => map.scrollIntoView({ block: 'center' }));
      await page.waitForTimeout(500);
    },
  },
  {
    name: 'report',
    caption: 'The printable report (A4): cover and summary',
    viewport: A4,
    staff: true,
    print: true,
    fullPage: false,
    path: ({ project }) => `/staff/analysis/${project.slug}/report`,
    prepare: async (page) => {
      // Print is enabled once every map of the report has drawn.
      await page.locator('[data-testid="print"]:enabled').waitFor({ state: 'attached', timeout: 120_000 });
      await page.locator('[data-testid="report-map-image"]').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
    },
  },
];

export interface CaptureOptions {
  baseUrl: string;
  chromiumPath: string;
  showcase: Showcase;
  credentials: Credentials;
  directory: string;
  /** Only these screens (by name); all by default. */
  only?: string[];
  log?: (line: string) => void;
}

/** Opens each screen in a fresh Chromium and writes `<directory>/<name>.png`; returns the paths. */
export async function captureScreens(options: CaptureOptions): Promise<string[]> {
  const written: string[] = [];
  const screens = SCREENS.filter((screen) => !options.only || options.only.includes(screen.name));
  for (const screen of screens) {
    const browser = await openBrowser({
      baseUrl: options.baseUrl,
      executablePath: options.chromiumPath,
      viewport: screen.viewport,
      hasTouch: screen.touch ?? false,
      locale: 'nb-NO',
    });
    try {
      if (screen.staff) {
        const cookie = (await staffHeaders(options.baseUrl, options.credentials)).Cookie ?? '';
        await browser.context.addCookies(
          cookie.split('; ').map((pair) => {
            const [name, ...value] = pair.split('=');
            return { name: name as string, value: value.join('='), url: options.baseUrl };
          }),
        );
      }
      const { page } = browser;
      if (screen.print) await page.emulateMedia({ media: 'print' });
      await page.goto(`${options.baseUrl}${screen.path(options.showcase)}`);
      try {
        await screen.prepare?.(page, options.showcase);
      } catch (error) {
        // What the page showed instead, beside the pictures, to see why.
        await page.screenshot({ path: join(options.directory, `${screen.name}.failed.png`) });
        throw error;
      }
      const path = join(options.directory, `${screen.name}.png`);
      await page.screenshot({ path, fullPage: screen.fullPage ?? false });
      written.push(path);
      options.log?.(`${screen.name}: ${path}`);
      if (browser.pageErrors.length > 0) {
        throw new Error(`${screen.name}: the page threw\n${browser.pageErrors.join('\n')}`);
      }
    } finally {
      await browser.close();
    }
  }
  return written;
}
