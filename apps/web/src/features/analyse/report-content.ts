import type { AnalysisStats, StorySummary } from '@nabolag/schema';

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
