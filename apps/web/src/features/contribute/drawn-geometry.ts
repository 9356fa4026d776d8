import { validateGeometry } from '@nabolag/geo';
import type { Category, ContributionGeometryType, LineString, Polygon, Position } from '@nabolag/schema';
import type { LngLat } from '../../lib/lng-lat.ts';
import { type DrawnGeometryType, type DrawnPath, MIN_VERTICES } from '../../map/drawn-path.ts';

/** Why a drawn line or area cannot be sent yet; each has a sentence that says what to do. */
export type ShapeProblem = 'no-position' | 'line-too-short' | 'area-too-few-corners' | 'area-crosses-itself';

export type ShapeResult = { ok: true; geometry: LineString | Polygon } | { ok: false; problem: ShapeProblem };

/** The order in which a category's geometry types are offered: a point first, as it is simplest. */
const PREFERENCE: readonly ContributionGeometryType[] = ['Point', 'LineString', 'Polygon'];

/** The geometry types a category takes, in the order they are offered. */
export function geometryTypesOf(category: Category | undefined): ContributionGeometryType[] {
  return PREFERENCE.filter((type) => category?.geometryTypes.includes(type));
}

/**
 * What is being marked: the resident's choice while the category takes it, else what the
 * category takes first (a point when it can). A choice is kept across a change of category,
 * so going back to the first category brings the drawing back.
 */
export function effectiveGeometryType(
  chosen: ContributionGeometryType,
  category: Category | undefined,
): ContributionGeometryType {
  const allowed = geometryTypesOf(category);
  return allowed.includes(chosen) ? chosen : (allowed[0] ?? 'Point');
}

const distinctCount = (vertices: readonly LngLat[]) =>
  new Set(vertices.map(([longitude, latitude]) => `${longitude},${latitude}`)).size;

/**
 * The GeoJSON of a drawn line, or of an area with its ring closed (the first vertex repeated at
 * the end), checked as the server will check it (`validateGeometry` of @nabolag/geo): a line
 * needs two different points, an area three different corners and an outline that does not
 * cross itself. A shape not yet finished may be sent as it stands.
 */
export function geometryOfPath(type: DrawnGeometryType, path: DrawnPath): ShapeResult {
  const { vertices } = path;
  if (vertices.length === 0) return { ok: false, problem: 'no-position' };
  const tooFew: ShapeProblem = type === 'LineString' ? 'line-too-short' : 'area-too-few-corners';
  if (vertices.length < MIN_VERTICES[type] || distinctCount(vertices) < MIN_VERTICES[type]) {
    return { ok: false, problem: tooFew };
  }
  const positions: Position[] = vertices.map(([longitude, latitude]) => [longitude, latitude]);
  const geometry: LineString | Polygon =
    type === 'LineString'
      ? { type: 'LineString', coordinates: positions }
      : { type: 'Polygon', coordinates: [[...positions, positions[0] as Position]] };
  const check = validateGeometry(geometry);
  if (!check.ok) return { ok: false, problem: type === 'LineString' ? tooFew : 'area-crosses-itself' };
  return { ok: true, geometry };
}
