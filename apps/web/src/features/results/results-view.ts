import {
  type HeatmapCollection,
  LEAST_LIKED_CATEGORY,
  type ProjectResults,
  type ProjectUpdate,
} from '@nabolag/schema';
import { type TextInLanguage, textInLanguage } from '../../i18n/project-text.ts';

type CategoryResults = ProjectResults['categories'][number];

/** The k-anonymous cells of one category as the map's heatmap (the shape `ProjectMap` draws). */
export function categoryHeatmap(results: ProjectResults, key: string | null): HeatmapCollection {
  const category = results.categories.find((candidate) => candidate.key === key);
  return {
    type: 'FeatureCollection',
    features: (category?.cells ?? []).map((cell) => ({
      type: 'Feature' as const,
      geometry: cell.geometry,
      properties: { count: cell.count, participants: cell.participants },
    })),
    cell: results.cell,
    k: results.k,
  };
}

/**
 * The category shown first: of the positive ones (every category but "least liked"), the one
 * with the most people in its busiest place, else the first positive one. A page that opens on
 * the places people like least greets residents with the worst of their neighbourhood; those
 * are one tap away.
 */
export function firstCategory(results: ProjectResults): string | null {
  const positive = results.categories.filter((category) => category.key !== LEAST_LIKED_CATEGORY);
  let best: CategoryResults | undefined;
  for (const category of positive) {
    const top = category.topPlaces[0]?.participants ?? 0;
    if (top > 0 && top > (best?.topPlaces[0]?.participants ?? 0)) best = category;
  }
  return best?.key ?? positive[0]?.key ?? results.categories[0]?.key ?? null;
}

/** Whether any category has a place shown (at least k people named it). */
export const hasPlaces = (results: ProjectResults) =>
  results.categories.some((category) => category.cells.length > 0);

/** An update's title and text in the reader's language, or the nearest one it was written in. */
export function updateInLanguage(
  update: ProjectUpdate,
  language: string,
  defaultLanguage: string,
): { title: TextInLanguage; body: TextInLanguage } {
  const fallbacks = [defaultLanguage, 'nb', 'en'];
  const title = textInLanguage(update.title, language, fallbacks);
  // The text in the title's language when the reader's has none, so that the two match.
  const body = update.body[language]
    ? { text: update.body[language] as string, lang: language }
    : textInLanguage(update.body, title.lang ?? language, fallbacks);
  return { title, body };
}

/** Paragraphs of a plain text (blank lines separate them). */
export const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
