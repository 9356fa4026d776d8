import type { AnalysisStats, AreaGeometry, StorySummary } from '@nabolag/schema';

/** Places listed per category in the report. */
export const TOP_PLACES_PER_CATEGORY = 5;
/** Quotes per category in the report. */
export const QUOTES_PER_CATEGORY = 3;
/** Quotes longer than this many characters are left out of the report (they do not fit a page well). */
const QUOTE_MAX_CHARACTERS = 600;

type TopPlace = AnalysisStats['topPlaces'][number];

/**
 * The most-named places of each category (the API's cells with at least k participants), most
 * contributions first, in the project's category order; categories without any are left out.
 */
export function topPlacesByCategory(
  stats: AnalysisStats,
  order: readonly string[],
): Array<{ category: string; rows: TopPlace[] }> {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const categories = [...new Set(stats.topPlaces.map((place) => place.category))].sort(
    (x, y) => rank(x) - rank(y) || x.localeCompare(y),
  );
  return categories.map((category) => ({
    category,
    rows: stats.topPlaces
      .filter((place) => place.category === category)
      .sort(
        (x, y) =>
          y.contributions - x.contributions ||
          y.participants - x.participants ||
          x.cell.localeCompare(y.cell),
      )
      .slice(0, TOP_PLACES_PER_CATEGORY),
  }));
}

/**
 * Quotes for the report: per category, the stories a planner marked as featured first, then the
 * newest; only published ones (a pending story has not been checked by a moderator yet), of a
 * length that prints well.
 */
export function pickQuotes(
  stories: readonly StorySummary[],
  order: readonly string[],
): Array<{ category: string; stories: StorySummary[] }> {
  const usable = stories.filter(
    (story) =>
      story.status === 'published' &&
      story.story.trim().length > 0 &&
      story.story.length <= QUOTE_MAX_CHARACTERS,
  );
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const categories = [...new Set(usable.map((story) => story.category))].sort(
    (x, y) => rank(x) - rank(y) || x.localeCompare(y),
  );
  return categories.map((category) => ({
    category,
    stories: usable
      .filter((story) => story.category === category)
      .sort(
        (x, y) =>
          Number(y.featured) - Number(x.featured) ||
          y.createdAt.localeCompare(x.createdAt) ||
          x.id.localeCompare(y.id),
      )
      .slice(0, QUOTES_PER_CATEGORY),
  }));
}

/** Mean radius of the earth, metres (the sphere the area's size is measured on). */
const EARTH_RADIUS_METRES = 6_371_008.8;

/** Area of one ring on the sphere, m² (the spherical excess formula of Chamberlain and Duquette). */
function ringArea(ring: readonly (readonly number[])[]): number {
  let total = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const [x1 = 0, y1 = 0] = ring[index] as number[];
    const [x2 = 0, y2 = 0] = ring[(index + 1) % ring.length] as number[];
    total +=
      (((x2 - x1) * Math.PI) / 180) * (2 + Math.sin((y1 * Math.PI) / 180) + Math.sin((y2 * Math.PI) / 180));
  }
  return Math.abs((total * EARTH_RADIUS_METRES * EARTH_RADIUS_METRES) / 2);
}

/** The project area's size in km² (outer rings less holes), for the report's cover. */
export function areaSquareKilometres(area: AreaGeometry): number {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  let metres = 0;
  for (const [outer, ...holes] of polygons) {
    if (!outer) continue;
    metres += ringArea(outer) - holes.reduce((sum, hole) => sum + ringArea(hole), 0);
  }
  return metres / 1_000_000;
}

/** The first and last day anything was contributed (`YYYY-MM-DD`), or null without data. */
export function contributionPeriod(stats: AnalysisStats): { first: string; last: string } | null {
  const days = stats.byDay.map((row) => row.key).sort();
  const first = days[0];
  const last = days[days.length - 1];
  return first && last ? { first, last } : null;
}

/** The summary page's places: the most-named place of each category, in the project's order. */
export function summaryPlaces(stats: AnalysisStats, order: readonly string[]): TopPlace[] {
  return topPlacesByCategory(stats, order).flatMap(({ rows }) => rows.slice(0, 1));
}
