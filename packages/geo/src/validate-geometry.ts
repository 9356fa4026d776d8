import type { ContributionGeometry, Position } from '@nabolag/schema';
import kinks from '@turf/kinks';

/** The outcome of a geometry check: `ok`, or the reason a person can act on. */
export type GeometryCheck = { ok: true } | { ok: false; reason: string };

const distinctCount = (positions: readonly Position[]) =>
  new Set(positions.map(([longitude, latitude]) => `${longitude},${latitude}`)).size;

/**
 * Checks what a drawn geometry must be before it is worth sending: lines with length, rings that
 * enclose an area and do not cross themselves. Runs in the browser (early feedback) and on the
 * server; PostGIS's ST_IsValid remains the final word. The shape itself (closed rings, coordinate
 * ranges) is checked by the schema.
 */
export function validateGeometry(geometry: ContributionGeometry): GeometryCheck {
  switch (geometry.type) {
    case 'Point':
      return { ok: true };
    case 'LineString':
      return distinctCount(geometry.coordinates) < 2
        ? { ok: false, reason: 'a line needs at least two different positions' }
        : { ok: true };
    case 'Polygon': {
      for (const ring of geometry.coordinates) {
        // The closing position repeats the first, so an area needs 3 distinct corners.
        if (distinctCount(ring) < 3) {
          return { ok: false, reason: 'an area needs at least three different corners' };
        }
      }
      const crossings = kinks({ type: 'Feature', geometry, properties: {} });
      if (crossings.features.length > 0) {
        const first = crossings.features[0]?.geometry.coordinates ?? [];
        return {
          ok: false,
          reason: `the outline of the area crosses itself (near ${first.map((value) => value.toFixed(5)).join(', ')})`,
        };
      }
      return { ok: true };
    }
  }
}
