import { categorySchema } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, defaultCategories } from './default-categories.ts';

describe('default categories', () => {
  it("are the method's eight, in its order", () => {
    expect(DEFAULT_CATEGORIES.map((category) => category.key)).toEqual([
      'meeting-places',
      'landmarks',
      'show-visitors',
      'community',
      'great-value',
      'least-liked',
      'most-time',
      'attached-to',
    ]);
  });

  it('each pass the schema and have labels and prompts in nb, nn and en', () => {
    for (const category of DEFAULT_CATEGORIES) {
      expect(categorySchema.safeParse(category).success).toBe(true);
      for (const language of ['nb', 'nn', 'en']) {
        expect(category.labels[language]).toBeTruthy();
        expect(category.prompts[language]).toBeTruthy();
      }
    }
  });

  it('are copied, so that changing one copy leaves the next alone', () => {
    const first = defaultCategories();
    (first[0] as { labels: Record<string, string> }).labels.nb = 'Endret';
    expect(defaultCategories()[0]?.labels.nb).toBe('Møtesteder');
  });
});
