import './analysis.css';
import { type Project, pickText } from '@nabolag/schema';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getProject } from '../../api/nabolag-api.ts';
import { Link, navigate, useSearch } from '../../app/router.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { AnalysisMap } from '../../map/analysis-map.tsx';
import { MAP_COLOURS } from '../../map/style.ts';
import { LoadFailed, Loading } from '../staff/common/load-states.tsx';
import { useLoad } from '../staff/common/use-load.ts';
import { staffPaths } from '../staff/staff-routes.ts';
import { useStaff } from '../staff/staff-session.ts';
import {
  type AnalysisView,
  activeFilterCount,
  filterParameters,
  searchForView,
  viewFromSearch,
} from './analysis-view.ts';
import { CellList } from './cell-list.tsx';
import { cellPolygon, cellRows } from './cells.ts';
import { DashboardCharts } from './dashboard-charts.tsx';
import { FilterBar } from './filter-bar.tsx';
import { analysisLabels } from './labels.ts';
import { compareValues, MapControls } from './map-controls.tsx';
import { MapLegend } from './map-legend.tsx';
import { StoriesPanel } from './stories-panel.tsx';
import { useAnalysisDisplay } from './use-analysis-display.ts';
import { useStories } from './use-stories.ts';

/** Story pins drawn at most (the API's page limit). */
const PIN_LIMIT = 500;

/** `/staff/analysis/:slug`: the planner's place analysis — map, stories and charts, one filter bar. */
export function AnalysisPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const project = useLoad((signal) => getProject(slug, signal), [slug]);
  useDocumentTitle(t('staff.analysis.title'));
  return (
    <div className="staff-page staff-page--wide analysis-page" data-testid="analysis-page">
      {project.state.status === 'loading' && <Loading />}
      {project.state.status === 'failed' && (
        <LoadFailed error={project.state.error} onRetry={project.reload} />
      )}
      {project.state.status === 'ready' && <Analysis project={project.state.value} />}
    </div>
  );
}

/** Changes the view in the address (replacing the entry: filters are not steps to go back through). */
export function useAnalysisView(): [AnalysisView, (change: Partial<AnalysisView>) => void] {
  const search = useSearch();
  const view = useMemo(() => viewFromSearch(search), [search]);
  const setView = useCallback((change: Partial<AnalysisView>) => {
    const next = { ...viewFromSearch(window.location.search), ...change };
    navigate(`${window.location.pathname}${searchForView(next, window.location.search)}`, { replace: true });
  }, []);
  return [view, setView];
}

function Analysis({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const slug = project.slug;
  const [view, setView] = useAnalysisView();
  const [pinsOn, setPinsOn] = useState(false);
  const sessions = useLoad((signal) => api.listSessions(slug, signal), [api, slug]);
  const sessionList = useMemo(
    () => (sessions.state.status === 'ready' ? sessions.state.value.sessions : []),
    [sessions.state],
  );
  const labels = useMemo(
    () => analysisLabels(t, i18n.language, project.categories, sessionList),
    [t, i18n.language, project.categories, sessionList],
  );
  const categoryKeys = useMemo(
    () => project.categories.map((category) => category.key),
    [project.categories],
  );
  const filters = filterParameters(view.filters);
  const filterKey = JSON.stringify(filters);
  const stats = useLoad(
    (signal) => api.analysis.stats(slug, { cell: view.cell, ...filters }, signal),
    [api, slug, filterKey, view.cell],
  );
  const display = useAnalysisDisplay(slug, view);
  const stories = useStories(slug, view);
  const pins = useLoad(
    async (signal) =>
      pinsOn || view.contribution
        ? api.analysis.stories(slug, { ...filters, limit: PIN_LIMIT }, signal)
        : { ok: true as const, value: { stories: [], total: 0 }, status: 200 },
    [api, slug, filterKey, pinsOn || view.contribution !== null],
  );

  const shown = display.state.status === 'ready' ? display.state.value : null;
  const rows = useMemo(() => (shown ? cellRows(shown) : []), [shown]);
  const selectedPolygon = useMemo(() => cellPolygon(shown, view.at), [shown, view.at]);
  const colourOf = useCallback(
    (key: string) =>
      project.categories.find((category) => category.key === key)?.colour ?? MAP_COLOURS.fallbackCategory,
    [project.categories],
  );
  const sideNames = useMemo(() => {
    const values = compareValues(view.compare.by, categoryKeys, sessionList, labels);
    const name = (value: string | null) =>
      values.find((option) => option.value === value)?.label ?? value ?? '';
    return view.mode === 'contested'
      ? { a: t('staff.analysis.compare.liked'), b: labels.category('least-liked') }
      : { a: name(view.compare.a), b: name(view.compare.b) };
  }, [view.compare, view.mode, categoryKeys, sessionList, labels, t]);
  const title = pickText(project.title, i18n.language) || slug;
  const total = stats.state.status === 'ready' ? stats.state.value.total : null;
  const filtered = activeFilterCount(view.filters) > 0;
  const pinStories = pins.state.status === 'ready' ? pins.state.value.stories : [];
  const selectedRow = view.at ? rows.find((row) => row.cell === view.at) : undefined;
  const selectedSummary = selectedRow
    ? selectedRow.participants === null
      ? t('staff.analysis.cellContributions', { count: selectedRow.count })
      : t('staff.analysis.total', {
          contributions: new Intl.NumberFormat(i18n.language).format(selectedRow.count),
          participants: new Intl.NumberFormat(i18n.language).format(selectedRow.participants),
          count: selectedRow.count,
        })
    : null;

  return (
    <>
      <p className="staff-page__back no-print">
        <Link href={staffPaths.projects}>{t('staff.analysis.back')}</Link>
      </p>
      <div className="staff-page__header">
        <h1>{t('staff.analysis.heading', { title })}</h1>
        <Link
          href={`${staffPaths.analysisReport(slug)}${searchForView({ ...view, at: null, contribution: null, search: '' })}`}
          className="button"
          data-testid="open-report"
        >
          {t('staff.analysis.report.open')}
        </Link>
      </div>
      <FilterBar
        filters={view.filters}
        onChange={(next) => setView({ filters: next, at: null, contribution: null })}
        categories={categoryKeys}
        questionCategories={project.categories}
        sessions={sessionList}
        labels={labels}
      />
      {total && (
        <p className="analysis-total" data-testid="analysis-total" data-contributions={total.contributions}>
          {t('staff.analysis.total', {
            contributions: new Intl.NumberFormat(i18n.language).format(total.contributions),
            participants: new Intl.NumberFormat(i18n.language).format(total.participants),
            count: total.contributions,
          })}
        </p>
      )}
      {total?.contributions === 0 && (
        <p className="notice" data-testid="analysis-empty">
          {filtered ? t('staff.analysis.emptyFiltered') : t('staff.analysis.emptyProject')}
        </p>
      )}

      <section aria-labelledby="analysis-map-heading" className="analysis-section">
        <h2 id="analysis-map-heading">{t('staff.analysis.mapHeading')}</h2>
        <MapControls
          view={view}
          onChange={setView}
          categories={categoryKeys}
          sessions={sessionList}
          labels={labels}
          pins={pinsOn}
          onPins={setPinsOn}
        />
        <div className="analysis-workspace">
          <div className="analysis-workspace__map">
            <AnalysisMap
              project={project}
              display={shown}
              selectedCell={selectedPolygon}
              pins={pinsOn || view.contribution ? pinStories : []}
              selectedPin={view.contribution}
              onSelectCell={(cell) => setView({ at: cell, contribution: null })}
              onSelectPin={(id) => setView({ contribution: id, at: null })}
            />
            {display.state.status === 'loading' && (
              <p className="analysis-map-state" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('staff.analysis.loadingMap')}
              </p>
            )}
            {shown && <MapLegend display={shown} sides={sideNames} />}
          </div>
          <StoriesPanel
            state={stories.state}
            onRetry={stories.reload}
            scope={view.contribution ? 'pin' : view.at ? 'cell' : 'all'}
            search={view.search}
            onSearch={(search) => setView({ search })}
            onShowAll={() => setView({ at: null, contribution: null })}
            onShowOnMap={(id) => {
              setPinsOn(true);
              setView({ contribution: id, at: null });
            }}
            onMore={stories.canAskMore ? stories.more : null}
            labels={labels}
            categoryColour={colourOf}
            cellSummary={selectedSummary}
          />
        </div>
        {display.state.status === 'failed' && (
          <LoadFailed error={display.state.error} onRetry={display.reload} />
        )}
        {view.mode === 'compare' && display.state.status === 'ready' && display.state.value === null && (
          <p className="notice">{t('staff.analysis.compare.pickBoth')}</p>
        )}
        {shown && shown.kind !== 'density' && (
          <CellList
            rows={rows}
            kind={view.mode === 'contested' ? 'contested' : shown.kind}
            selected={view.at}
            onSelect={(cell) => setView({ at: cell, contribution: null })}
          />
        )}
      </section>

      <section aria-labelledby="analysis-charts-heading" className="analysis-section">
        <h2 id="analysis-charts-heading">{t('staff.analysis.chartsHeading')}</h2>
        {stats.state.status === 'loading' && <Loading />}
        {stats.state.status === 'failed' && <LoadFailed error={stats.state.error} onRetry={stats.reload} />}
        {stats.state.status === 'ready' && (
          <DashboardCharts stats={stats.state.value} categories={project.categories} labels={labels} />
        )}
      </section>
    </>
  );
}
