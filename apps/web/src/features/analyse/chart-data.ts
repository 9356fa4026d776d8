import { type AnalysisStats, ageBandSchema, type Category, relationSchema } from '@nabolag/schema';

/** One bar of a chart, with what its table row says. */
export interface ChartRow {
  key: string;
  label: string;
  contributions: number;
  participants: number;
  /** A CSS colour (categories bring their own). */
  colour: string;
}

/** The dashboard's neutral bar colour (the project area's blue; 4.5:1 on white). */
export const BAR_COLOUR = '#1d4f91';
const UNKNOWN_COLOUR = '#8a94a3';

type CountRow = AnalysisStats['byCategory'][number];

/** Categories in the project's order (empty ones as zero bars), then any no longer defined. */
export function categoryRows(
  stats: AnalysisStats,
  categories: readonly Pick<Category, 'key' | 'colour'>[],
  label: (key: string) => string,
): ChartRow[] {
  const counted = new Map(stats.byCategory.map((row) => [row.key, row]));
  const known = categories.map((category) => ({
    key: category.key,
    label: label(category.key),
    contributions: counted.get(category.key)?.contributions ?? 0,
    participants: counted.get(category.key)?.participants ?? 0,
    colour: category.colour,
  }));
  const gone = stats.byCategory
    .filter((row) => !categories.some((category) => category.key === row.key))
    .map((row) => ({ ...row, label: label(row.key), colour: UNKNOWN_COLOUR }));
  return [...known, ...gone];
}

/** Rows in a fixed order of keys (`unknown` last, whatever it is called), with labels. */
function orderedRows(
  rows: readonly CountRow[],
  order: readonly string[],
  label: (key: string) => string,
): ChartRow[] {
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  return [...rows]
    .sort((x, y) => rank(x.key) - rank(y.key) || x.key.localeCompare(y.key))
    .map((row) => ({
      ...row,
      label: label(row.key),
      colour: order.includes(row.key) ? BAR_COLOUR : UNKNOWN_COLOUR,
    }));
}

/** Relations in the questionnaire's order; a participant with several counts under each. */
export const relationRows = (stats: AnalysisStats, label: (key: string) => string) =>
  orderedRows(stats.byRelation, relationSchema.options, label);

/** Age bands youngest first; not answered last. */
export const ageBandRows = (stats: AnalysisStats, label: (key: string) => string) =>
  orderedRows(stats.byAgeBand, ageBandSchema.options, label);

/** Workshop sessions, busiest first; contributions made online (no session) last. */
export function sessionRows(stats: AnalysisStats, label: (key: string) => string): ChartRow[] {
  return [...stats.bySession]
    .sort(
      (x, y) =>
        Number(x.key === 'online') - Number(y.key === 'online') ||
        y.contributions - x.contributions ||
        x.key.localeCompare(y.key),
    )
    .map((row) => ({
      ...row,
      label: label(row.key),
      colour: row.key === 'online' ? UNKNOWN_COLOUR : BAR_COLOUR,
    }));
}

/** Days in order, as dates at local midnight (`YYYY-MM-DD` keys). */
export function dayRows(stats: AnalysisStats): Array<ChartRow & { date: Date }> {
  return [...stats.byDay]
    .sort((x, y) => x.key.localeCompare(y.key))
    .map((row) => ({
      ...row,
      label: row.key,
      colour: BAR_COLOUR,
      date: new Date(`${row.key}T00:00:00`),
    }));
}

/** A one-sentence summary of a chart for its accessible name: "Meeting places 12, Landmarks 3 …". */
export function chartSummary(rows: readonly ChartRow[], format: (value: number) => string): string {
  return rows.map((row) => `${row.label} ${format(row.contributions)}`).join(', ');
}
