import { validateGeometry } from '@nabolag/geo';
import { type AreaGeometry, areaGeometrySchema, type Polygon, type Position } from '@nabolag/schema';

/** Why an uploaded file cannot be a project area; each has a sentence in the locale files. */
export type AreaUploadProblem =
  | 'tooLarge'
  | 'notJson'
  | 'notGeoJson'
  | 'notPolygon'
  | 'emptyCollection'
  | 'severalFeatures'
  | 'projected'
  | 'invalidShape'
  | 'badOutline';

export type AreaUploadResult =
  | { ok: true; area: AreaGeometry }
  | { ok: false; problem: AreaUploadProblem; details?: Record<string, string | number> };

/** Largest file read, in bytes: a neighbourhood boundary is a few kilobytes. */
export const MAX_AREA_FILE_BYTES = 5 * 1024 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const POLYGON_TYPES = new Set(['Polygon', 'MultiPolygon']);

/** The one geometry in a Geometry, Feature or FeatureCollection of one feature. */
function singleGeometry(value: Record<string, unknown>): AreaUploadResult | { geometry: unknown } {
  switch (value.type) {
    case 'FeatureCollection': {
      const features = Array.isArray(value.features) ? value.features : [];
      if (features.length === 0) return { ok: false, problem: 'emptyCollection' };
      if (features.length > 1) {
        return { ok: false, problem: 'severalFeatures', details: { count: features.length } };
      }
      const [feature] = features;
      return isObject(feature) ? singleGeometry(feature) : { ok: false, problem: 'notGeoJson' };
    }
    case 'Feature':
      if (!isObject(value.geometry)) return { ok: false, problem: 'notPolygon', details: { type: 'null' } };
      return singleGeometry(value.geometry);
    case 'GeometryCollection':
      return { ok: false, problem: 'notPolygon', details: { type: 'GeometryCollection' } };
    default:
      if (typeof value.type !== 'string') return { ok: false, problem: 'notGeoJson' };
      if (!POLYGON_TYPES.has(value.type))
        return { ok: false, problem: 'notPolygon', details: { type: value.type } };
      return { geometry: value };
  }
}

/** Every number pair of nested coordinate arrays, without assuming they are well formed. */
function* numberPairs(value: unknown): Generator<[number, number]> {
  if (!Array.isArray(value)) return;
  if (typeof value[0] === 'number' && typeof value[1] === 'number') {
    yield [value[0], value[1]];
    return;
  }
  for (const child of value) yield* numberPairs(child);
}

const to2d = (ring: Position[]): Position[] => ring.map(([longitude, latitude]) => [longitude, latitude]);

/**
 * Reads an uploaded GeoJSON text as a project area: a Polygon or MultiPolygon, bare or as the
 * only feature of a Feature or FeatureCollection, in WGS 84 longitude/latitude (RFC 7946).
 * Elevations are dropped. Anything else comes back with the problem a person can act on.
 */
export function parseAreaFile(text: string): AreaUploadResult {
  if (text.length > MAX_AREA_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notJson' };
  }
  if (!isObject(value)) return { ok: false, problem: 'notGeoJson' };
  const found = singleGeometry(value);
  if ('ok' in found) return found;

  const geometry = found.geometry as Record<string, unknown>;
  // Planners often export in UTM (EPSG:25832/25833): metres, far outside degree ranges.
  for (const [x, y] of numberPairs(geometry.coordinates)) {
    if (Math.abs(x) > 180 || Math.abs(y) > 90) return { ok: false, problem: 'projected' };
  }
  const parsed = areaGeometrySchema.safeParse(geometry);
  if (!parsed.success) {
    return { ok: false, problem: 'invalidShape', details: { reason: parsed.error.issues[0]?.message ?? '' } };
  }
  const area: AreaGeometry =
    parsed.data.type === 'Polygon'
      ? { type: 'Polygon', coordinates: parsed.data.coordinates.map(to2d) }
      : { type: 'MultiPolygon', coordinates: parsed.data.coordinates.map((polygon) => polygon.map(to2d)) };
  const problem = areaProblem(area);
  return problem ? { ok: false, problem: 'badOutline', details: { reason: problem } } : { ok: true, area };
}

/**
 * Why an area is not a usable outline (too few corners, an edge crossing another), or `null`.
 * The server's PostGIS check remains the final word.
 */
export function areaProblem(area: AreaGeometry): string | null {
  const polygons: Polygon[] =
    area.type === 'Polygon'
      ? [area]
      : area.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  for (const polygon of polygons) {
    const check = validateGeometry(polygon);
    if (!check.ok) return check.reason;
  }
  return null;
}
