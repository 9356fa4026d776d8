import { type Category, pickText } from '@nabolag/schema';
import type { TFunction } from 'i18next';
import { describeAnswerFilter } from './answer-filters.ts';

/** Labels of the values the analysis shows, in the reader's language. */
export function analysisLabels(t: TFunction, language: string, categories: readonly Category[]) {
  return {
    category: (key: string) => {
      const category = categories.find((candidate) => candidate.key === key);
      return category ? pickText(category.labels, language) || key : key;
    },
    relation: (key: string) =>
      key === 'unknown' ? t('staff.analysis.notAnswered') : t(`staff.analysis.relations.${key}`, key),
    ageBand: (key: string) =>
      key === 'unknown' ? t('staff.analysis.notAnswered') : t(`background.ageBands.${key}`, key),
    session: (key: string) => (key === 'online' ? t('staff.analysis.online') : key),
    /** An answer filter in words: "How often are you here?: Daily". */
    answer: (filter: string) => describeAnswerFilter(filter, categories, language),
  };
}
export type AnalysisLabels = ReturnType<typeof analysisLabels>;
