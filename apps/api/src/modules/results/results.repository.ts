import { type ProjectResults, type ProjectUpdate, RESULTS_CELL_METRES } from '@nabolag/schema';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../../db/queryable.ts';
import { cachedAnalysis } from '../analysis/analysis-cache.ts';
import { foldCellTotals } from '../analysis/cell-totals.ts';
import type { PlaceNamer } from './place-names.ts';

/** Places listed per category on the results page. */
export const TOP_PLACES_PER_CATEGORY = 5;

type HexPolygon = { type: 'Polygon'; coordinates: number[][][] };
type CategoryResults = ProjectResults['categories'][number];

interface PublicCell {
  category: string;
  id: string;
  count: number;
  participants: number;
  geometry: HexPolygon;
  centre: [number, number];
}

/**
 * The public heatmap of every category at `cellMetres` (a stored size) from the per-cell totals
 * kept for it (migrations 0012, 0014; the caller folds pending changes first): published contributions only, and cells with fewer than `k`
 * distinct participants left out. Most people first within a category.
 */
async function publicCells(
  db: Queryable,
  options: { projectId: string; srid: number; cellMetres: number; k: number },
): Promise<PublicCell[]> {
  const { rows } = await db.query<PublicCell>(
    `SELECT t.category, t.q || ',' || t.r AS id, t.contributions AS count, t.participants,
            ST_AsGeoJSON(ST_Transform(hex.polygon, 4326), 7)::json AS geometry,
            json_build_array(round(ST_X(centre.point)::numeric, 6), round(ST_Y(centre.point)::numeric, 6)) AS centre
     FROM cell_totals t
     CROSS JOIN LATERAL nabolag_hex_polygon(t.q, t.r, $3::float8, $4::int) AS hex(polygon)
     CROSS JOIN LATERAL ST_Transform(ST_Centroid(hex.polygon), 4326) AS centre(point)
     WHERE t.project_id = $1 AND t.size_m = $2::int AND t.category <> ''
       AND t.contributions > 0 AND t.participants >= $5::int
     ORDER BY t.category, t.participants DESC, t.contributions DESC, t.q, t.r`,
    [options.projectId, options.cellMetres, options.cellMetres, options.srid, options.k],
  );
  return rows.map((row) => ({ ...row, centre: row.centre.map(Number) as [number, number] }));
}

/** Published contributions per category and the people behind them. */
async function publishedCounts(db: Queryable, projectId: string) {
  const { rows } = await db.query<{ category: string | null; contributions: number; participants: number }>(
    `SELECT category_key AS category, count(*)::int AS contributions,
            count(DISTINCT participant_id)::int AS participants
     FROM contributions WHERE project_id = $1 AND status = 'published'
     GROUP BY GROUPING SETS ((category_key), ())`,
    [projectId],
  );
  const total = rows.find((row) => row.category === null);
  return {
    total: { contributions: total?.contributions ?? 0, participants: total?.participants ?? 0 },
    byCategory: new Map(
      rows.flatMap((row) => (row.category === null ? [] : [[row.category, row.contributions]])),
    ),
  };
}

/**
 * The aggregate part of the results page for every category of the project, in the project's
 * category order. The counts are cached per data version (see analysis-cache.ts); the places'
 * names are read on every request (place-names.ts), as names change without moving that version.
 */
export async function resultAggregates(
  db: Queryable,
  options: {
    projectId: string;
    srid: number;
    cellMetres: number;
    k: number;
    categories: string[];
    namer: PlaceNamer;
    log?: FastifyBaseLogger;
  },
): Promise<Pick<ProjectResults, 'total' | 'categories'>> {
  const key = `results|${options.cellMetres}|${options.k}|${options.srid}|${options.categories.join(',')}`;
  const counted = await cachedAnalysis(db, options.projectId, key, async () => {
    await foldCellTotals(db, [options.projectId]);
    const [cells, counts] = await Promise.all([
      publicCells(db, options),
      publishedCounts(db, options.projectId),
    ]);
    const categories: CategoryResults[] = options.categories.map((key) => ({
      key,
      contributions: counts.byCategory.get(key) ?? 0,
      cells: [],
      topPlaces: [],
    }));
    const byKey = new Map(categories.map((category) => [category.key, category]));
    for (const cell of cells) {
      const category = byKey.get(cell.category);
      if (!category) continue;
      category.cells.push({
        id: cell.id,
        geometry: cell.geometry,
        count: cell.count,
        participants: cell.participants,
      });
      // Cells come most people first within a category.
      if (category.topPlaces.length < TOP_PLACES_PER_CATEGORY)
        category.topPlaces.push({
          id: cell.id,
          centre: cell.centre,
          contributions: cell.count,
          participants: cell.participants,
          label: null,
          labelSource: null,
        });
    }
    return { total: counts.total, categories };
  });
  const places = counted.categories.flatMap((category) => category.topPlaces);
  const names = await options.namer.name(
    db,
    options.projectId,
    places.map((place) => ({ size: options.cellMetres, cell: place.id, centre: place.centre })),
    options.log,
  );
  let index = 0;
  // Copies: the cached result is shared between requests.
  const categories = counted.categories.map((category) => ({
    ...category,
    topPlaces: category.topPlaces.map((place) => {
      const name = names[index] ?? { label: null, labelSource: null };
      index += 1;
      return { ...place, ...name };
    }),
  }));
  return { total: counted.total, categories };
}

/** The columns of a project update as the API gives it. */
export const UPDATE_COLUMNS = `u.id, to_char(u.published_on, 'YYYY-MM-DD') AS "publishedOn", u.title, u.body,
  u.published, to_char(u.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`;

/** Published updates, newest first. */
export async function publishedUpdates(db: Queryable, projectId: string): Promise<ProjectUpdate[]> {
  const { rows } = await db.query<ProjectUpdate>(
    `SELECT ${UPDATE_COLUMNS} FROM project_updates u
     WHERE u.project_id = $1 AND u.published
     ORDER BY u.published_on DESC, u.created_at DESC, u.id`,
    [projectId],
  );
  return rows;
}

/**
 * SQL: whether the project aliased `project` has anything on its results page — a published
 * update, or a cell at the page's default size with at least k people. Reads the per-cell totals:
 * fold the projects' pending changes first (foldCellTotals).
 */
export function hasResultsCondition(project: string): string {
  return `(EXISTS (SELECT 1 FROM project_updates u WHERE u.project_id = ${project}.id AND u.published)
           OR EXISTS (SELECT 1 FROM cell_totals t WHERE t.project_id = ${project}.id
                      AND t.size_m = ${RESULTS_CELL_METRES} AND t.category = ''
                      AND t.contributions > 0 AND t.participants >= ${project}.k_anonymity))`;
}
