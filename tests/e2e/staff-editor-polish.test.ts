// The staff project editor, end to end on a desktop (1366 × 768): keys of categories, follow-up
// questions and options are made from their labels ("Møtesteder" → motesteder, unique) and sit
// under a closed "Advanced" disclosure; every language is named in itself; the red "draw the
// area" problem goes once the area is drawn; the project's own text fallback order is saved.
// And the "about you" form on /p/:slug/me is laid out inside the viewport on a phone and a PC,
// each field with its label above it.
import { randomBytes, randomUUID } from 'node:crypto';
import { projectDefinitionOutputSchema, projectSchema } from '@nabolag/schema';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { randomLetters, signInAsAdmin } from './staff-api.ts';
import { drawArea, signInBrowserAsAdmin } from './staff-ui.ts';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** The texts of the options of a `<select>` or the labels of checkboxes, in order. */
const textsOf = (locator: Locator) =>
  locator.evaluateAll((elements) => elements.map((e) => e.textContent?.trim()));

/** Opens a category's (or question's) "Advanced" disclosure and gives its key fields' values. */
async function advancedKeys(advanced: Locator): Promise<string[]> {
  expect(await advanced.evaluate((details) => (details as HTMLDetailsElement).open), 'closed at first').toBe(
    false,
  );
  expect(await advanced.locator('input').first().isVisible(), 'keys hidden until opened').toBe(false);
  await advanced.locator('summary').click();
  return advanced
    .locator('input')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

/** Adds a category and gives it a bokmål name; returns its list item. */
async function addCategory(page: Page, name: string): Promise<Locator> {
  await page.locator('#add-category').click();
  // By position, not .last(): the locator must keep naming this item after the next one is added.
  const item = page.locator('.category-item').nth((await page.locator('.category-item').count()) - 1);
  await item.locator('input[lang="nb"]').first().fill(name);
  return item;
}

describe.skipIf(inject('e2eSkipped'))('staff project editor (desktop)', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      viewport: DESKTOP,
      locale: 'nb-NO',
    });
    await signInBrowserAsAdmin(session, baseUrl);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('makes keys from labels, names languages in themselves, clears the area problem once drawn', {
    timeout: 180_000,
  }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    await page.goto(`${baseUrl}/staff?lang=nb`);
    await page.locator('[data-testid="new-project"]').click();
    await page.locator('[data-testid="project-title-nb"]').waitFor();

    // Language names in themselves, in the list to offer and in the main-language menu.
    const offered = await textsOf(page.locator('.checkbox-grid .checkbox span[lang]'));
    expect(offered).toEqual(
      expect.arrayContaining([
        'Norsk bokmål',
        'English',
        'Davvisámegiella',
        'Soomaali',
        'العربية',
        'Polski',
        'ትግርኛ',
        'Українська',
      ]),
    );
    expect(offered).not.toContain('se');
    expect(await textsOf(page.locator('#field-defaultLanguage option'))).toEqual([
      'Norsk bokmål',
      'Norsk nynorsk',
      'English',
    ]);

    // Saving without an area: the area is red and listed as a problem.
    const slug = `polish-${randomLetters()}`;
    await page.locator('[data-testid="project-title-nb"]').fill(`Nabolagskart ${slug}`);
    await page.locator('[data-testid="project-slug"]').fill(slug);
    await page.locator('[data-testid="save-project"]').click();
    await page.locator('[data-testid="error-summary"]').waitFor();
    expect(await page.locator('.area-field.has-error').count()).toBe(1);
    expect(await page.locator('[data-testid="error-summary"] a[href="#field-area"]').count()).toBe(1);
    // Drawing it takes the problem away at once: no red border, nothing listed.
    await drawArea(page, [
      [0.3, 0.3],
      [0.7, 0.3],
      [0.5, 0.7],
    ]);
    await expect.poll(() => page.locator('.area-field.has-error').count()).toBe(0);
    expect(await page.locator('[data-testid="error-summary"]').count()).toBe(0);

    // Two new categories called the same: keys from the name, the second numbered.
    const first = await addCategory(page, 'Møtesteder');
    const second = await addCategory(page, 'Møtesteder');
    expect(await advancedKeys(first.locator('details.advanced'))).toEqual(['motesteder']);
    expect(await advancedKeys(second.locator('details.advanced'))).toEqual(['motesteder-2']);
    // Editing a key by hand under Advanced: the name no longer changes it.
    await second.locator('details.advanced input').fill('lekeplasser');
    await second.locator('input[lang="nb"]').first().fill('Lekeplasser og parker');
    expect(await second.locator('details.advanced input').inputValue()).toBe('lekeplasser');

    // A follow-up question and its options: keys from their labels, not question_1 / option_1.
    await first.locator('[id$="-questions-add"]').click();
    const question = first.locator('[data-testid="question-editor-0"]');
    await question.locator('input[lang="nb"]').first().fill('Hvor ofte er du her?');
    const options = question.locator('.follow-up-editor__option');
    await options.nth(0).locator('input[lang="nb"]').fill('Daglig');
    await options.nth(1).locator('input[lang="nb"]').fill('Én gang i uka');
    expect(await advancedKeys(question.locator('details.advanced'))).toEqual([
      'hvor_ofte_er_du_her',
      'daglig',
      'en_gang_i_uka',
    ]);

    // The project's own fallback order: nynorsk ticked and moved to the front.
    await page.locator('[data-testid="text-fallback-own"]').check();
    await page.locator('[data-testid="text-fallback-nn"] input[type="checkbox"]').check();
    const moveUp = page.locator('[data-testid="text-fallback-nn"] button').first();
    await moveUp.click();
    await moveUp.click();
    expect(await textsOf(page.locator('.text-fallback__item span[lang]'))).toEqual([
      'Norsk nynorsk',
      'English',
      'Norsk bokmål',
    ]);

    await page.locator('[data-testid="save-project"]').click();
    await page.waitForURL(`${baseUrl}/staff/projects/${slug}`, { timeout: 30_000 });
    const { headers } = await signInAsAdmin(baseUrl);
    const stored = projectDefinitionOutputSchema.parse(
      await (await fetch(`${baseUrl}/api/staff/projects/${slug}`, { headers })).json(),
    );
    const keys = stored.categories.map((category) => category.key);
    expect(keys).toContain('motesteder');
    expect(keys).toContain('lekeplasser');
    const saved = stored.categories.find((category) => category.key === 'motesteder')?.questions?.[0];
    expect(saved?.key).toBe('hvor_ofte_er_du_her');
    expect(saved && 'options' in saved ? saved.options.map((option) => option.key) : []).toEqual([
      'daglig',
      'en_gang_i_uka',
    ]);
    expect(stored.textFallback).toEqual(['nn', 'en', 'nb']);
    expect(session.pageErrors).toEqual([]);
  });
});

/** What a layout check needs of an element: its box in CSS pixels. */
const boxOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on the page');
  return box;
};

describe.skipIf(inject('e2eSkipped')).each([
  { name: 'phone', viewport: PHONE, touch: true },
  { name: 'PC', viewport: DESKTOP, touch: false },
])('"about you" on /me ($name)', ({ viewport, touch }) => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      viewport,
      hasTouch: touch,
      locale: 'nb-NO',
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lays out every field inside the viewport, its label above it', async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { page } = session;
    // A participant of the demo with one place and an answer, through the API.
    const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/torstrand`)).json());
    const token = randomBytes(32).toString('base64url');
    const [west, south, east, north] = project.bounds;
    const sent = await fetch(`${baseUrl}/api/projects/torstrand/contributions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        id: randomUUID(),
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: [(west + east) / 2, (south + north) / 2] },
        participant: { ageBand: '30-44', relation: ['lives'] },
      }),
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
    await page.goto(`${baseUrl}/accessibility`);
    await page.evaluate((value) => localStorage.setItem('nabolag:participant:torstrand', value), token);
    await page.goto(`${baseUrl}/p/torstrand/me?lang=nb`);
    const form = page.locator('[data-testid="own-answers"]');
    await form.waitFor();

    // Each control has a label (assistive technology reads it), and sits below it.
    const fields = [
      { control: page.locator('[data-testid="background-age"]') },
      { control: page.locator('[data-testid="background-years"]') },
    ];
    for (const { control } of fields) {
      const labelled = await control.evaluate((element) => {
        const labels = (element as HTMLInputElement).labels;
        return labels && labels.length > 0 ? (labels[0]?.textContent ?? '') : '';
      });
      expect(labelled.length, 'a label').toBeGreaterThan(0);
      const label = page.locator(`label[for="${await control.getAttribute('id')}"]`);
      const [labelBox, controlBox] = [await boxOf(label), await boxOf(control)];
      expect(labelBox.y + labelBox.height, 'label above its field').toBeLessThanOrEqual(controlBox.y + 1);
      expect(controlBox.x, 'inside the viewport').toBeGreaterThanOrEqual(0);
      expect(controlBox.x + controlBox.width, 'inside the viewport').toBeLessThanOrEqual(viewport.width);
      expect(controlBox.height, 'touch size').toBeGreaterThanOrEqual(44);
    }
    expect(await page.locator('[data-testid="background-age"]').inputValue()).toBe('30-44');
    for (const checkbox of await page.locator('[data-testid^="background-relation-"]').all()) {
      expect(await checkbox.evaluate((input) => (input as HTMLInputElement).labels?.length ?? 0)).toBe(1);
    }

    // The heading stands out from the text, like the page's other section headings.
    const sizes = await form.evaluate((element) => ({
      legend: Number.parseFloat(getComputedStyle(element.querySelector('legend') as Element).fontSize),
      text: Number.parseFloat(getComputedStyle(element).fontSize),
    }));
    expect(sizes.legend).toBeGreaterThan(sizes.text);

    // The form and its button inside the viewport's width; the button below the last field.
    const formBox = await boxOf(form);
    expect(formBox.x).toBeGreaterThanOrEqual(0);
    expect(formBox.x + formBox.width).toBeLessThanOrEqual(viewport.width);
    const save = await boxOf(page.locator('[data-testid="answers-save"]'));
    const years = await boxOf(page.locator('[data-testid="background-years"]'));
    expect(save.y, 'the button below the years field').toBeGreaterThanOrEqual(years.y + years.height);
    expect(save.x + save.width).toBeLessThanOrEqual(viewport.width);
    // No sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
    expect(session.pageErrors).toEqual([]);
  });
});
