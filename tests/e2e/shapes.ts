// Helpers for the tests that draw lines and areas and use the map without a mouse: where on the
// screen a share of the map is, what a layer has drawn, reaching elements with Tab alone, and
// sending a contribution while catching the server's answer.
//
// Functions passed to `page.evaluate` run in the browser: they are self-contained.
import { randomBytes } from 'node:crypto';
import {
  type ContributionCreated,
  contributionCreatedSchema,
  type PublicContributionFeature,
  publicContributionCollectionSchema,
} from '@nabolag/schema';
import type { Page } from 'playwright-core';
import type { LngLat } from './area.ts';
import { waitForSentStatus } from './harness.ts';
import { waitForMapStill } from './resident-flow.ts';

/**
 * 16 random lower-case letters. No digits: runs of digits look like a phone number to the API's
 * story check, which then holds the story back for a moderator.
 */
export function uniqueWord(): string {
  return Array.from(randomBytes(16), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

export interface ScreenPoint {
  /** Page coordinates in CSS pixels, for `page.touchscreen.tap` or `page.mouse.click`. */
  x: number;
  y: number;
  /** Where that is on the map, `[longitude, latitude]`. */
  lngLat: LngLat;
}

/**
 * The screen point at a share of the map's width and height (`0.5, 0.5` is the middle), with
 * its position on the map as MapLibre sees it now.
 */
export async function mapPoint(page: Page, shareX: number, shareY: number): Promise<ScreenPoint> {
  await waitForMapStill(page);
  return page.evaluate(
    ({ shareX, shareY }) => {
      const map = window.__nabolagMap as unknown as {
        getContainer(): HTMLElement;
        unproject(point: [number, number]): { lng: number; lat: number };
      };
      const rect = map.getContainer().getBoundingClientRect();
      const local: [number, number] = [rect.width * shareX, rect.height * shareY];
      const { lng, lat } = map.unproject(local);
      return { x: rect.left + local[0], y: rect.top + local[1], lngLat: [lng, lat] as [number, number] };
    },
    { shareX, shareY },
  );
}

/** Ids of the features a layer has drawn (in view), as `queryRenderedFeatures` sees them. */
export async function renderedIds(page: Page, layer: string): Promise<string[]> {
  return page.evaluate((layer) => {
    const map = window.__nabolagMap;
    if (!map?.getLayer(layer)) return [];
    return map
      .queryRenderedFeatures({ layers: [layer] })
      .map((feature) => String(feature.properties?.id ?? feature.id ?? ''));
  }, layer);
}

/** A short description of the focused element, for failure messages. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '(nothing)';
    const testId = element.getAttribute('data-testid');
    const text = (element.textContent ?? '').trim().slice(0, 40);
    return `<${element.tagName.toLowerCase()}${testId ? ` data-testid="${testId}"` : ''}> ${text}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`, as a keyboard user
 * would; throws, naming where focus got stuck, when `max` presses do not get there.
 */
export async function tabTo(
  page: Page,
  selector: string,
  { backwards = false, max = 150 }: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector))
      return;
  }
  throw new Error(
    `Tab did not reach ${selector} in ${max} presses; focus is on ${await describeFocus(page)}`,
  );
}

/** Waits until the status region says `text` (announcements follow each other quickly). */
export async function waitForStatus(page: Page, text: string | RegExp, timeoutMs = 10_000): Promise<void> {
  await page.locator('[data-testid="status"]', { hasText: text }).waitFor({ timeout: timeoutMs });
}

/**
 * Runs `press` (what sends the form: a tap, a click or Enter), waits until the page reports the
 * contribution sent, and returns the server's answer to the POST.
 */
export async function sendContribution(
  page: Page,
  slug: string,
  press: () => Promise<void>,
): Promise<ContributionCreated> {
  const posted = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname === `/api/projects/${slug}/contributions`,
    { timeout: 30_000 },
  );
  // Awaited after the status: if the page reports a failure first, that is the error to show.
  posted.catch(() => undefined);
  await press();
  await waitForSentStatus(page);
  const response = await posted;
  if (response.status() !== 201) {
    throw new Error(`POST contributions answered ${response.status()}: ${await response.text()}`);
  }
  return contributionCreatedSchema.parse(await response.json());
}

/** The published contribution with `id`, from the public list (`GET …/contributions`). */
export async function publishedContribution(
  baseUrl: string,
  slug: string,
  id: string,
): Promise<PublicContributionFeature | undefined> {
  const response = await fetch(`${baseUrl}/api/projects/${slug}/contributions`);
  const listed = publicContributionCollectionSchema.parse(await response.json());
  return listed.features.find((feature) => feature.id === id);
}
