import type { ContributionGeometryType } from '@nabolag/schema';
import type { LngLat } from '../lib/lng-lat.ts';

/** The geometry types a resident draws vertex by vertex (a point is placed, not drawn). */
export type DrawnGeometryType = Exclude<ContributionGeometryType, 'Point'>;

/**
 * A line or area as the resident has drawn it so far: its vertices in the order they were put
 * down, `[longitude, latitude]` in degrees, and whether it is finished. An area's ring is not
 * closed here (the first vertex is not repeated at the end); see `geometryOfPath`.
 */
export interface DrawnPath {
  vertices: LngLat[];
  finished: boolean;
}

/** What happened to the drawing, for the announcement that follows it. */
export type DrawingCause = 'added' | 'removed' | 'moved' | 'finished' | 'cleared';

export interface DrawingChange {
  geometryType: DrawnGeometryType;
  path: DrawnPath;
  cause: DrawingCause;
}

export const EMPTY_PATH: DrawnPath = { vertices: [], finished: false };

/** Fewest vertices a finished line (2) or area (3) has. */
export const MIN_VERTICES: Record<DrawnGeometryType, number> = { LineString: 2, Polygon: 3 };

const sameVertex = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1];

export function samePath(a: DrawnPath, b: DrawnPath): boolean {
  return (
    a.finished === b.finished &&
    a.vertices.length === b.vertices.length &&
    a.vertices.every((vertex, index) => sameVertex(vertex, b.vertices[index] as LngLat))
  );
}

/**
 * How `next` differs from `previous`, as the resident would put it; `null` when nothing a
 * person can see has changed (e.g. only the rubber-band vertex that follows the pointer).
 * `cleared` is never derived: only the one who clears a drawing knows it was not an undo.
 */
export function drawingCause(previous: DrawnPath, next: DrawnPath): DrawingCause | null {
  if (samePath(previous, next)) return null;
  if (next.finished && !previous.finished) return 'finished';
  if (next.vertices.length > previous.vertices.length) return 'added';
  if (next.vertices.length < previous.vertices.length) return 'removed';
  return 'moved';
}

/** The part of a drawing tool's feature that says which vertices the resident has put down. */
export interface DrawingFeature {
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

const isPosition = (value: unknown): value is LngLat =>
  Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number';

const positions = (value: unknown): LngLat[] =>
  Array.isArray(value) ? value.filter(isPosition).map(([lng, lat]) => [lng, lat]) : [];

/**
 * The resident's vertices of a terra-draw line or polygon feature. While a shape is being
 * drawn, terra-draw keeps an extra vertex that follows the pointer (the last of a line; the one
 * before the closing vertex of a polygon, whose committed count is in
 * `committedCoordinateCount`); that one is not the resident's yet and is left out.
 */
export function pathOfFeature(feature: DrawingFeature): DrawnPath {
  const drawing = feature.properties.currentlyDrawing === true;
  if (feature.geometry.type === 'LineString') {
    const line = positions(feature.geometry.coordinates);
    return { vertices: drawing ? line.slice(0, -1) : line, finished: !drawing };
  }
  if (feature.geometry.type === 'Polygon') {
    const rings = Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : [];
    const ring = positions(rings[0]);
    if (!drawing) return { vertices: ring.slice(0, -1), finished: true };
    const committed = feature.properties.committedCoordinateCount;
    return {
      vertices: ring.slice(0, typeof committed === 'number' ? committed : Math.max(0, ring.length - 2)),
      finished: false,
    };
  }
  return EMPTY_PATH;
}
