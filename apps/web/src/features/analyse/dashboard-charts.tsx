import type { AnalysisStats, Category } from '@nabolag/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ageBandRows, categoryRows, dayRows, relationRows, sessionRows } from './chart-data.ts';
import type { AnalysisLabels } from './labels.ts';
import { PlotChart } from './plot-chart.tsx';

/** The dashboard's charts: per category, over time, by relation, age band and workshop session. */
export function DashboardCharts({
  stats,
  categories,
  labels,
  width,
}: {
  stats: AnalysisStats;
  categories: readonly Category[];
  labels: AnalysisLabels;
  /** Draw every chart at this width (CSS px; the printed report), not the width of its box. */
  width?: number;
}) {
  const { t } = useTranslation();
  const rows = useMemo(
    () => ({
      category: categoryRows(stats, categories, labels.category),
      day: dayRows(stats),
      relation: relationRows(stats, labels.relation),
      ageBand: ageBandRows(stats, labels.ageBand),
      session: sessionRows(stats, labels.session),
    }),
    [stats, categories, labels],
  );
  return (
    <div className="analysis-charts">
      <PlotChart
        kind="bars"
        rows={rows.category}
        title={t('staff.analysis.charts.byCategory')}
        labelHeading={t('staff.analysis.filters.category')}
        fixedWidth={width}
        testId="chart-by-category"
      />
      <PlotChart
        kind="days"
        rows={rows.day}
        title={t('staff.analysis.charts.byDay')}
        labelHeading={t('staff.analysis.charts.day')}
        fixedWidth={width}
        testId="chart-by-day"
      />
      <PlotChart
        kind="bars"
        rows={rows.relation}
        title={t('staff.analysis.charts.byRelation')}
        labelHeading={t('staff.analysis.filters.relation')}
        fixedWidth={width}
        testId="chart-by-relation"
      />
      <PlotChart
        kind="bars"
        rows={rows.ageBand}
        title={t('staff.analysis.charts.byAgeBand')}
        labelHeading={t('staff.analysis.filters.ageBand')}
        fixedWidth={width}
        testId="chart-by-age-band"
      />
      <PlotChart
        kind="bars"
        rows={rows.session}
        title={t('staff.analysis.charts.bySession')}
        labelHeading={t('staff.analysis.filters.session')}
        fixedWidth={width}
        testId="chart-by-session"
      />
    </div>
  );
}
