import { useState } from 'react';
import { useLoad } from '../staff/common/use-load.ts';
import { useStaff } from '../staff/staff-session.ts';
import { type AnalysisView, filterParameters } from './analysis-view.ts';

/** Stories asked for at a time; "Show more" asks for this many more (the API gives at most 500). */
export const STORIES_PAGE = 50;
const STORIES_MAX = 500;

/**
 * The stories of the selected cell or pin, or all, with the shared filters and the search
 * words; newest first. Hidden stories never come (the API leaves them out).
 */
export function useStories(slug: string, view: AnalysisView) {
  const { api } = useStaff();
  const [limit, setLimit] = useState(STORIES_PAGE);
  const filters = filterParameters(view.filters);
  const scope = view.contribution
    ? { contribution: view.contribution }
    : view.at
      ? { cell: view.cell, at: view.at }
      : {};
  const query = { ...filters, ...scope, search: view.search || undefined };
  const key = JSON.stringify(query);
  const [limitFor, setLimitFor] = useState(key);
  // A new question starts again from the first page.
  if (limitFor !== key) {
    setLimitFor(key);
    setLimit(STORIES_PAGE);
  }
  const loaded = useLoad(
    (signal) => api.analysis.stories(slug, { ...query, limit }, signal),
    [api, slug, key, limit],
  );
  return {
    ...loaded,
    more: () => setLimit((current) => Math.min(STORIES_MAX, current + STORIES_PAGE)),
    canAskMore: limit < STORIES_MAX,
  };
}
