import type { HotSpotClass } from '@nabolag/schema';

/**
 * Colours of the planner's analysis maps and their legends. Pure (no MapLibre), so the classes
 * can be tested and the legends drawn from the same numbers the map uses.
 */

/**
 * Gi* significance classes, cold to hot (ColorBrewer RdBu, 7 classes: readable for the common
 * kinds of colour blindness, and a neutral grey for "not significant").
 */
export const HOT_SPOT_COLOURS: Record<HotSpotClass, string> = {
  [-3]: '#2166ac',
  [-2]: '#67a9cf',
  [-1]: '#d1e5f0',
  0: '#e8e8e8',
  1: '#fddbc7',
  2: '#ef8a62',
  3: '#b2182b',
};

/** Legend order: hot first (what planners look for), then cold. */
export const HOT_SPOT_LEGEND: readonly HotSpotClass[] = [3, 2, 1, 0, -1, -2, -3];

/** Confidence of a class, in per cent (90, 95, 99), or null for "not significant". */
export function hotSpotConfidence(value: HotSpotClass): 90 | 95 | 99 | null {
  const level = Math.abs(value);
  return level === 3 ? 99 : level === 2 ? 95 : level === 1 ? 90 : null;
}

/**
 * Diverging colours of a comparison (ColorBrewer PuOr, 5 classes): side B's purple through a
 * light middle (the same share in both) to side A's orange.
 */
export const COMPARE_COLOURS = ['#5e3c99', '#b2abd2', '#f7f7f7', '#fdb863', '#e66101'] as const;

/**
 * Liked against least liked, diverging (ColorBrewer RdBu, 5 classes, safe for the common kinds of
 * colour blindness): red where a cell's share of least-liked places is larger, through a light
 * neutral (the same share of both) to blue where its share of liked places is larger. One hue
 * from light to dark (the earlier purple) could not show where people dislike a place.
 */
export const LIKED_COLOURS = ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'] as const;

/**
 * The break points of the comparison's colours: the largest |difference| of the cells (at least
 * 0.01, so equal sets still draw) split into the five classes, B-heavy to A-heavy.
 */
export function compareStops(differences: readonly number[]): number[] {
  const top = Math.max(0.01, ...differences.map((value) => Math.abs(value)));
  return [-top, -top / 2, 0, top / 2, top];
}
