import { type Category, pickText, type WorkshopSession } from '@nabolag/schema';
import type { TFunction } from 'i18next';
import { describeAnswerFilter } from './answer-filters.ts';

/**
 * A workshop as planners know it: by its title, with the join code after it to tell apart two
 * workshops of the same title ("Torstrand skole (NM4DVV)"); the code alone when the session is
 * not among `sessions` (still loading, or of no concern to this reader).
 */
export function sessionLabel(code: string, sessions: readonly Pick<WorkshopSession, 'code' | 'title'>[]) {
  const session = sessions.find((candidate) => candidate.code === code);
  return session ? `${session.title} (${code})` : code;
}

/** Labels of the values the analysis shows, in the reader's language; workshops by title. */
export function analysisLabels(
  t: TFunction,
  language: string,
  categories: readonly Category[],
  sessions: readonly Pick<WorkshopSession, 'code' | 'title'>[] = [],
) {
  return {
    category: (key: string) => {
      const category = categories.find((candidate) => candidate.key === key);
      return category ? pickText(category.labels, language) || key : key;
    },
    relation: (key: string) =>
      key === 'unknown' ? t('staff.analysis.notAnswered') : t(`staff.analysis.relations.${key}`, key),
    ageBand: (key: string) =>
      key === 'unknown' ? t('staff.analysis.notAnswered') : t(`background.ageBands.${key}`, key),
    session: (key: string) => (key === 'online' ? t('staff.analysis.online') : sessionLabel(key, sessions)),
    /** An answer filter in words: "How often are you here?: Daily". */
    answer: (filter: string) => describeAnswerFilter(filter, categories, language),
  };
}
export type AnalysisLabels = ReturnType<typeof analysisLabels>;
