// A resident's first pin, end to end: real Chromium, real server, real database. The pin must be
// on the map after a reload, i.e. it came back from the database, not from the page's memory.
import { randomBytes } from 'node:crypto';
import {
  contributionCreatedSchema,
  projectSchema,
  publicContributionCollectionSchema,
} from '@nabolag/schema';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isInsideArea, randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure, waitForSentStatus } from './harness.ts';
import { contributionCount, findEmptyMapSpot, renderedContributions, waitForMap } from './map.ts';
import { chooseCategory, nextUntil } from './resident-flow.ts';

/**
 * 16 random lower-case letters. No digits: runs of digits (a UUID's "6295-4581") look like a
 * phone number to the API's story check, which then holds the story back for a moderator.
 */
function uniqueWord(): string {
  return Array.from(randomBytes(16), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

const SLUG = 'torstrand';
const CATEGORY = 'meeting-places';

describe.skipIf(inject('e2eSkipped'))('first pin', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath') });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('keeps a meeting place with its story on the map after a reload', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    // Unique per run: a database reused across runs (TEST_DATABASE_URL) keeps earlier pins.
    const story = `E2E første pin ${uniqueWord()}: benken ved elva der vi møtes`;

    const opened = await page.goto(`${baseUrl}/p/${SLUG}`);
    expect(opened?.status(), 'the resident map page').toBe(200);
    await waitForMap(page);
    await chooseCategory(page, CATEGORY);
    const target = await findEmptyMapSpot(page, randomPointsInArea(project.area, 30));
    await page.mouse.click(target.x, target.y);
    await nextUntil(page, 'textarea#story');
    await page.locator('textarea#story').fill(story);

    const posted = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === `/api/projects/${SLUG}/contributions`,
    );
    // Awaited after the status: if the page reports a failure first, that is the error to show.
    posted.catch(() => undefined);
    await page.locator('[data-testid="send"]').click();
    await waitForSentStatus(page);
    const response = await posted;
    expect(response.status()).toBe(201);
    const created = contributionCreatedSchema.parse(await response.json());

    // The API publishes it (the demo project moderates after publishing) where it was clicked.
    const [lng, lat] = target.lngLat;
    const bbox = [lng - 0.002, lat - 0.002, lng + 0.002, lat + 0.002].join(',');
    const listed = publicContributionCollectionSchema.parse(
      await (
        await fetch(`${baseUrl}/api/projects/${SLUG}/contributions?bbox=${bbox}&category=${CATEGORY}`)
      ).json(),
    );
    const mine = listed.features.find((feature) => feature.id === created.id);
    expect(mine?.properties, 'the new contribution in the public list').toMatchObject({
      story,
      category: CATEGORY,
    });
    expect(mine?.geometry.type).toBe('Point');
    if (mine?.geometry.type === 'Point') {
      const [storedLng, storedLat] = mine.geometry.coordinates;
      // A click lands within a few pixels: a few metres at the zoom that shows a neighbourhood.
      expect(Math.abs(storedLng - lng)).toBeLessThan(0.0005);
      expect(Math.abs(storedLat - lat)).toBeLessThan(0.0005);
      expect(isInsideArea([storedLng, storedLat], project.area)).toBe(true);
    }

    const reloaded = await page.reload();
    expect(reloaded?.status(), 'the resident map page, reloaded').toBe(200);
    await waitForMap(page);
    await expect
      .poll(
        async () =>
          (await renderedContributions(page)).some(
            (feature) =>
              feature.properties.story === story ||
              feature.properties.id === created.id ||
              feature.id === created.id,
          ),
        {
          timeout: 30_000,
          interval: 250,
          message: `contribution ${created.id} drawn in the contributions-points layer after a reload`,
        },
      )
      .toBe(true);
    const count = await contributionCount(page);
    expect(count).toBeGreaterThanOrEqual(1);

    expect(session.pageErrors).toEqual([]);
  });
});
