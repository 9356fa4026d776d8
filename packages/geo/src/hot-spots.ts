import type { HotSpotClass } from '@nabolag/schema';

/** A hex cell by axial coordinates (q, r) with the value analysed (e.g. its number of contributions). */
export interface HexValue {
  q: number;
  r: number;
  value: number;
}

export interface HotSpot extends HexValue {
  /** Gi* z-score; null where it is undefined (no variation in the values, or every cell a neighbour). */
  z: number | null;
  class: HotSpotClass;
}

/** Steps between two hexagons in axial coordinates (0 for the same cell, 1 for the six around it). */
export function hexDistance(a: { q: number; r: number }, b: { q: number; r: number }): number {
  const dq = a.q - b.q;
  const dr = a.r - b.r;
  return (Math.abs(dq) + Math.abs(dr) + Math.abs(dq + dr)) / 2;
}

/**
 * Significance class of a z-score, two-sided: |z| ≥ 2.576 → 99 %, ≥ 1.96 → 95 %, ≥ 1.645 → 90 %;
 * the sign says hot (+) or cold (−).
 */
export function hotSpotClass(z: number | null): HotSpotClass {
  if (z === null || !Number.isFinite(z)) return 0;
  const size = Math.abs(z);
  const level = size >= 2.576 ? 3 : size >= 1.96 ? 2 : size >= 1.645 ? 1 : 0;
  return (level === 0 ? 0 : Math.sign(z) * level) as HotSpotClass;
}

/**
 * Getis–Ord Gi* for every cell of a hex grid, with binary weights: a cell's neighbours are the
 * cells within `rings` steps, the cell itself included (the "star"). Pass every cell of the study
 * area, zeros included — the statistic compares each neighbourhood with the whole area.
 *
 *   Gi* = (Σj wij xj − X̄ Σj wij) / (S √((n Σj wij² − (Σj wij)²) / (n − 1)))
 *
 * with X̄ the mean and S the population standard deviation of all n values (Getis & Ord 1995;
 * the form ArcGIS's Hot Spot Analysis uses).
 */
export function getisOrdGiStar(cells: readonly HexValue[], rings = 1): HotSpot[] {
  const n = cells.length;
  if (n === 0) return [];
  const mean = cells.reduce((sum, cell) => sum + cell.value, 0) / n;
  const variance = cells.reduce((sum, cell) => sum + cell.value * cell.value, 0) / n - mean * mean;
  // Rounding can make a zero variance slightly negative.
  const deviation = Math.sqrt(Math.max(0, variance));
  const byKey = new Map(cells.map((cell) => [`${cell.q},${cell.r}`, cell]));
  return cells.map((cell) => {
    let weightedSum = 0;
    let weights = 0;
    // Visit the hexagon of radius `rings` around the cell rather than all n cells.
    for (let dq = -rings; dq <= rings; dq += 1) {
      for (let dr = Math.max(-rings, -dq - rings); dr <= Math.min(rings, -dq + rings); dr += 1) {
        const neighbour = byKey.get(`${cell.q + dq},${cell.r + dr}`);
        if (!neighbour) continue;
        weightedSum += neighbour.value;
        weights += 1;
      }
    }
    // Binary weights: Σ wij² = Σ wij.
    const spread = (n * weights - weights * weights) / (n - 1);
    const denominator = deviation * Math.sqrt(spread);
    const z = n > 1 && denominator > 1e-12 ? (weightedSum - mean * weights) / denominator : null;
    return { ...cell, z, class: hotSpotClass(z) };
  });
}
