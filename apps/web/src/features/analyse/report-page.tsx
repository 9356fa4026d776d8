import './analysis.css';
import type { AnalysisStats, Project, StorySummary } from '@nabolag/schema';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getProject } from '../../api/nabolag-api.ts';
import { Link } from '../../app/router.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { formatMoment } from '../staff/common/format.ts';
import { LoadFailed, Loading } from '../staff/common/load-states.tsx';
import { useLoad } from '../staff/common/use-load.ts';
import { staffPaths } from '../staff/staff-routes.ts';
import { useStaff } from '../staff/staff-session.ts';
import { useAnalysisView } from './analysis-page.tsx';
import { type AnalysisFilters, filterParameters, searchForView } from './analysis-view.ts';
import { DashboardCharts } from './dashboard-charts.tsx';
import { type AnalysisLabels, analysisLabels } from './labels.ts';
import { pickQuotes } from './report-content.ts';
import { type MapProgress, ReportMaps } from './report-maps.tsx';
import { ReportCover, ReportSummary, ReportTopPlaces } from './report-sections.tsx';

/** Stories read to choose the quotes from (featured ones first, then the newest). */
const QUOTE_POOL = 500;
/**
 * Width the report's charts are drawn at, CSS px: the A4 page's text width (210 mm less 2 × 14 mm
 * margins = 182 mm ≈ 688 px), so a printed chart is not scaled down (a chart drawn at a 1,200 px
 * screen's width printed its 10 px labels at ~4 pt).
 */
const REPORT_CHART_WIDTH = 680;

/**
 * `/staff/analysis/:slug/report`: the place analysis as a printable page — heatmaps as pictures,
 * the charts, the most-named places per category and selected quotes. Print (or save as PDF)
 * from the browser: A4, without the staff pages' navigation.
 */
export function AnalysisReportPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const project = useLoad((signal) => getProject(slug, signal), [slug]);
  useDocumentTitle(t('staff.analysis.report.title'));
  return (
    <div className="staff-page analysis-report" data-testid="analysis-report">
      {project.state.status === 'loading' && <Loading />}
      {project.state.status === 'failed' && (
        <LoadFailed error={project.state.error} onRetry={project.reload} />
      )}
      {project.state.status === 'ready' && <Report project={project.state.value} />}
    </div>
  );
}

function Report({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const [view, setView] = useAnalysisView();
  const slug = project.slug;
  const labels = useMemo(
    () => analysisLabels(t, i18n.language, project.categories),
    [t, i18n.language, project.categories],
  );
  const filters = filterParameters(view.filters);
  const filterKey = JSON.stringify(filters);
  const stats = useLoad(
    (signal) => api.analysis.stats(slug, { cell: view.cell, ...filters }, signal),
    [api, slug, filterKey, view.cell],
  );
  const stories = useLoad(
    (signal) => api.analysis.stories(slug, { ...filters, limit: QUOTE_POOL }, signal),
    [api, slug, filterKey],
  );
  const [madeAt] = useState(() => new Date().toISOString());
  const [maps, setMaps] = useState<MapProgress>({ done: 0, total: null, key: '' });
  const drawingKey = `${filterKey}|${view.cell}|${view.suppress}`;
  const onMapProgress = useCallback((progress: MapProgress) => setMaps(progress), []);
  const setStats = stats.setValue;
  const onRenamed = useCallback(
    (cell: string, label: string | null, labelSource: AnalysisStats['topPlaces'][number]['labelSource']) =>
      setStats((value) => ({
        ...value,
        topPlaces: value.topPlaces.map((place) =>
          place.cell === cell ? { ...place, label, labelSource } : place,
        ),
      })),
    [setStats],
  );

  // Printing is ready when the data is; the map pictures report their own progress.
  useEffect(() => {
    document.documentElement.classList.add('printing-report');
    return () => document.documentElement.classList.remove('printing-report');
  }, []);

  const loadedStats = stats.state.status === 'ready' ? stats.state.value : null;
  // Every map drawn (or none to draw: an empty project); a PDF saved earlier would miss maps.
  const mapsReady =
    loadedStats !== null &&
    (loadedStats.total.contributions === 0 ||
      (maps.key === drawingKey && maps.total !== null && maps.done >= maps.total));
  const details = [
    filterSummary(view.filters, labels, t),
    `${t('staff.analysis.report.cells', { count: view.cell })} ${
      view.suppress
        ? t('staff.analysis.report.suppressed', { k: project.k })
        : t('staff.analysis.report.notSuppressed')
    }`,
  ];

  return (
    <article>
      <div className="report-actions no-print">
        <Link href={`${staffPaths.analysis(slug)}${searchForView(view)}`}>
          {t('staff.analysis.report.back')}
        </Link>
        <label className="analysis-check">
          <input
            type="checkbox"
            checked={view.suppress}
            onChange={(event) => setView({ suppress: event.target.checked })}
          />
          {t('staff.analysis.report.suppress', { k: project.k })}
        </label>
        <div className="report-actions__print">
          {!mapsReady && (
            <p
              id="report-print-progress"
              role="status"
              className="report-actions__progress"
              data-testid="print-progress"
            >
              <span className="spinner" aria-hidden="true" />
              {maps.total === null || maps.key !== drawingKey
                ? t('staff.analysis.report.preparing')
                : t('staff.analysis.report.preparingMaps', { done: maps.done, total: maps.total })}
            </p>
          )}
          <button
            type="button"
            className="button button--primary"
            onClick={() => window.print()}
            disabled={!mapsReady}
            aria-describedby={mapsReady ? undefined : 'report-print-progress'}
            data-testid="print"
            data-maps-done={maps.key === drawingKey ? maps.done : 0}
            data-maps-total={maps.key === drawingKey ? (maps.total ?? '') : ''}
          >
            {t('staff.analysis.report.print')}
          </button>
        </div>
      </div>
      <ReportCover
        project={project}
        madeOn={formatMoment(madeAt, i18n.language)}
        stats={loadedStats}
        details={details}
        picture={maps.key === drawingKey ? (maps.cover ?? null) : null}
      />

      {stats.state.status === 'loading' && <Loading />}
      {stats.state.status === 'failed' && <LoadFailed error={stats.state.error} onRetry={stats.reload} />}
      {loadedStats && (
        <ReportBody
          project={project}
          stats={loadedStats}
          stories={stories.state.status === 'ready' ? stories.state.value.stories : null}
          labels={labels}
          cell={view.cell}
          suppress={view.suppress}
          filters={filters}
          onMapProgress={onMapProgress}
          drawingKey={drawingKey}
          onRenamed={onRenamed}
        />
      )}
    </article>
  );
}

function ReportBody({
  project,
  stats,
  stories,
  labels,
  cell,
  suppress,
  filters,
  onMapProgress,
  drawingKey,
  onRenamed,
}: {
  project: Project;
  stats: AnalysisStats;
  stories: StorySummary[] | null;
  labels: AnalysisLabels;
  cell: number;
  suppress: boolean;
  filters: Record<string, string>;
  onMapProgress: (progress: MapProgress) => void;
  drawingKey: string;
  onRenamed: (
    cell: string,
    label: string | null,
    labelSource: AnalysisStats['topPlaces'][number]['labelSource'],
  ) => void;
}) {
  const { t } = useTranslation();
  const quotes = stories
    ? pickQuotes(
        stories,
        project.categories.map((category) => category.key),
      )
    : null;

  if (stats.total.contributions === 0)
    return (
      <p className="notice" data-testid="analysis-empty">
        {t('staff.analysis.emptyProject')}
      </p>
    );

  return (
    <>
      <ReportSummary project={project} stats={stats} labels={labels} />
      {/* The maps follow the summary on its page: a summary of three categories filled a fifth of it. */}
      <section className="report-section">
        <h2>{t('staff.analysis.report.maps')}</h2>
        <ReportMaps
          project={project}
          stats={stats}
          labels={labels}
          cell={cell}
          suppress={suppress}
          filters={filters}
          onProgress={onMapProgress}
          drawingKey={drawingKey}
        />
      </section>
      <section className="report-section report-section--new-page">
        <h2>{t('staff.analysis.chartsHeading')}</h2>
        <DashboardCharts
          stats={stats}
          categories={project.categories}
          labels={labels}
          width={REPORT_CHART_WIDTH}
        />
      </section>
      <ReportTopPlaces project={project} stats={stats} labels={labels} cell={cell} onRenamed={onRenamed} />
      <section className="report-section" data-testid="report-quotes">
        <h2>{t('staff.analysis.report.quotes')}</h2>
        {quotes === null && <Loading />}
        {quotes?.length === 0 && <p>{t('staff.analysis.stories.none')}</p>}
        {quotes?.map(({ category, stories: picked }) => (
          <div key={category} className="report-block">
            <h3>{labels.category(category)}</h3>
            {picked.map((story) => (
              <blockquote key={story.id} className="report-quote">
                {story.story}
              </blockquote>
            ))}
          </div>
        ))}
      </section>
    </>
  );
}

/** "Filters: Relation: Lives here; From 2025-05-01" or "No filters: every contribution". */
function filterSummary(filters: AnalysisFilters, labels: AnalysisLabels, t: TFunction) {
  const parts: string[] = [];
  const list = (
    key: 'category' | 'relation' | 'ageBand' | 'session' | 'group',
    label: (value: string) => string,
  ) => {
    if (filters[key].length > 0)
      parts.push(`${t(`staff.analysis.filters.${key}`)}: ${filters[key].map(label).join(', ')}`);
  };
  list('category', labels.category);
  list('relation', labels.relation);
  list('ageBand', labels.ageBand);
  list('session', labels.session);
  list('group', (group) => group);
  if (filters.from) parts.push(`${t('staff.analysis.filters.from')} ${filters.from}`);
  if (filters.to) parts.push(`${t('staff.analysis.filters.to')} ${filters.to}`);
  for (const answer of filters.answer) parts.push(labels.answer(answer));
  return parts.length === 0
    ? t('staff.analysis.report.noFilters')
    : t('staff.analysis.report.filters', { filters: parts.join('; ') });
}
