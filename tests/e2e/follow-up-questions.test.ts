// Follow-up questions after a place is put on the map, end to end: a project of its own whose
// meeting places ask one question of each type (a required single choice, a text question shown
// only for "daily", a multiple choice, the 1–5 scale and a number). Answered once by touch on a
// phone in Arabic (right to left, messages in Arabic) and once with the keyboard alone; each time
// the form first refuses to send without the required answer and moves focus to it, a condition
// brings its question in (announced), and the stored answers are read back through /me.

import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { chooseCategory, nextUntil, waitForMapStill } from './resident-flow.ts';
import { describeFocus, sendContribution, tabTo, waitForStatus } from './shapes.ts';
import { demoProjectDefinition, randomLetters, signInAsAdmin } from './staff-api.ts';

const CATEGORY = 'meeting-places';
const PHONE = { width: 390, height: 844 };
const option = (key: string, en: string, nb: string) => ({ key, labels: { en, nb } });

const QUESTIONS = [
  {
    key: 'how_often',
    type: 'single',
    labels: { en: 'How often are you here?', nb: 'Hvor ofte er du her?' },
    required: true,
    options: [option('daily', 'Daily', 'Daglig'), option('weekly', 'Weekly', 'Ukentlig')],
  },
  {
    key: 'why_daily',
    type: 'text',
    labels: { en: 'What brings you here every day?', nb: 'Hva får deg hit hver dag?' },
    showIf: { question: 'how_often', equals: 'daily' },
  },
  {
    key: 'who',
    type: 'multiple',
    labels: { en: 'Who do you meet here?', nb: 'Hvem møter du her?' },
    options: [option('friends', 'Friends', 'Venner'), option('family', 'Family', 'Familie')],
  },
  {
    key: 'safe',
    type: 'scale',
    labels: { en: 'How safe do you feel here?', nb: 'Hvor trygg føler du deg her?' },
    minLabels: { en: 'not safe', nb: 'utrygg' },
    maxLabels: { en: 'very safe', nb: 'svært trygg' },
  },
  {
    key: 'minutes',
    type: 'number',
    labels: { en: 'Minutes per visit', nb: 'Minutter per besøk' },
    min: 0,
    max: 600,
  },
];

/** Creates the test's own project through the staff API (as the e2e admin); returns its slug. */
async function createProject(baseUrl: string): Promise<string> {
  const { headers } = await signInAsAdmin(baseUrl);
  const seed = await demoProjectDefinition();
  const slug = `followup-${randomLetters()}`;
  const created = await fetch(`${baseUrl}/api/staff/projects`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      ...seed,
      slug,
      categories: seed.categories.map((category) =>
        category.key === CATEGORY ? { ...category, questions: QUESTIONS } : category,
      ),
    }),
  });
  expect(created.status, await created.text()).toBe(201);
  return slug;
}

/** The answers stored for the contribution a request sent, read back with its participant token. */
async function storedAnswers(baseUrl: string, slug: string, posted: Request, id: string) {
  const authorization = (await posted.allHeaders()).authorization ?? '';
  const me = await fetch(`${baseUrl}/api/projects/${slug}/me`, { headers: { Authorization: authorization } });
  const data = (await me.json()) as {
    contributions: Array<{ id: string; answers: unknown; questionsVersion: number }>;
  };
  return data.contributions.find((contribution) => contribution.id === id);
}

const postedContribution = (page: Page, slug: string) =>
  page.waitForRequest(
    (request) =>
      request.method() === 'POST' &&
      new URL(request.url()).pathname === `/api/projects/${slug}/contributions`,
    { timeout: 30_000 },
  );

const isFocused = (page: Page, selector: string) =>
  page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector);

describe.skipIf(inject('e2eSkipped'))('follow-up questions after a place is put on the map', () => {
  const baseUrl = inject('baseUrl');
  let slug: string;
  let phone: BrowserSession;
  let keyboard: BrowserSession;

  beforeAll(async () => {
    slug = await createProject(baseUrl);
    [phone, keyboard] = await Promise.all([
      openBrowser({ baseUrl, executablePath: inject('chromiumPath'), viewport: PHONE, hasTouch: true }),
      openBrowser({ baseUrl, executablePath: inject('chromiumPath') }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([phone?.close(), keyboard?.close()]);
  });

  it('answers them by touch on a phone, right to left in Arabic', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => phone.describeProblems());
    const { page } = phone;
    expect((await page.goto(`${baseUrl}/p/${slug}?lang=ar`))?.status()).toBe(200);
    await waitForMap(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    await chooseCategory(page, CATEGORY, 'tap');
    expect(await page.locator('[data-testid="follow-up"]').count(), 'no questions before the place').toBe(0);
    const map = await page.locator('[data-testid="map"]').boundingBox();
    if (!map) throw new Error('no map on the page');
    await waitForMapStill(page);
    await page.touchscreen.tap(map.x + map.width / 2, map.y + map.height / 2);
    await waitForStatus(page, 'تمّ وضع النقطة.');
    // A required question: the story step offers Next, not "skip and send".
    await nextUntil(page, '[data-testid="follow-up"]', 'tap');
    expect(
      await page.locator('[data-testid="follow-up-why_daily"]').count(),
      'conditional question hidden',
    ).toBe(0);

    // Sending without the required answer: refused on the device, in Arabic, focus on the question.
    await page.locator('[data-testid="send"]').tap();
    await waitForStatus(page, 'يُرجى مراجعة إجاباتك');
    await expect
      .poll(() => page.locator('[data-testid="follow-up-problem-how_often"]').textContent())
      .toBe('يُرجى الإجابة عن هذا السؤال.');
    await expect.poll(() => isFocused(page, '#follow-up-how_often')).toBe(true);

    // "Daily" brings in the question that waits for it, and the form says so.
    await page.locator('[data-testid="follow-up-how_often-daily"]').tap();
    await page.locator('[data-testid="follow-up-why_daily-input"]').waitFor();
    await waitForStatus(page, 'ظهر سؤال جديد');
    await page.locator('[data-testid="follow-up-why_daily-input"]').tap();
    await page.keyboard.type('القهوة مع الجيران');
    await page.locator('[data-testid="follow-up-who-friends"]').tap();
    await page.locator('[data-testid="follow-up-who-family"]').tap();
    await page.locator('[data-testid="follow-up-safe-4"]').tap();
    await page.locator('[data-testid="follow-up-minutes-input"]').tap();
    await page.keyboard.type('45');

    const posted = postedContribution(page, slug);
    const sent = await sendContribution(page, slug, () => page.locator('[data-testid="send"]').tap());
    expect(await storedAnswers(baseUrl, slug, await posted, sent.id)).toMatchObject({
      answers: {
        how_often: 'daily',
        why_daily: 'القهوة مع الجيران',
        who: ['friends', 'family'],
        safe: 4,
        minutes: 45,
      },
      questionsVersion: 1,
    });
    expect(phone.pageErrors, phone.describeProblems()).toEqual([]);
  });

  it('answers them with the keyboard alone', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => keyboard.describeProblems());
    const { page } = keyboard;
    expect((await page.goto(`${baseUrl}/p/${slug}?lang=en`))?.status()).toBe(200);
    await waitForMap(page);

    await tabTo(page, '[data-testid="add-place"]');
    await page.keyboard.press('Enter');
    await tabTo(page, `[data-testid="category-${CATEGORY}"]`);
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="focus-map"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Point placed.');
    for (const step of ['story', 'questions']) {
      await tabTo(page, '[data-testid="step-next"]');
      await page.keyboard.press('Enter');
      await page.locator(`[data-testid="flow-step"][data-step="${step}"]`).waitFor();
    }
    await page.locator('[data-testid="follow-up"]').waitFor();

    // Send at once: refused, with the reason, and focus lands on the required question.
    await tabTo(page, '[data-testid="send"]');
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Please check the answers to the questions about the place.');
    await expect
      .poll(() => isFocused(page, '#follow-up-how_often'), { message: 'focus on the first radio' })
      .toBe(true);
    expect(await page.locator('[data-testid="follow-up-problem-how_often"]').textContent()).toBe(
      'Please answer this question.',
    );

    // Space chooses the focused option ("Daily"); the question that waits for it comes in.
    await page.keyboard.press('Space');
    await waitForStatus(page, 'A new question appeared: What brings you here every day?');
    await tabTo(page, '[data-testid="follow-up-why_daily-input"]');
    await page.keyboard.type('Chess in the park');
    // Arrow keys move within a radio group: "Weekly" takes the conditional question away…
    await tabTo(page, 'input[name="follow-up-how_often"]', { backwards: true });
    await page.keyboard.press('ArrowDown');
    await waitForStatus(page, 'A question was removed: What brings you here every day?');
    expect(await page.locator('[data-testid="follow-up-why_daily"]').count()).toBe(0);
    // …and "Daily" brings it back with what was typed (kept in the form, but not sent while hidden).
    await page.keyboard.press('ArrowUp');
    await tabTo(page, '[data-testid="follow-up-why_daily-input"]');
    expect(await describeFocus(page)).toContain('follow-up-why_daily-input');

    await tabTo(page, '[data-testid="follow-up-who-family"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="follow-up-safe"]');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, '[data-testid="follow-up-minutes-input"]');
    await page.keyboard.type('601');
    await tabTo(page, '[data-testid="send"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page, '#follow-up-minutes')).toBe(true);
    expect(await page.locator('[data-testid="follow-up-problem-minutes"]').textContent()).toBe(
      'Write a whole number from 0 to 600.',
    );
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('30');

    const posted = postedContribution(page, slug);
    await tabTo(page, '[data-testid="send"]');
    // The status still shows the refusal above, so wait for the success itself (not any outcome).
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="status"][data-tone="success"]').waitFor({ timeout: 30_000 });
    const request = await posted;
    const response = await request.response();
    expect(response?.status(), await response?.text()).toBe(201);
    const sent = (await response?.json()) as { id: string };
    expect(await storedAnswers(baseUrl, slug, request, sent.id)).toMatchObject({
      answers: { how_often: 'daily', why_daily: 'Chess in the park', who: ['family'], safe: 3, minutes: 30 },
      questionsVersion: 1,
    });
    expect(keyboard.pageErrors, keyboard.describeProblems()).toEqual([]);
  });
});
