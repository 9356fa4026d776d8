// "My places" on a phone: a participant changes a follow-up answer, reshapes an area by dragging a
// corner and a route with the keyboard alone; an outline cannot be dragged across itself, and one
// drawn so with the keyboard is refused with a message before anything is sent. Each change is read back from the API and the public list.
import { randomBytes, randomUUID } from 'node:crypto';
import { participantDataSchema, publicContributionCollectionSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';

const SLUG = 'torstrand';
const TOKEN_KEY = `nabolag:participant:${SLUG}`;
type Position = [number, number];

/** A square area in the middle of Torstrand (corners counter-clockwise, the ring closed). */
const SQUARE: Position[] = [
  [10.014, 59.049],
  [10.016, 59.049],
  [10.016, 59.05],
  [10.014, 59.05],
];
const ROUTE: Position[] = [
  [10.012, 59.047],
  [10.016, 59.047],
  [10.018, 59.048],
];

async function create(baseUrl: string, token: string, body: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  const response = await fetch(`${baseUrl}/api/projects/${SLUG}/contributions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ id, ...body }),
  });
  expect(response.status).toBe(201);
  return id;
}

async function own(baseUrl: string, token: string, id: string) {
  const response = await fetch(`${baseUrl}/api/projects/${SLUG}/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const found = participantDataSchema.parse(await response.json()).contributions.find((c) => c.id === id);
  if (!found) throw new Error(`contribution ${id} is not among the participant's`);
  return found;
}

async function publicGeometry(baseUrl: string, id: string) {
  const response = await fetch(`${baseUrl}/api/projects/${SLUG}/contributions`);
  const list = publicContributionCollectionSchema.parse(await response.json());
  return list.features.find((feature) => feature.id === id)?.geometry;
}

/** Whether segments ab and cd cross (touching at a shared end does not count). */
function crosses(a: Position, b: Position, c: Position, d: Position): boolean {
  const side = (p: Position, q: Position, r: Position) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** A closed ring whose edges do not cross one another. */
function isSimpleRing(ring: Position[]): boolean {
  if (ring.length < 4 || ring[0]?.join() !== ring[ring.length - 1]?.join()) return false;
  const edges = ring.slice(0, -1).map((point, index) => [point, ring[index + 1] as Position] as const);
  return edges.every(([a, b], i) =>
    edges.every(
      ([c, d], j) => Math.abs(i - j) <= 1 || (i === 0 && j === edges.length - 1) || !crosses(a, b, c, d),
    ),
  );
}

const card = (page: Page, id: string) => page.locator(`[data-testid="own-place"][data-id="${id}"]`);

/** Waits until the reshape map has loaded and terra-draw has drawn the shape on it. */
async function waitForShapeOnMap(page: Page): Promise<void> {
  await page.locator('[data-testid="reshape-place"] [data-testid="map"][data-map-loaded="true"]').waitFor();
  await page.waitForFunction(() => {
    const map = window.__nabolagMap;
    return map?.getStyle().layers.some((layer) => layer.id.startsWith('nabolag-drawing')) === true;
  });
  // The map eases to the shape: wait until it stands still.
  await page.waitForFunction(() => window.__nabolagMap?.isMoving() === false);
}

/** Where `position` is on the screen, in the page's CSS pixels. */
async function onScreen(page: Page, position: Position): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ([longitude, latitude]) => {
      const map = window.__nabolagMap;
      if (!map) throw new Error('no map');
      const projected = map.project([longitude, latitude]);
      const canvas = map.getCanvas().getBoundingClientRect();
      return { x: canvas.left + projected.x, y: canvas.top + projected.y };
    },
    [position[0], position[1]] as Position,
  );
  return point;
}

/** Drags with the pointer from one screen point to another, in small steps as a finger would. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

describe.skipIf(inject('e2eSkipped'))('my places: answers and shapes', () => {
  const baseUrl = inject('baseUrl');
  const token = randomBytes(32).toString('base64url');
  let session: BrowserSession;
  let areaId: string;
  let routeId: string;

  beforeAll(async () => {
    areaId = await create(baseUrl, token, {
      category: 'meeting-places',
      geometry: { type: 'Polygon', coordinates: [[...SQUARE, SQUARE[0]]] },
      story: 'E2E torget der vi møtes',
      answers: { how_often: 'weekly' },
      questionsVersion: 1,
    });
    routeId = await create(baseUrl, token, {
      category: 'show-visitors',
      geometry: { type: 'LineString', coordinates: ROUTE },
      story: 'E2E turen langs stranda',
    });
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    await session.page.addInitScript(
      ([key, value]) => localStorage.setItem(key ?? '', value ?? ''),
      [TOKEN_KEY, token],
    );
  });

  afterAll(async () => {
    await session?.close();
  });

  it('changes a follow-up answer, and keeps the version of the questions', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}/me?lang=en`);
    const area = card(page, areaId);
    await area.locator('[data-testid="own-place-edit"]').click();
    await area.locator('[data-testid="edit-answers"]').waitFor();
    expect(await area.locator('[data-testid="follow-up-how_often-weekly"]').isChecked()).toBe(true);
    const answersViolations = await seriousAxeViolations(page);
    expect(answersViolations, describeViolations(answersViolations)).toEqual([]);
    await area.locator('[data-testid="follow-up-how_often-daily"]').check();
    await area.locator('[data-testid="follow-up-who_meet-family"]').check();
    await area.locator('[data-testid="edit-save"]').click();
    await area.locator('[data-testid="own-place-message"] [data-tone="success"]').waitFor();
    const stored = await own(baseUrl, token, areaId);
    expect(stored.answers).toEqual({ how_often: 'daily', who_meet: ['family'] });
    expect(stored.questionsVersion).toBe(1);
    expect(stored.story, 'the story is left as it was').toBe('E2E torget der vi møtes');
    // The card shows the new answer.
    expect(await area.locator('[data-testid="own-place-answers"]').textContent()).toMatch(/daily|every day/i);
  });

  it('refuses an outline that crosses itself, with a message, sending nothing', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}/me?lang=en`);
    const area = card(page, areaId);
    await area.locator('[data-testid="own-place-reshape"]').click();
    await waitForShapeOnMap(page);
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });
    const [first, second, third] = SQUARE as [Position, Position, Position];

    // Dragged just past the opposite side, the first corner stops where the outline is still
    // whole: terra-draw does not let a drag make it cross itself.
    await drag(page, await onScreen(page, first), await onScreen(page, [third[0] + 0.0004, 59.0495]));
    const dragged = await area.locator('[data-testid="drawing-problem"]').count();
    expect(dragged, 'no crossing outline by dragging').toBe(0);
    await area.locator('[data-testid="reshape-reset"]').click();
    await area.locator('[data-testid="reshape-state"][data-changed="false"]').waitFor();

    // With the keyboard it can be drawn: the last corner taken away and put again below the
    // first side, so that the outline crosses it.
    await area.locator('[data-testid="reshape-place"] canvas').focus();
    await page.keyboard.press('Backspace');
    await area.locator('[data-testid="drawing-state"][data-vertices="3"]').waitFor();
    const below: Position = [(first[0] + second[0]) / 2, first[1] - 0.0005];
    await page.evaluate(([longitude, latitude]) => {
      window.__nabolagMap?.jumpTo({ center: [longitude, latitude] });
    }, below);
    await page.keyboard.press('Enter');
    await area.locator('[data-testid="drawing-state"][data-vertices="4"]').waitFor();
    await page.keyboard.press('Shift+Enter');
    await area.locator('[data-testid="drawing-state"][data-finished="true"]').waitFor();
    // Said at once, under the map, and again when Save is pressed.
    await area.locator('[data-testid="drawing-problem"]').waitFor();
    await area.locator('[data-testid="reshape-save"]').click();
    const refused = area.locator('[data-testid="reshape-refused"]');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/crosses itself/);
    expect(patches, 'nothing was sent').toEqual([]);
    expect((await own(baseUrl, token, areaId)).geometry.coordinates).toEqual([[...SQUARE, SQUARE[0]]]);

    // "Back to the saved shape" puts it right; Cancel leaves.
    await area.locator('[data-testid="reshape-reset"]').click();
    await area.locator('[data-testid="reshape-state"][data-changed="false"]').waitFor();
    await area.locator('[data-testid="reshape-refused"]').waitFor({ state: 'detached' });
    await area.getByRole('button', { name: 'Cancel' }).click();
    await area.locator('[data-testid="reshape-place"]').waitFor({ state: 'detached' });
  });

  it('reshapes an area by dragging a corner: stored, valid and on the public map', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}/me?lang=en`);
    const area = card(page, areaId);
    await area.locator('[data-testid="own-place-reshape"]').click();
    await waitForShapeOnMap(page);
    // Focus goes to the editor's heading, and the page has no serious accessibility problem.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reshape the area');
    const reshapeViolations = await seriousAxeViolations(page);
    expect(reshapeViolations, describeViolations(reshapeViolations)).toEqual([]);
    const [first] = SQUARE as [Position];
    const from = await onScreen(page, first);
    await drag(page, from, { x: from.x - 40, y: from.y + 30 });
    await area.locator('[data-testid="reshape-state"][data-changed="true"]').waitFor();
    expect(await area.locator('[data-testid="drawing-problem"]').count()).toBe(0);
    await area.locator('[data-testid="reshape-save"]').click();
    await area.locator('[data-testid="own-place-message"] [data-tone="success"]').waitFor();

    const stored = await own(baseUrl, token, areaId);
    expect(stored.geometry.type).toBe('Polygon');
    const ring = (stored.geometry.coordinates as Position[][])[0] as Position[];
    expect(ring).toHaveLength(SQUARE.length + 1);
    const moved = ring[0] as Position;
    expect(moved[0], 'the corner went west').toBeLessThan(first[0] - 0.0002);
    expect(moved[1], 'and south').toBeLessThan(first[1] - 0.0001);
    expect(ring.slice(1, 4), 'the other corners stayed').toEqual(SQUARE.slice(1));
    expect(isSimpleRing(ring), 'the outline does not cross itself').toBe(true);
    expect(await publicGeometry(baseUrl, areaId)).toEqual(stored.geometry);
  });

  it('reshapes a route with the keyboard alone: last point taken away, put again at the cross', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/p/${SLUG}/me?lang=en`);
    const route = card(page, routeId);
    expect(
      await route.locator('[data-testid="own-place-move"]').count(),
      'a route is reshaped, not moved',
    ).toBe(0);
    await route.locator('[data-testid="own-place-reshape"]').click();
    await waitForShapeOnMap(page);
    await route.locator('[data-testid="reshape-place"] canvas').focus();
    await page.keyboard.press('Backspace');
    await route.locator('[data-testid="drawing-state"][data-vertices="2"][data-finished="false"]').waitFor();
    // Arrow keys move the map under the cross; Enter puts a point there, Shift+Enter finishes.
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => window.__nabolagMap?.isMoving() === false);
    const cross = await page.evaluate(() => window.__nabolagMap?.getCenter().toArray());
    if (!cross) throw new Error('no map');
    await page.keyboard.press('Enter');
    await route.locator('[data-testid="drawing-state"][data-vertices="3"]').waitFor();
    await page.keyboard.press('Shift+Enter');
    await route.locator('[data-testid="drawing-state"][data-finished="true"]').waitFor();
    await route.locator('[data-testid="reshape-save"]').click();
    await route.locator('[data-testid="own-place-message"] [data-tone="success"]').waitFor();

    const stored = await own(baseUrl, token, routeId);
    const line = stored.geometry.coordinates as Position[];
    expect(line.slice(0, 2)).toEqual(ROUTE.slice(0, 2));
    expect(line[2]?.[0]).toBeCloseTo(cross[0], 5);
    expect(line[2]?.[1]).toBeCloseTo(cross[1], 5);
    expect(line[2]).not.toEqual(ROUTE[2]);
    expect(await publicGeometry(baseUrl, routeId)).toEqual(stored.geometry);
    expect(session.pageErrors).toEqual([]);
  });
});
