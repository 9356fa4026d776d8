import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChartRow, chartSummary } from './chart-data.ts';

/** Observable Plot is loaded on first use: its own chunk, fetched only by the analysis pages. */
const loadPlot = () => import('@observablehq/plot');

export interface PlotChartProps {
  /** `bars`: horizontal bars per label; `days`: columns over time. */
  kind: 'bars' | 'days';
  rows: readonly (ChartRow & { date?: Date })[];
  title: string;
  /** The heading of the first column of the table (Category, Day …). */
  labelHeading: string;
  testId: string;
  /** Draw at this width (CSS px) instead of the box's: the printed report's page width. */
  fixedWidth?: number | undefined;
}

/** Pixels per bar of a horizontal bar chart, and the chart's height for columns over time. */
const BAR_HEIGHT_PX = 28;
const DAYS_HEIGHT_PX = 220;
/**
 * Text size of the charts' labels, CSS px: 12 px prints at 9 pt when the chart is not scaled
 * (Plot's default 10 px is 7.5 pt, under the 8 pt a printed label needs).
 */
const CHART_FONT_PX = 12;

/**
 * One chart of the dashboard, drawn by Observable Plot as SVG into this box, with the same
 * numbers as a table (in a disclosure) for screen readers and for reading exact values.
 */
export function PlotChart({ kind, rows, title, labelHeading, testId, fixedWidth }: PlotChartProps) {
  const { t, i18n } = useTranslation();
  const boxRef = useRef<HTMLDivElement>(null);
  const [observedWidth, setWidth] = useState(0);
  const width = fixedWidth ?? observedWidth;
  // One day of data as columns over time is one block across the whole chart: say it in words.
  const oneDay = kind === 'days' && rows.length === 1 ? rows[0] : undefined;
  const [failed, setFailed] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const summary = chartSummary(rows, (value) => number.format(value));

  // Redraw when the box changes width by more than a few pixels (tablet turned, window resized).
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    setWidth(box.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0);
      setWidth((previous) => (Math.abs(previous - next) > 8 ? next : previous));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || width === 0 || rows.length === 0 || oneDay) return;
    let current = true;
    loadPlot().then(
      (Plot) => {
        if (!current) return;
        const format = new Intl.NumberFormat(i18n.language);
        const longest = Math.max(...rows.map((row) => row.label.length));
        const figure =
          kind === 'bars'
            ? Plot.plot({
                width,
                height: rows.length * BAR_HEIGHT_PX + 40,
                style: { fontSize: `${CHART_FONT_PX}px` },
                // Room for the labels: about 0.62 em per character, within bounds.
                marginLeft: Math.min(240, Math.max(60, Math.round(longest * CHART_FONT_PX * 0.62) + 12)),
                marginRight: 40,
                x: { label: t('staff.analysis.charts.contributions'), grid: true },
                y: { label: null, domain: rows.map((row) => row.label) },
                color: { type: 'identity' },
                marks: [
                  Plot.barX(rows, { x: 'contributions', y: 'label', fill: 'colour' }),
                  Plot.text(rows, {
                    x: 'contributions',
                    y: 'label',
                    text: (row: ChartRow) => format.format(row.contributions),
                    textAnchor: 'start',
                    dx: 4,
                  }),
                  Plot.ruleX([0]),
                ],
              })
            : Plot.plot({
                width,
                height: DAYS_HEIGHT_PX,
                style: { fontSize: `${CHART_FONT_PX}px` },
                marginLeft: 48,
                x: dayAxis(rows, i18n.language),
                y: { label: t('staff.analysis.charts.contributions'), grid: true },
                marks: [
                  Plot.rectY(rows, {
                    x: (row: { date: Date }) =>
                      Date.UTC(row.date.getFullYear(), row.date.getMonth(), row.date.getDate()),
                    y: 'contributions',
                    interval: 'day',
                    fill: 'colour',
                    inset: 1,
                  }),
                  Plot.ruleY([0]),
                ],
              });
        // The SVG is one image with one name (below); Plot also names each mark's <g>, which
        // ARIA does not allow on a plain group: keep those names as data-mark (tests count by them).
        for (const element of figure.querySelectorAll('[aria-label]')) {
          element.setAttribute('data-mark', element.getAttribute('aria-label') ?? '');
          element.removeAttribute('aria-label');
        }
        figure.setAttribute('role', 'img');
        figure.setAttribute('aria-label', `${title}: ${summary}`);
        box.replaceChildren(figure);
        box.dataset.marks = String(rows.length);
        setFailed(false);
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [kind, rows, width, title, summary, t, i18n.language, oneDay]);

  return (
    <figure className="analysis-chart" data-testid={testId} data-rows={rows.length}>
      <figcaption className="analysis-chart__title">{title}</figcaption>
      {rows.length === 0 ? (
        <p className="staff-empty">{t('staff.analysis.empty')}</p>
      ) : (
        <>
          {oneDay?.date ? (
            <p className="analysis-chart__one-day" data-testid={`${testId}-one-day`}>
              <strong>{number.format(oneDay.contributions)}</strong>{' '}
              {t('staff.analysis.charts.oneDay', {
                count: oneDay.contributions,
                day: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(oneDay.date),
              })}
            </p>
          ) : (
            <div ref={boxRef} className="analysis-chart__plot" />
          )}
          {failed && <p className="notice notice--error">{t('staff.analysis.charts.failed')}</p>}
          <details className="analysis-chart__table no-print">
            <summary>{t('staff.analysis.charts.showTable', { title })}</summary>
            <ChartTable rows={rows} labelHeading={labelHeading} title={title} />
          </details>
        </>
      )}
    </figure>
  );
}

/** A day, in milliseconds since 1970 (UTC midnight of its calendar day). */
const utcDay = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
const DAY_MS = 86_400_000;
/** The time axis spans at least this many days. */
const MIN_DAYS_SHOWN = 7;

/**
 * The time axis of the chart over time: from the first to the end of the last day, ticks by day,
 * week or month as the span asks, labelled in the reader's language ("26. nov.").
 */
export function dayAxis(rows: readonly { date?: Date }[], language: string) {
  const days = rows.flatMap((row) => (row.date ? [utcDay(row.date)] : []));
  // At least a week across, centred on the data: two days of data as two bars, not two halves.
  const missing = Math.max(0, MIN_DAYS_SHOWN - ((Math.max(...days) - Math.min(...days)) / DAY_MS + 1));
  const first = Math.min(...days) - Math.floor(missing / 2) * DAY_MS;
  const last = Math.max(...days) + DAY_MS + Math.ceil(missing / 2) * DAY_MS;
  const span = (last - first) / DAY_MS;
  const ticks = span <= 10 ? 'day' : span <= 70 ? 'week' : 'month';
  const format = new Intl.DateTimeFormat(
    language,
    ticks === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' },
  );
  return {
    type: 'utc' as const,
    label: null,
    domain: [new Date(first), new Date(last)],
    ticks,
    tickFormat: (value: Date) => format.format(value),
  };
}

/** The chart's numbers: label, contributions, distinct participants. */
export function ChartTable({
  rows,
  labelHeading,
  title,
}: {
  rows: readonly ChartRow[];
  labelHeading: string;
  title: string;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <div className="table-scroll">
      <table className="staff-table analysis-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col" className="numeric">
              {t('staff.analysis.charts.contributions')}
            </th>
            <th scope="col" className="numeric">
              {t('staff.analysis.charts.participants')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="numeric">{number.format(row.contributions)}</td>
              <td className="numeric">{number.format(row.participants)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
