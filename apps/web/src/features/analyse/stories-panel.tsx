import type { StorySummary } from '@nabolag/schema';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../staff/common/format.ts';
import { LoadFailed, Loading } from '../staff/common/load-states.tsx';
import type { Loaded } from '../staff/common/use-load.ts';
import type { AnalysisLabels } from './labels.ts';

export interface StoriesPanelProps {
  state: Loaded<{ stories: StorySummary[]; total: number }>;
  onRetry: () => void;
  scope: 'cell' | 'pin' | 'all';
  search: string;
  onSearch: (words: string) => void;
  onShowAll: () => void;
  onShowOnMap: (id: string) => void;
  onMore: (() => void) | null;
  labels: AnalysisLabels;
  categoryColour: (key: string) => string;
  /** What the map says about the chosen cell ("6 contributions from 6 participants"), if known. */
  cellSummary?: string | null;
}

/**
 * The stories of a place (a clicked cell or pin, or all), with a search: a side panel beside the
 * map on a PC, under it on a tablet. Its heading takes focus when a place is chosen, so keyboard
 * and screen-reader users land on what they asked for.
 */
export function StoriesPanel({
  state,
  onRetry,
  scope,
  search,
  onSearch,
  onShowAll,
  onShowOnMap,
  onMore,
  labels,
  categoryColour,
  cellSummary = null,
}: StoriesPanelProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [words, setWords] = useState(search);
  const [previousSearch, setPreviousSearch] = useState(search);
  if (previousSearch !== search) {
    setPreviousSearch(search);
    setWords(search);
  }
  const firstScope = useRef(true);
  useEffect(() => {
    if (firstScope.current) {
      firstScope.current = false;
      return;
    }
    if (scope !== 'all') headingRef.current?.focus();
  }, [scope]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(words.trim());
  };
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <aside
      className="analysis-stories"
      aria-labelledby={`${id}-heading`}
      data-testid="stories-panel"
      data-scope={scope}
    >
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t(`staff.analysis.stories.heading.${scope}`)}
      </h2>
      {scope === 'cell' && cellSummary && <p data-testid="cell-summary">{cellSummary}</p>}
      {scope !== 'all' && (
        <button type="button" className="button button--small" onClick={onShowAll} data-testid="all-stories">
          {t('staff.analysis.stories.showAll')}
        </button>
      )}
      <form className="analysis-stories__search" onSubmit={submit}>
        <label htmlFor={`${id}-search`}>{t('staff.analysis.stories.search')}</label>
        <div className="analysis-stories__search-row">
          <input
            id={`${id}-search`}
            type="search"
            value={words}
            maxLength={200}
            onChange={(event) => setWords(event.target.value)}
            data-testid="story-search"
          />
          <button type="submit" className="button button--small">
            {t('staff.analysis.stories.searchButton')}
          </button>
        </div>
      </form>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={onRetry} />}
      {state.status === 'ready' && (
        <>
          <p role="status" data-testid="story-count" data-count={state.value.total}>
            {t('staff.analysis.stories.count', {
              count: state.value.total,
              value: number.format(state.value.total),
            })}
          </p>
          {state.value.stories.length === 0 ? (
            <p className="staff-empty">
              {search ? t('staff.analysis.stories.noneFound') : t('staff.analysis.stories.none')}
            </p>
          ) : (
            <ol className="analysis-stories__list">
              {state.value.stories.map((story) => (
                <li key={story.id} className="analysis-story" data-testid="story" data-id={story.id}>
                  <p className="analysis-story__meta">
                    <span
                      className="analysis-story__dot"
                      style={{ background: categoryColour(story.category) }}
                      aria-hidden="true"
                    />
                    <strong>{labels.category(story.category)}</strong>
                    {' · '}
                    {formatMoment(story.createdAt, i18n.language)}
                    {story.status === 'pending' && (
                      <span className="badge">{t('staff.analysis.stories.pending')}</span>
                    )}
                  </p>
                  <blockquote className="analysis-story__text">{story.story}</blockquote>
                  <p className="analysis-story__who">
                    {[
                      story.relation?.map(labels.relation).join(', '),
                      story.ageBand ? labels.ageBand(story.ageBand) : null,
                      story.session
                        ? t('staff.analysis.stories.sessionTitled', { title: labels.session(story.session) })
                        : null,
                      story.group,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onShowOnMap(story.id)}
                  >
                    {t('staff.analysis.stories.showOnMap')}
                  </button>
                </li>
              ))}
            </ol>
          )}
          {onMore && state.value.total > state.value.stories.length && (
            <button type="button" className="button" onClick={onMore}>
              {t('staff.analysis.stories.more')}
            </button>
          )}
        </>
      )}
    </aside>
  );
}
