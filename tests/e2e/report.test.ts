// A resident reports a public story from its popup; the moderators find it in their flagged queue.
import { randomBytes, randomUUID } from 'node:crypto';
import { projectSchema } from '@nabolag/schema';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomPointsInArea } from './area.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { findEmptyMapSpot, waitForMap } from './map.ts';
import { E2E_ADMIN } from './server.ts';

const SLUG = 'torstrand';
/** Letters only: digit runs look like phone numbers to the story check. */
const word = () => Array.from(randomBytes(12), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

describe.skipIf(inject('e2eSkipped'))('reporting a story', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({ baseUrl, executablePath: inject('chromiumPath') });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sends a report from the popup into the moderators’ flagged queue', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${SLUG}`)).json());
    await page.goto(`${baseUrl}/p/${SLUG}`);
    await waitForMap(page);
    const target = await findEmptyMapSpot(page, randomPointsInArea(project.area, 30), 30);

    // Someone else's story, right where we will tap.
    const id = randomUUID();
    const story = `Historie som bør meldes ${word()}`;
    const created = await fetch(`${baseUrl}/api/projects/${SLUG}/contributions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: target.lngLat },
        story,
      }),
    });
    expect(created.status).toBe(201);

    await page.reload();
    await waitForMap(page);
    await page.mouse.click(target.x, target.y);
    await expect.poll(() => page.locator('.contribution-popup').textContent()).toContain(story);
    await page.locator('[data-testid="report"]').click();
    await page.locator('[data-testid="report-reason"]').fill('Den nevner naboen min ved navn');
    await page.locator('[data-testid="report-send"]').click();
    await expect.poll(() => page.locator('[data-testid="report-status"]').textContent()).not.toBe('');

    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(E2E_ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const queue = await fetch(`${baseUrl}/api/staff/projects/${SLUG}/moderation?queue=flagged`, {
      headers: { cookie },
    });
    const items = (await queue.json()).items as Array<{
      id: string;
      flags: Array<{ source: string; reason: string }>;
    }>;
    expect(items.find((item) => item.id === id)?.flags).toEqual([
      expect.objectContaining({ source: 'report', reason: 'Den nevner naboen min ved navn' }),
    ]);
  });
});
