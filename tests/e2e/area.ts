// Points inside a project's area, for clicking the map where a contribution is accepted.
import type { AreaGeometry, Position } from '@nabolag/schema';

/** `[longitude, latitude]` in degrees. */
export type LngLat = [number, number];

/** Even–odd ray casting on one ring, in degrees (fine at neighbourhood scale). */
function insideRing(point: LngLat, ring: Position[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether `point` is inside the area (in an outer ring and in none of its holes). */
export function isInsideArea(point: LngLat, area: AreaGeometry): boolean {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return polygons.some(
    ([outer, ...holes]) =>
      outer !== undefined && insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole)),
  );
}

/**
 * Random points well inside the area: drawn from the middle `share` of its bounding box (so they
 * keep away from the edge, where a margin rule could bite) and kept if they are inside the area.
 */
export function randomPointsInArea(area: AreaGeometry, count: number, share = 0.6): LngLat[] {
  const positions = (area.type === 'Polygon' ? area.coordinates : area.coordinates.flat()).flat();
  const longitudes = positions.map((position) => position[0]);
  const latitudes = positions.map((position) => position[1]);
  const [west, east] = [Math.min(...longitudes), Math.max(...longitudes)];
  const [south, north] = [Math.min(...latitudes), Math.max(...latitudes)];
  const inset = (1 - share) / 2;
  const points: LngLat[] = [];
  for (let attempt = 0; points.length < count && attempt < count * 100; attempt++) {
    const point: LngLat = [
      west + (east - west) * (inset + share * Math.random()),
      south + (north - south) * (inset + share * Math.random()),
    ];
    if (isInsideArea(point, area)) points.push(point);
  }
  if (points.length === 0) throw new Error('found no point inside the project area');
  return points;
}

/** Distance in metres between two positions (equirectangular; fine within a neighbourhood). */
export function metresBetween([x1, y1]: LngLat, [x2, y2]: LngLat): number {
  const dx = (x2 - x1) * Math.cos((((y1 + y2) / 2) * Math.PI) / 180) * 111_320;
  const dy = (y2 - y1) * 110_540;
  return Math.hypot(dx, dy);
}

/** `count` random points in the area, each at least `apart` metres from the others. */
export function spreadPointsInArea(area: AreaGeometry, count: number, apart: number): LngLat[] {
  for (let attempt = 0; attempt < 200; attempt++) {
    const points = randomPointsInArea(area, count, 0.7);
    const spread = points.every((point, index) =>
      points.slice(index + 1).every((other) => metresBetween(point, other) > apart),
    );
    if (points.length === count && spread) return points;
  }
  throw new Error(`no ${count} places ${apart} m apart in the project area`);
}
