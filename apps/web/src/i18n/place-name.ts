import type { PlaceNameSource } from '@nabolag/schema';
import type { TFunction } from 'i18next';

/** A place of the results page or the report, as the API names it. */
export interface NamedPlace {
  label: string | null;
  labelSource: PlaceNameSource | null;
  /** `[longitude, latitude]` of the place (a hexagon's centre). */
  centre: readonly [number, number];
}

/** Where in the area a place lies, as a reader says it. */
export type AreaPart =
  | 'centre'
  | 'north'
  | 'northEast'
  | 'east'
  | 'southEast'
  | 'south'
  | 'southWest'
  | 'west'
  | 'northWest';

/** Closer to the area's middle than this share of its half-size counts as "the centre". */
const CENTRE_SHARE = 0.25;
const COMPASS: readonly AreaPart[] = [
  'east',
  'northEast',
  'north',
  'northWest',
  'west',
  'southWest',
  'south',
  'southEast',
];

/**
 * The part of the area (`bounds`: `[minLon, minLat, maxLon, maxLat]`) a position lies in: the
 * centre, or one of eight compass directions from the middle (measured on the area's own
 * proportions, so a long narrow area still has an east and a west).
 */
export function areaPart(
  position: readonly [number, number],
  bounds: readonly [number, number, number, number],
): AreaPart {
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const halfWidth = (maxLon - minLon) / 2 || 1;
  const halfHeight = (maxLat - minLat) / 2 || 1;
  const x = (position[0] - (minLon + halfWidth)) / halfWidth;
  const y = (position[1] - (minLat + halfHeight)) / halfHeight;
  if (Math.hypot(x, y) < CENTRE_SHARE) return 'centre';
  const sector = Math.round(Math.atan2(y, x) / (Math.PI / 4));
  return COMPASS[(sector + 8) % 8] as AreaPart;
}

/**
 * What a place is called on the page: a planner's name as written; "Near <address>" or "Near
 * <landmark>"; else a description in the reader's language ("Meeting places hot spot in the
 * north-east of the area") — never a bare number, which tells a reader nothing.
 */
export function placeName(
  t: TFunction,
  place: NamedPlace,
  context: { category: string; bounds: readonly [number, number, number, number] },
): string {
  if (place.label && place.labelSource === 'planner') return place.label;
  if (place.label) return t('results.placeNear', { label: place.label });
  return t('results.placeDescribed', {
    category: context.category,
    part: t(`results.areaPart.${areaPart(place.centre, context.bounds)}`),
  });
}
