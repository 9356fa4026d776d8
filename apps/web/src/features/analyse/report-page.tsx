import './analysis.css';
import {
  type AnalysisStats,
  type Project,
  pickText,
  type StorySummary,
  type WorkshopSession,
} from '@nabolag/schema';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
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
import { pickQuotes, topPlacesByCategory } from './report-content.ts';
import { ReportMaps } from './report-maps.tsx';

/** Stories read to choose the quotes from (featured ones first, then the newest). */
const QUOTE_POOL = 500;

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

const NO_SESSIONS: readonly WorkshopSession[] = [];

function Report({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const [view, setView] = useAnalysisView();
  const slug = project.slug;
  // Workshops by title in the charts and the filter summary (the code after it).
  const sessions = useLoad((signal) => api.listSessions(slug, signal), [api, slug]);
  const sessionList = sessions.state.status === 'ready' ? sessions.state.value.sessions : NO_SESSIONS;
  const labels = useMemo(
    () => analysisLabels(t, i18n.language, project.categories, sessionList),
    [t, i18n.language, project.categories, sessionList],
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
  const title = pickText(project.title, i18n.language) || slug;
  const [madeAt] = useState(() => new Date().toISOString());

  // Printing is ready when the data is; the map pictures report their own progress.
  useEffect(() => {
    document.documentElement.classList.add('printing-report');
    return () => document.documentElement.classList.remove('printing-report');
  }, []);

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
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.print()}
          data-testid="print"
        >
          {t('staff.analysis.report.print')}
        </button>
      </div>
      <header className="report-header">
        <h1>{t('staff.analysis.report.heading', { title })}</h1>
        <p>{t('staff.analysis.report.made', { date: formatMoment(madeAt, i18n.language) })}</p>
        <p>{filterSummary(view.filters, labels, t)}</p>
        <p>
          {t('staff.analysis.report.cells', { count: view.cell })}{' '}
          {view.suppress
            ? t('staff.analysis.report.suppressed', { k: project.k })
            : t('staff.analysis.report.notSuppressed')}
        </p>
      </header>

      {stats.state.status === 'loading' && <Loading />}
      {stats.state.status === 'failed' && <LoadFailed error={stats.state.error} onRetry={stats.reload} />}
      {stats.state.status === 'ready' && (
        <ReportBody
          project={project}
          stats={stats.state.value}
          stories={stories.state.status === 'ready' ? stories.state.value.stories : null}
          labels={labels}
          cell={view.cell}
          suppress={view.suppress}
          filters={filters}
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
}: {
  project: Project;
  stats: AnalysisStats;
  stories: StorySummary[] | null;
  labels: AnalysisLabels;
  cell: number;
  suppress: boolean;
  filters: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const coordinate = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 4,
    maximumFractionDigits: 4,
  });
  const places = topPlacesByCategory(
    stats,
    project.categories.map((category) => category.key),
  );
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
      <p className="analysis-total">
        {t('staff.analysis.total', {
          contributions: number.format(stats.total.contributions),
          participants: number.format(stats.total.participants),
          count: stats.total.contributions,
        })}
      </p>
      <section className="report-section">
        <h2>{t('staff.analysis.report.maps')}</h2>
        <ReportMaps
          project={project}
          stats={stats}
          labels={labels}
          cell={cell}
          suppress={suppress}
          filters={filters}
        />
      </section>
      <section className="report-section report-section--new-page">
        <h2>{t('staff.analysis.chartsHeading')}</h2>
        <DashboardCharts stats={stats} categories={project.categories} labels={labels} />
      </section>
      <section className="report-section report-section--new-page" data-testid="report-top-places">
        <h2>{t('staff.analysis.report.topPlaces')}</h2>
        {places.length === 0 && <p>{t('staff.analysis.report.noTopPlaces', { k: project.k })}</p>}
        {places.map(({ category, rows }) => (
          <div key={category} className="report-block">
            <h3>{labels.category(category)}</h3>
            <table className="staff-table analysis-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('staff.analysis.cells.where')}</th>
                  <th scope="col" className="numeric">
                    {t('staff.analysis.charts.contributions')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('staff.analysis.charts.participants')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={row.cell}>
                    <td>{index + 1}</td>
                    <th scope="row">
                      {t('staff.analysis.cells.place', {
                        latitude: coordinate.format(row.centre[1]),
                        longitude: coordinate.format(row.centre[0]),
                      })}
                    </th>
                    <td className="numeric">{number.format(row.contributions)}</td>
                    <td className="numeric">{number.format(row.participants)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
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
