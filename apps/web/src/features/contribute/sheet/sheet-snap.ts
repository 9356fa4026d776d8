/**
 * Where the phone's bottom sheet rests: `peek` (a strip over the map while placing or drawing),
 * `half`, or `full` (the map just visible above it). Pure, so that the snapping is tested
 * without a browser.
 */
export type SheetSnap = 'peek' | 'half' | 'full';

/** The snaps from lowest to highest. */
export const SHEET_SNAPS: readonly SheetSnap[] = ['peek', 'half', 'full'];

/** Heights of the sheet at each snap, in CSS pixels. */
export type SnapHeights = Record<SheetSnap, number>;

/**
 * Peek, in CSS pixels: the grip, the step's progress and title, the first line of the step and
 * its Back/Next row. At 220 px the map keeps 568 of 844 px (67 %) of a 390×844 phone while
 * placing, so taps down to 70 % of the map's height (the drawing tests') reach the map.
 */
export const PEEK_HEIGHT_PX = 220;
/** At full, this much map stays visible above the sheet (CSS pixels), so the map is not forgotten. */
export const FULL_GAP_PX = 48;
/** A release faster than this (CSS pixels per millisecond) goes on to the next snap: a flick. */
export const FLICK_SPEED_PX_PER_MS = 0.5;

/** The snap heights for a sheet in a container `containerHeightPx` high. */
export function snapHeights(containerHeightPx: number): SnapHeights {
  const full = Math.max(Math.round(containerHeightPx - FULL_GAP_PX), 0);
  const peek = Math.min(PEEK_HEIGHT_PX, Math.round(containerHeightPx * 0.4), full);
  const half = Math.min(Math.max(Math.round(containerHeightPx * 0.5), peek), full);
  return { peek, half, full };
}

/**
 * The snap a drag released at `heightPx` ends at. `velocityPxPerMs` is how fast the sheet was
 * growing (positive: dragged up) at release: a flick goes to the next snap in its direction
 * from where it was let go; a slow release goes to the nearest snap.
 */
export function snapAfterDrag(heightPx: number, velocityPxPerMs: number, heights: SnapHeights): SheetSnap {
  if (Math.abs(velocityPxPerMs) >= FLICK_SPEED_PX_PER_MS) {
    if (velocityPxPerMs > 0) return SHEET_SNAPS.find((snap) => heights[snap] > heightPx) ?? 'full';
    return [...SHEET_SNAPS].reverse().find((snap) => heights[snap] < heightPx) ?? 'peek';
  }
  let nearest: SheetSnap = 'peek';
  for (const snap of SHEET_SNAPS) {
    if (Math.abs(heights[snap] - heightPx) < Math.abs(heights[nearest] - heightPx)) nearest = snap;
  }
  return nearest;
}

/** The grip button's step: peek → half → full → peek. */
export function nextSnap(snap: SheetSnap): SheetSnap {
  return SHEET_SNAPS[(SHEET_SNAPS.indexOf(snap) + 1) % SHEET_SNAPS.length] as SheetSnap;
}

/** One snap up or down (arrow keys on the grip), staying at the ends. */
export function stepSnap(snap: SheetSnap, direction: 1 | -1): SheetSnap {
  const index = Math.min(Math.max(SHEET_SNAPS.indexOf(snap) + direction, 0), SHEET_SNAPS.length - 1);
  return SHEET_SNAPS[index] as SheetSnap;
}
