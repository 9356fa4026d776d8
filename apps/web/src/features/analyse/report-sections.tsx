import { type AnalysisStats, type Project, pickText, RESULTS_CELL_METRES } from '@nabolag/schema';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { formatDay } from '../../i18n/format.ts';
import { placeName } from '../../i18n/place-name.ts';
import { useStaff } from '../staff/staff-session.ts';
import type { AnalysisLabels } from './labels.ts';
import {
  areaSquareKilometres,
  contributionPeriod,
  summaryPlaces,
  topPlacesByCategory,
} from './report-content.ts';

type TopPlace = AnalysisStats['topPlaces'][number];

/** "1 March 2026 – 7 March 2026", one day once, or null without data. */
function periodText(stats: AnalysisStats, language: string): string | null {
  const period = contributionPeriod(stats);
  if (!period) return null;
  const first = formatDay(period.first, language);
  return period.first === period.last ? first : `${first} – ${formatDay(period.last, language)}`;
}

/**
 * The report's first page: who made it (the organisation), of what (the project and its area),
 * when, and how the numbers were made (filters, cell size, suppression).
 */
export function ReportCover({
  project,
  madeOn,
  stats,
  details,
  picture,
}: {
  project: Project;
  madeOn: string;
  stats: AnalysisStats | null;
  /** How the report was made: filters, cell size, suppression (one line each). */
  details: readonly string[];
  /** The heatmap of all categories (a data URL), once drawn; it is also among the maps, so here it is decoration. */
  picture: string | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const title = pickText(project.title, language) || project.slug;
  const area = new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(
    areaSquareKilometres(project.area),
  );
  const period = stats ? periodText(stats, language) : null;
  return (
    <header className="report-cover" data-testid="report-cover">
      <p className="report-cover__organisation">
        {project.organisation.logoUrl && (
          <img className="report-cover__logo" src={project.organisation.logoUrl} alt="" />
        )}
        <span dir="auto">{project.organisation.name}</span>
      </p>
      <p className="report-cover__kind">{t('staff.analysis.report.title')}</p>
      <h1 className="report-cover__title" dir="auto">
        {title}
      </h1>
      <dl className="report-cover__facts">
        <div>
          <dt>{t('staff.analysis.report.area')}</dt>
          <dd data-testid="report-cover-area">{t('staff.analysis.report.areaSize', { area })}</dd>
        </div>
        {period && (
          <div>
            <dt>{t('staff.analysis.report.period')}</dt>
            <dd>{period}</dd>
          </div>
        )}
        <div>
          <dt>{t('staff.analysis.report.madeOn')}</dt>
          <dd data-testid="report-cover-date">{madeOn}</dd>
        </div>
      </dl>
      {picture && <img className="report-cover__map" src={picture} alt="" data-testid="report-cover-map" />}
      <div className="report-cover__details">
        {details.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </header>
  );
}

/** The one-page summary: how many took part, what they marked, and the top place of each category. */
export function ReportSummary({
  project,
  stats,
  labels,
}: {
  project: Project;
  stats: AnalysisStats;
  labels: AnalysisLabels;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const order = project.categories.map((category) => category.key);
  const counted = stats.byCategory.filter((row) => row.contributions > 0);
  const places = summaryPlaces(stats, order);
  const categoriesUsed = [...counted].sort(
    (x, y) => (order.indexOf(x.key) + 1 || 99) - (order.indexOf(y.key) + 1 || 99),
  );
  return (
    <section className="report-summary" data-testid="report-summary" aria-labelledby="report-summary-title">
      <h2 id="report-summary-title">{t('staff.analysis.report.summary')}</h2>
      <dl className="report-summary__figures">
        <div>
          <dt>{t('staff.analysis.report.participants')}</dt>
          <dd data-testid="report-summary-participants">{number.format(stats.total.participants)}</dd>
        </div>
        <div>
          <dt>{t('staff.analysis.report.places')}</dt>
          <dd data-testid="report-summary-places">{number.format(stats.total.contributions)}</dd>
        </div>
        <div>
          <dt>{t('staff.analysis.report.categories')}</dt>
          <dd>{number.format(counted.length)}</dd>
        </div>
      </dl>
      <h3>{t('staff.analysis.report.perCategory')}</h3>
      <table className="staff-table analysis-table report-summary__table">
        <thead>
          <tr>
            <th scope="col">{t('staff.analysis.filters.category')}</th>
            <th scope="col" className="numeric">
              {t('staff.analysis.charts.contributions')}
            </th>
            <th scope="col" className="numeric">
              {t('staff.analysis.charts.participants')}
            </th>
            <th scope="col">{t('staff.analysis.report.topPlace')}</th>
          </tr>
        </thead>
        <tbody>
          {categoriesUsed.map((row) => {
            const place = places.find((candidate) => candidate.category === row.key);
            return (
              <tr key={row.key}>
                <th scope="row">{labels.category(row.key)}</th>
                <td className="numeric">{number.format(row.contributions)}</td>
                <td className="numeric">{number.format(row.participants)}</td>
                <td data-testid="report-summary-place">
                  {place
                    ? placeName(t, place, { category: labels.category(row.key), bounds: project.bounds })
                    : t('staff.analysis.report.noTopPlace', { k: project.k })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The most-named places per category, by name, with who named them (planner, address, map
 * layer); a planner renames a place here (not printed). The name is kept per cell and size, so
 * it shows on the results page where that page uses the same cell size.
 */
export function ReportTopPlaces({
  project,
  stats,
  labels,
  cell,
  onRenamed,
}: {
  project: Project;
  stats: AnalysisStats;
  labels: AnalysisLabels;
  cell: number;
  onRenamed: (cell: string, label: string | null, labelSource: TopPlace['labelSource']) => void;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const places = topPlacesByCategory(
    stats,
    project.categories.map((category) => category.key),
  );
  return (
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
                <th scope="col">{t('staff.analysis.report.place')}</th>
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
                <tr key={row.cell} data-testid="report-top-place" data-cell={row.cell}>
                  <td>{index + 1}</td>
                  <th scope="row">
                    <span data-testid="report-place-name">
                      {placeName(t, row, { category: labels.category(category), bounds: project.bounds })}
                    </span>
                    {row.labelSource && (
                      <span className="report-place__source">
                        {' '}
                        ({t(`staff.analysis.report.nameSource.${row.labelSource}`)})
                      </span>
                    )}
                    <PlaceRename
                      slug={project.slug}
                      cell={cell}
                      place={row}
                      onRenamed={(label, source) => onRenamed(row.cell, label, source)}
                    />
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
  );
}

/** "Rename" under a place: a small form for the planner's own name (or to remove it). */
function PlaceRename({
  slug,
  cell,
  place,
  onRenamed,
}: {
  slug: string;
  cell: number;
  place: TopPlace;
  onRenamed: (label: string | null, labelSource: TopPlace['labelSource']) => void;
}) {
  const { t } = useTranslation();
  const { api } = useStaff();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(place.labelSource === 'planner' ? (place.label ?? '') : '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function save(newName: string | null) {
    setBusy(true);
    setProblem(null);
    const result = await api.renamePlace(slug, { size: cell, cell: place.cell, name: newName });
    setBusy(false);
    if (!result.ok) {
      setProblem(t(errorMessageKey(result.error.code)));
      return;
    }
    onRenamed(result.value.label, result.value.labelSource);
    setOpen(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setProblem(t('staff.analysis.report.renameEmpty'));
      return;
    }
    void save(trimmed);
  }

  if (!open)
    return (
      <button
        type="button"
        className="button button--small report-place__rename no-print"
        onClick={() => setOpen(true)}
        data-testid="rename-place"
      >
        {t('staff.analysis.report.rename')}
      </button>
    );
  return (
    <form className="report-place__form no-print" onSubmit={submit} data-testid="rename-place-form">
      <label htmlFor={`${id}-name`}>{t('staff.analysis.report.renameLabel')}</label>
      {cell !== RESULTS_CELL_METRES && (
        <p id={`${id}-hint`} className="field__hint">
          {t('staff.analysis.report.renameOtherSize', { cell, results: RESULTS_CELL_METRES })}
        </p>
      )}
      <input
        id={`${id}-name`}
        value={name}
        maxLength={120}
        onChange={(event) => setName(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={
          [cell !== RESULTS_CELL_METRES && `${id}-hint`, problem && `${id}-problem`]
            .filter(Boolean)
            .join(' ') || undefined
        }
        data-testid="rename-place-input"
        // biome-ignore lint/a11y/noAutofocus: the planner just asked to rename this place
        autoFocus
      />
      <div className="report-place__buttons">
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t('staff.analysis.report.renameSave')}
        </button>
        {place.labelSource === 'planner' && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void save(null)}
          >
            {t('staff.analysis.report.renameRemove')}
          </button>
        )}
        <button type="button" className="button button--small" onClick={() => setOpen(false)}>
          {t('staff.analysis.report.renameCancel')}
        </button>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field__error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
