// A photo with a place, on a phone: chosen in the form (checked for type and size first),
// uploaded after the server accepted the place, shown in the place's popup, stored without the
// EXIF block — so without the GPS position the phone's camera wrote into it — and deleted again
// from "My places".
import { randomBytes } from 'node:crypto';
import {
  contributionCreatedSchema,
  MAX_PHOTO_BYTES,
  projectSchema,
  publicContributionCollectionSchema,
} from '@nabolag/schema';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure, waitForSentStatus } from './harness.ts';
import { findEmptyMapSpot, waitForMap } from './map.ts';
import { EXIF_HEADER, exifHasGpsPointer, jpegWithGpsExif } from './photos.ts';
import { chooseCategory, nextUntil, waitForMapStill } from './resident-flow.ts';

const SLUG = 'torstrand';
const CATEGORY = 'meeting-places';
/** The category's label in bokmål, the page's language here: the photo's text alternative. */
const CATEGORY_LABEL = 'Møtesteder';
const PHONE = { width: 390, height: 844 };

/** Random lower-case letters: digits in a story can look like a phone number and hold it back. */
const uniqueWord = () =>
  Array.from(randomBytes(12), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

describe.skipIf(inject('e2eSkipped'))('a photo with a place', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      viewport: PHONE,
      locale: 'nb-NO',
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('is checked, uploaded after the place, shown in its popup and stored without EXIF or GPS', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    const story = `E2E bilde ${uniqueWord()}: benken ved elva`;

    const photo = await jpegWithGpsExif();
    const sent = await sharp(photo).metadata();
    expect(sent.exif, 'the test photo carries EXIF').toBeDefined();
    expect(exifHasGpsPointer(sent.exif as Buffer), 'the test photo carries a GPS position').toBe(true);
    expect(photo.includes(EXIF_HEADER)).toBe(true);

    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    await page.goto(`${baseUrl}/p/${SLUG}?lang=nb`);
    await waitForMap(page);
    await chooseCategory(page, CATEGORY);
    // A tap on empty map, so that the popup opened later is this place's and no other's.
    const target = await findEmptyMapSpot(page, randomPointsInArea(project.area, 40));
    await page.mouse.click(target.x, target.y);
    await nextUntil(page, 'textarea#story');
    await page.locator('textarea#story').fill(story);

    // Checked before anything is sent: the type, then the size.
    const input = page.locator('[data-testid="photo-input"]');
    await input.setInputFiles({ name: 'notater.txt', mimeType: 'text/plain', buffer: Buffer.from('hei') });
    await expect.poll(() => page.locator('[data-testid="photo-problem"]').textContent()).toContain('JPEG');
    await input.setInputFiles({
      name: 'stort.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([photo, Buffer.alloc(MAX_PHOTO_BYTES)]),
    });
    await expect.poll(() => page.locator('[data-testid="photo-problem"]').textContent()).toContain('10 MB');
    expect(await page.locator('[data-testid="photo-preview"]').count()).toBe(0);

    await input.setInputFiles({ name: 'benken.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-testid="photo-preview"]').waitFor();
    expect(await page.locator('[data-testid="photo-problem"]').count()).toBe(0);

    // Before the first send: the questions can be skipped, the consent text stays.
    await nextUntil(page, '[data-testid="background-questions"]');
    await page.locator('[data-testid="background-skip"]').click();
    await page.locator('[data-testid="background-questions"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="consent"]').waitFor();

    const posted = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === `/api/projects/${SLUG}/contributions`,
    );
    posted.catch(() => undefined);
    await page.locator('[data-testid="send"]').click();
    await waitForSentStatus(page);
    const created = contributionCreatedSchema.parse(await (await posted).json());

    const upload = page.locator(`[data-testid="photo-upload"][data-contribution="${created.id}"]`);
    await upload.and(page.locator('[data-state="done"], [data-state="failed"]')).waitFor({ timeout: 30_000 });
    expect(await upload.getAttribute('data-state'), (await upload.textContent()) ?? '').toBe('done');
    // Asked and answered once: the consent text is not shown again.
    expect(await page.locator('[data-testid="consent"]').count()).toBe(0);

    // What the server stores and serves: a JPEG without an EXIF block.
    const served = await fetch(`${baseUrl}/api/contributions/${created.id}/photo`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const stored = Buffer.from(await served.arrayBuffer());
    const storedMeta = await sharp(stored).metadata();
    expect(storedMeta.format).toBe('jpeg');
    expect(storedMeta.exif, 'EXIF in the stored photo').toBeUndefined();
    expect(stored.includes(EXIF_HEADER), 'an EXIF header in the stored bytes').toBe(false);
    expect(stored.includes(Buffer.from('NabolagTestCam')), 'the camera make in the stored bytes').toBe(false);

    // The public feature points at it, and its popup shows it with the category as text.
    const listed = publicContributionCollectionSchema.parse(
      await (await fetch(`${baseUrl}/api/projects/${SLUG}/contributions?category=${CATEGORY}`)).json(),
    );
    const feature = listed.features.find((candidate) => candidate.id === created.id);
    expect(feature?.properties.photo).toMatch(
      new RegExp(`^/api/contributions/${created.id}/photo\\?v=\\d+$`),
    );

    // The sheet over the map rests at half after Send: lowered to peek, the place is in view;
    // the map moved meanwhile, so find the place's pixel again.
    await page.locator('[data-testid="sheet-grip"]').focus();
    await page.keyboard.press('ArrowDown');
    await waitForMapStill(page);
    const point = await page.evaluate((lngLat) => {
      const map = window.__nabolagMap;
      if (!map) return null;
      const local = map.project(lngLat);
      const rect = map.getContainer().getBoundingClientRect();
      return { x: rect.left + local.x, y: rect.top + local.y };
    }, target.lngLat);
    expect(point, 'the map').not.toBeNull();
    if (point) await page.mouse.click(point.x, point.y);
    // On a phone the place opens in the sheet, not in a popup behind it.
    const popupPhoto = page.locator('[data-testid="place-details"] .place-details__photo');
    await popupPhoto.waitFor();
    expect(await popupPhoto.getAttribute('alt')).toBe(CATEGORY_LABEL);
    await expect
      .poll(() => popupPhoto.evaluate((image) => (image as HTMLImageElement).naturalWidth), {
        message: "the photo in the place's details loads",
      })
      .toBeGreaterThan(0);

    // On "My places" the photo shows with its place, and can be deleted there.
    await page.locator('[data-testid="place-details-close"]').click();
    await page.locator('[data-testid="my-places-link"]').click();
    const card = page.locator(`[data-testid="own-place"][data-id="${created.id}"]`);
    await card.locator('[data-testid="own-photo"]').waitFor();
    expect(await card.locator('[data-testid="own-photo"]').getAttribute('alt')).toBe(CATEGORY_LABEL);
    await card.locator('[data-testid="own-place-photo"]').click();
    await card.locator('[data-testid="own-photo-delete"]').click();
    await card.locator('[data-testid="own-place-message"] [data-tone="success"]').waitFor();
    await card.locator('[data-testid="own-photo"]').waitFor({ state: 'detached' });
    expect((await fetch(`${baseUrl}/api/contributions/${created.id}/photo`)).status).toBe(404);

    expect(session.pageErrors).toEqual([]);
  });
});
