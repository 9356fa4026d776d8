import type { Category, ContributionGeometry, Position, PublicContributionFeature } from '@nabolag/schema';
import type { LngLat } from '../../lib/lng-lat.ts';

/** Characters of a story shown in a list of places before it is cut. */
export const EXCERPT_LENGTH = 90;

const lngLat = (position: Position | undefined): LngLat | null =>
  position ? [position[0], position[1]] : null;

/**
 * One position that stands for a contribution in a list: the point itself, the middle vertex
 * of a line, the mean of an area's corners. `[longitude, latitude]` in degrees.
 */
export function representativePosition(geometry: ContributionGeometry): LngLat | null {
  switch (geometry.type) {
    case 'Point':
      return lngLat(geometry.coordinates);
    case 'LineString':
      return lngLat(geometry.coordinates[Math.floor(geometry.coordinates.length / 2)]);
    case 'Polygon': {
      // The ring's last position repeats the first: leave it out of the mean.
      const corners = (geometry.coordinates[0] ?? []).slice(0, -1);
      if (corners.length === 0) return null;
      const sum = corners.reduce((total, [lng, lat]) => [total[0] + lng, total[1] + lat], [0, 0]);
      return [sum[0] / corners.length, sum[1] / corners.length];
    }
  }
}

/** The middle of `[west, south, east, north]` (degrees). */
export const centreOfBounds = ([west, south, east, north]: readonly number[]): LngLat => [
  ((west ?? 0) + (east ?? 0)) / 2,
  ((south ?? 0) + (north ?? 0)) / 2,
];

/** A story cut to about `length` characters at a word boundary, with an ellipsis; null for none. */
export function excerpt(story: string | null, length = EXCERPT_LENGTH): string | null {
  const text = story?.replace(/\s+/g, ' ').trim() ?? '';
  if (text.length === 0) return null;
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export interface CategoryPlaces {
  category: Category;
  features: PublicContributionFeature[];
}

/**
 * The contributions grouped by category, in the project's order of categories, newest first
 * within each; categories without contributions are left out, and so are contributions of
 * categories the project no longer has.
 */
export function placesByCategory(
  categories: readonly Category[],
  features: readonly PublicContributionFeature[],
): CategoryPlaces[] {
  return categories
    .map((category) => ({
      category,
      features: features
        .filter((feature) => feature.properties.category === category.key)
        .sort((a, b) => b.properties.created.localeCompare(a.properties.created)),
    }))
    .filter((group) => group.features.length > 0);
}
