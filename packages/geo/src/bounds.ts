import type { AreaGeometry, BBox, ContributionGeometry } from '@nabolag/schema';
import bbox from '@turf/bbox';

/** `[minLongitude, minLatitude, maxLongitude, maxLatitude]` of a geometry, in degrees. */
export function boundsOf(geometry: AreaGeometry | ContributionGeometry): BBox {
  const [west, south, east, north] = bbox(geometry);
  return [west, south, east, north];
}
