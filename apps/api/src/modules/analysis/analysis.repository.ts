import type { AnalysisFilter, AnalysisStats, StorySummary } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { cachedAnalysis } from './analysis-cache.ts';
import {
  cellSource,
  filterConditions,
  filterKey,
  isStoredCellSize,
  SqlParameters,
} from './analysis-filter.ts';

/** Most points the kernel-density view gets (a random sample beyond that). */
export const MAX_DENSITY_POINTS = 100_000;

/**
 * Every hex cell of `cellMetres` that touches the project's area (the study area of a hot-spot
 * analysis, zeros included), with its polygon in EPSG:4326.
 */
export async function areaCells(
  db: Queryable,
  projectId: string,
  cellMetres: number,
): Promise<Array<{ q: number; r: number }>> {
  const { rows } = await db.query<{ q: number; r: number }>(
    `SELECT cell.q, cell.r FROM projects p
     CROSS JOIN LATERAL nabolag_hex_cells(ST_Transform(p.area, p.analysis_srid), $2::float8) AS cell
     WHERE p.id = $1`,
    [projectId, cellMetres],
  );
  return rows;
}

/** Hexagon polygons (EPSG:4326) for cells given by axial coordinates. */
export async function cellPolygons(
  db: Queryable,
  cells: Array<{ q: number; r: number }>,
  cellMetres: number,
  srid: number,
): Promise<Map<string, { type: 'Polygon'; coordinates: number[][][] }>> {
  const { rows } = await db.query<{
    q: number;
    r: number;
    geometry: { type: 'Polygon'; coordinates: number[][][] };
  }>(
    `SELECT cell.q, cell.r,
            ST_AsGeoJSON(ST_Transform(nabolag_hex_polygon(cell.q, cell.r, $3::float8, $4::int), 4326), 7)::json AS geometry
     FROM unnest($1::int[], $2::int[]) AS cell (q, r)`,
    [cells.map((cell) => cell.q), cells.map((cell) => cell.r), cellMetres, srid],
  );
  return new Map(rows.map((row) => [`${row.q},${row.r}`, row.geometry]));
}

/** The contributions as points (a point on each line or area), `[longitude, latitude]`. */
export async function densityPoints(
  db: Queryable,
  projectId: string,
  filter: AnalysisFilter,
): Promise<{ points: Array<[number, number]>; total: number }> {
  return cachedAnalysis(db, projectId, `points|${filterKey(filter)}`, async () => {
    const parameters = new SqlParameters();
    const project = parameters.add(projectId, 'uuid');
    const conditions = filterConditions('cc', project, filter, 'staff', parameters, 'id');
    const { rows } = await db.query<{ points: Array<[number, number]> | null; total: number }>(
      `WITH picked AS (SELECT cc.geometry FROM contributions cc
                       WHERE cc.project_id = ${project} AND ${conditions.join(' AND ')}),
            sample AS (SELECT geometry FROM picked ORDER BY random() LIMIT ${MAX_DENSITY_POINTS})
       SELECT (SELECT count(*)::int FROM picked) AS total,
              (SELECT json_agg(json_build_array(round(ST_X(p)::numeric, 6), round(ST_Y(p)::numeric, 6)))
               FROM (SELECT CASE WHEN GeometryType(geometry) = 'POINT' THEN geometry
                                 ELSE ST_PointOnSurface(geometry) END AS p FROM sample) AS s) AS points`,
      parameters.values,
    );
    const row = rows[0] as { points: Array<[number, number]> | null; total: number };
    return {
      points: (row.points ?? []).map(([x, y]) => [Number(x), Number(y)] as [number, number]),
      total: row.total,
    };
  });
}

/** Escapes LIKE's wildcards so a search for "50%" finds "50%". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * Stories (non-empty, not hidden) with the filters, in one hex cell (`cellMetres` and `at` =
 * `q,r`) or at one contribution, matching `search`; newest first.
 */
export async function listStories(
  db: Queryable,
  options: {
    projectId: string;
    srid: number;
    filter: AnalysisFilter;
    cellMetres?: number | undefined;
    at?: string | undefined;
    contribution?: string | undefined;
    search?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ stories: StorySummary[]; total: number }> {
  const parameters = new SqlParameters();
  const project = parameters.add(options.projectId, 'uuid');
  const conditions = filterConditions('cc', project, options.filter, 'staff', parameters, 'id');
  conditions.push(`coalesce(btrim(cc.story), '') <> ''`);
  if (options.contribution) conditions.push(`cc.id = ${parameters.add(options.contribution, 'uuid')}`);
  if (options.search)
    conditions.push(`cc.story ILIKE ${parameters.add(likePattern(options.search), 'text')}`);
  if (options.cellMetres !== undefined && options.at) {
    const [q, r] = options.at.split(',').map(Number) as [number, number];
    const size = parameters.add(options.cellMetres, 'int');
    const cell = `${parameters.add(q, 'int')} AND h.r = ${parameters.add(r, 'int')}`;
    conditions.push(
      isStoredCellSize(options.cellMetres)
        ? `cc.id IN (SELECT h.contribution_id FROM contribution_cells h
                     WHERE h.project_id = ${project} AND h.size_m = ${size} AND h.q = ${cell})`
        : `EXISTS (SELECT 1 FROM nabolag_hex_cells(ST_Transform(cc.geometry, ${parameters.add(
            options.srid,
            'int',
          )}), ${size}) AS h WHERE h.q = ${cell})`,
    );
  }
  const where = `cc.project_id = ${project} AND ${conditions.join(' AND ')}`;
  const limit = parameters.add(options.limit, 'int');
  const offset = parameters.add(options.offset, 'int');
  const { rows } = await db.query<StorySummary & { total: number }>(
    `SELECT cc.id, cc.category_key AS category, cc.story, to_json(cc.created_at) #>> '{}' AS "createdAt",
            cc.status, cc.featured,
            ST_AsGeoJSON(CASE WHEN GeometryType(cc.geometry) = 'POINT' THEN cc.geometry
                              ELSE ST_PointOnSurface(cc.geometry) END, 6)::json AS point,
            s.code AS session, cc.session_group AS "group", p.relation, p.age_band AS "ageBand",
            count(*) OVER ()::int AS total
     FROM contributions cc
     JOIN participants p ON p.id = cc.participant_id
     LEFT JOIN sessions s ON s.id = cc.session_id
     WHERE ${where}
     ORDER BY cc.created_at DESC, cc.id
     LIMIT ${limit} OFFSET ${offset}`,
    parameters.values,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && options.offset > 0) {
    const counted = await db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM contributions cc WHERE ${where}`,
      parameters.values.slice(0, -2),
    );
    total = counted.rows[0]?.total ?? 0;
  }
  return { stories: rows.map(({ total: _total, ...story }) => story), total };
}

/** The dashboard's counts with the filters (staff: published and pending contributions). */
export async function analysisStats(
  db: Queryable,
  options: { projectId: string; srid: number; filter: AnalysisFilter; k: number; cellMetres: number },
): Promise<AnalysisStats> {
  const key = `stats|${options.k}|${options.cellMetres}|${filterKey(options.filter)}`;
  return cachedAnalysis(db, options.projectId, key, async () => {
    const parameters = new SqlParameters();
    const project = parameters.add(options.projectId, 'uuid');
    const conditions = filterConditions('cc', project, options.filter, 'staff', parameters, 'id');
    const picked = `SELECT cc.* FROM contributions cc WHERE cc.project_id = ${project} AND ${conditions.join(' AND ')}`;
    const group = (expression: string, from = 'picked cc') =>
      `(SELECT coalesce(json_agg(row ORDER BY row.contributions DESC, row.key), '[]')
        FROM (SELECT ${expression} AS key, count(*)::int AS contributions,
                     count(DISTINCT cc.participant_id)::int AS participants
              FROM ${from} GROUP BY 1) AS row)`;
    const { rows } = await db.query<Omit<AnalysisStats, 'topPlaces'>>(
      `WITH picked AS MATERIALIZED (${picked})
       SELECT json_build_object('contributions', (SELECT count(*) FROM picked),
                                'participants', (SELECT count(DISTINCT participant_id) FROM picked)) AS total,
              ${group('cc.category_key')} AS "byCategory",
              ${group(`to_char(cc.created_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD')`)} AS "byDay",
              ${group(
                `coalesce(relation.value, 'unknown')`,
                `picked cc JOIN participants p ON p.id = cc.participant_id
                 LEFT JOIN LATERAL unnest(p.relation) AS relation(value) ON true`,
              )} AS "byRelation",
              ${group(`coalesce(p.age_band, 'unknown')`, 'picked cc JOIN participants p ON p.id = cc.participant_id')} AS "byAgeBand",
              ${group(`coalesce(s.code, 'online')`, 'picked cc LEFT JOIN sessions s ON s.id = cc.session_id')} AS "bySession"`,
      parameters.values,
    );
    const stats = rows[0] as Omit<AnalysisStats, 'topPlaces'>;
    // byDay reads best in time order.
    stats.byDay.sort((a, b) => a.key.localeCompare(b.key));
    return { ...stats, topPlaces: await topPlaces(db, options) };
  });
}

/** The 5 cells named by most participants per category, k-anonymous (cells under k left out). */
export async function topPlaces(
  db: Queryable,
  options: {
    projectId: string;
    srid: number;
    filter: AnalysisFilter;
    k: number;
    cellMetres: number;
    audience?: 'public' | 'staff';
  },
): Promise<AnalysisStats['topPlaces']> {
  const parameters = new SqlParameters();
  const project = parameters.add(options.projectId, 'uuid');
  const source = cellSource(project, options.cellMetres, options.srid, parameters);
  const conditions = filterConditions('cc', project, options.filter, options.audience ?? 'staff', parameters);
  const size = parameters.add(options.cellMetres, 'float8');
  const srid = parameters.add(options.srid, 'int');
  const { rows } = await db.query<AnalysisStats['topPlaces'][number]>(
    `WITH counted AS MATERIALIZED (
       SELECT cc.category_key, cc.q, cc.r, count(*)::int AS contributions,
              count(DISTINCT cc.participant_id)::int AS participants
       FROM ${source} AND ${conditions.join(' AND ')}
       GROUP BY cc.category_key, cc.q, cc.r
       HAVING count(DISTINCT cc.participant_id) >= ${parameters.add(options.k, 'int')}),
     ranked AS (SELECT counted.*, row_number() OVER (PARTITION BY category_key
                  ORDER BY participants DESC, contributions DESC, q, r) AS rank FROM counted)
     SELECT category_key AS category, q || ',' || r AS cell, contributions, participants,
            json_build_array(round(ST_X(centre)::numeric, 6), round(ST_Y(centre)::numeric, 6)) AS centre,
            NULL AS label, NULL AS "labelSource"
     FROM ranked
     CROSS JOIN LATERAL ST_Transform(ST_Centroid(nabolag_hex_polygon(q, r, ${size}, ${srid})), 4326) AS centre
     WHERE rank <= 5
     ORDER BY category_key, rank`,
    parameters.values,
  );
  return rows.map((row) => ({ ...row, centre: row.centre.map(Number) as [number, number] }));
}
