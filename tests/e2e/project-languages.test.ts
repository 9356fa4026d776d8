// A project's own texts in the reader's language, end to end, on a phone (390 × 844, touch):
// the demo project as seeded shows its title, description, category labels, prompts and
// follow-up questions and options in Arabic and Somali (not the bokmål text, and not marked as
// another language); a project that lacks the reader's language follows its fallback order —
// the default (English, then the main language) or its own — and marks each text with the
// language it is in, so that a screen reader switches voice.
import type { LocalizedText, ProjectDefinition } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import { waitForMap } from './map.ts';
import { chooseCategory, nextUntil } from './resident-flow.ts';
import { demoProjectDefinition, randomLetters, signInAsAdmin } from './staff-api.ts';

const PHONE = { width: 390, height: 844 };
const CATEGORY = 'meeting-places';

/** A shown text: its words, its own `lang` attribute (null when none) and the nearest `lang` up the tree. */
interface ShownText {
  text: string;
  lang: string | null;
  inherited: string;
  dir: string | null;
}

/** The text of the element `selector` finds and the language a screen reader would read it in. */
function shownText(page: Page, selector: string): Promise<ShownText> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => ({
      text: (element.textContent ?? '').trim(),
      lang: element.getAttribute('lang'),
      inherited: element.closest('[lang]')?.getAttribute('lang') ?? '',
      dir: element.getAttribute('dir'),
    }));
}

/**
 * Walks the resident flow in `language` as far as the follow-up questions of `CATEGORY` — the
 * welcome (title, description), the categories, the story step (the prompt), the questions — and
 * reads each project text on the step that shows it.
 */
async function walkThrough(page: Page, baseUrl: string, slug: string, language: string) {
  expect((await page.goto(`${baseUrl}/p/${slug}?lang=${language}`))?.status()).toBe(200);
  await waitForMap(page);
  const shown: Partial<Record<keyof typeof SELECTORS, ShownText>> = {};
  const read = async (...parts: Array<keyof typeof SELECTORS>) => {
    for (const part of parts) shown[part] = await shownText(page, SELECTORS[part]);
  };
  await read('title', 'description');
  await page.locator('[data-testid="add-place"]').tap();
  await page.locator(SELECTORS.label).first().waitFor();
  await read('label');
  await chooseCategory(page, CATEGORY, 'tap');
  await page.locator('[data-testid="place-centre"]').tap();
  await nextUntil(page, SELECTORS.prompt, 'tap');
  await read('prompt');
  await nextUntil(page, '[data-testid="follow-up-how_often"]', 'tap');
  await read('question', 'option', 'help');
  return shown as Record<keyof typeof SELECTORS, ShownText>;
}

const SELECTORS = {
  title: '#project-title',
  description: '#project-description',
  label: `[data-testid="category-${CATEGORY}"] .category-button__label`,
  prompt: '.contribute__prompt',
  question: '[data-testid="follow-up-how_often"] legend span[dir="auto"]',
  option: '[data-testid="follow-up-how_often-daily"] + span',
  help: '[data-testid="follow-up-who_meet"] .field__hint',
};

/** Keeps only `languages` of every text in a definition (labels, prompts, questions, options). */
function onlyIn(value: unknown, languages: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => onlyIn(item, languages));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const isText = entries.length > 0 && 'nb' in value && entries.every(([, text]) => typeof text === 'string');
  return Object.fromEntries(
    isText
      ? entries.filter(([language]) => languages.includes(language))
      : entries.map(([key, item]) => [key, onlyIn(item, languages)]),
  );
}

describe.skipIf(inject('e2eSkipped'))('project texts in every offered language (phone)', () => {
  const baseUrl = inject('baseUrl');
  let session: BrowserSession;
  let seed: Awaited<ReturnType<typeof demoProjectDefinition>>;

  beforeAll(async () => {
    session = await openBrowser({
      baseUrl,
      executablePath: inject('chromiumPath'),
      viewport: PHONE,
      hasTouch: true,
      locale: 'nb-NO',
    });
    seed = await demoProjectDefinition();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('offers all eight languages in the demo project, each text written in it', () => {
    expect(seed.languages).toEqual(['nb', 'nn', 'en', 'ar', 'pl', 'so', 'ti', 'uk']);
    const texts: LocalizedText[] = [seed.title, seed.description];
    for (const category of seed.categories) {
      texts.push(category.labels, category.prompts);
      for (const question of category.questions ?? []) {
        texts.push(question.labels, ...(question.help ? [question.help] : []));
        if ('options' in question) texts.push(...question.options.map((option) => option.labels));
      }
    }
    for (const text of texts) {
      for (const language of seed.languages)
        expect(text[language]?.trim(), JSON.stringify(text)).toBeTruthy();
      // Each translation differs from bokmål (nynorsk may share a word with it).
      for (const language of ['en', 'ar', 'pl', 'so', 'ti', 'uk']) expect(text[language]).not.toBe(text.nb);
    }
  });

  for (const language of ['ar', 'so']) {
    it(`shows the demo's title, categories, prompts and follow-up questions in ${language}`, async ({
      onTestFailed,
    }) => {
      printServerLogOnFailure(onTestFailed, () => session.describeProblems());
      const { page } = session;
      const shownTexts = await walkThrough(page, baseUrl, 'torstrand', language);
      const category = seed.categories.find((candidate) => candidate.key === CATEGORY);
      const [howOften, whoMeet] = category?.questions ?? [];
      if (!category || !howOften || !whoMeet || !('options' in howOften)) throw new Error('the seed changed');
      const expected = {
        title: seed.title,
        description: seed.description,
        label: category.labels,
        prompt: category.prompts,
        question: howOften.labels,
        option: howOften.options[0]?.labels ?? {},
        help: whoMeet.help ?? {},
      };
      for (const [part, text] of Object.entries(expected)) {
        const shown = shownTexts[part as keyof typeof SELECTORS];
        expect(shown.text, part).toBe(text[language]);
        expect(shown.text, part).not.toBe(text.nb);
        // In the page's language: no lang of its own, read in the page's voice.
        expect(shown.lang, `${part} lang`).toBeNull();
        expect(shown.inherited, `${part} read as`).toBe(language);
      }
      expect(await page.evaluate(() => document.title)).toContain(seed.title[language]);
      expect(session.pageErrors).toEqual([]);
    });
  }

  it('follows the fallback order for a language a project lacks, and marks each text', async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(onTestFailed, () => session.describeProblems());
    const { headers } = await signInAsAdmin(baseUrl);
    // Offers Somali but has no Somali texts; bokmål is the main language.
    const base = onlyIn(seed, ['nb', 'nn', 'en']) as ProjectDefinition;
    const create = async (textFallback: string[] | null) => {
      const slug = `languages-${randomLetters()}`;
      const created = await fetch(`${baseUrl}/api/staff/projects`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...base, slug, languages: ['nb', 'nn', 'en', 'so'], textFallback }),
      });
      expect(created.status, await created.text()).toBe(201);
      return slug;
    };
    const [byDefault, ownOrder] = await Promise.all([create(null), create(['nn', 'nb'])]);
    const category = base.categories.find((candidate) => candidate.key === CATEGORY);
    const howOften = category?.questions?.[0];
    if (!category || !howOften) throw new Error('the seed changed');

    // The default order: English, then the main language.
    const { page } = session;
    const byDefaultTexts = await walkThrough(page, baseUrl, byDefault, 'so');
    for (const [part, text] of [
      ['title', base.title],
      ['label', category.labels],
      ['prompt', category.prompts],
      ['question', howOften.labels],
    ] as const) {
      expect(byDefaultTexts[part], part).toMatchObject({ text: text.en, lang: 'en', dir: 'auto' });
    }

    // The project's own order: nynorsk, then bokmål.
    const ownOrderTexts = await walkThrough(page, baseUrl, ownOrder, 'so');
    for (const [part, text] of [
      ['title', base.title],
      ['description', base.description ?? {}],
      ['label', category.labels],
      ['prompt', category.prompts],
      ['question', howOften.labels],
    ] as const) {
      expect(ownOrderTexts[part], part).toMatchObject({ text: text.nn, lang: 'nn', dir: 'auto' });
    }
    // The interface around them stays in Somali.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('so');
    expect(session.pageErrors).toEqual([]);
  });
});
