import type { AnalysisFilter, BBox, HeatmapCollection } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { cachedAnalysis } from './analysis-cache.ts';
import {
  type Audience,
  cellSource,
  filterConditions,
  filterKey,
  isStoredCellSize,
  SqlParameters,
} from './analysis-filter.ts';
import { foldCellTotals } from './cell-totals.ts';

type HexPolygon = { type: 'Polygon'; coordinates: number[][][] };

/** A hex cell's counts; `q`, `r` are axial coordinates at its size (see migration 0007). */
export interface CellCount {
  q: number;
  r: number;
  count: number;
  participants: number;
  /** The hexagon in EPSG:4326, 7 decimals. */
  geometry: HexPolygon;
}

export interface CellCountOptions {
  projectId: string;
  /** The project's analysis CRS (EPSG code, metres). */
  srid: number;
  /** Hexagon edge length in metres (50–500). */
  cellMetres: number;
  /** Leave out cells with fewer distinct participants (1 = keep all). */
  minParticipants: number;
  filter: AnalysisFilter;
  audience: Audience;
  /** Only cells that touch this box, `[west, south, east, north]` in degrees. */
  bbox?: BBox | undefined;
}

/**
 * Counts contributions and distinct participants per hex cell. Cells are the ones
 * ST_HexagonGrid lays in the project's metric CRS, anchored at the CRS origin, so they line up
 * between categories and runs; a line or an area counts in every cell it touches. The public
 * heatmap of all or one category at an offered size reads the per-cell totals kept at write time;
 * other requests at the offered sizes group the cell ids stored at write time (an index-only
 * GROUP BY over integers). The result is cached per project, parameters and data version.
 */
export async function cellCounts(db: Queryable, options: CellCountOptions): Promise<CellCount[]> {
  const key = [
    'cells',
    options.cellMetres,
    options.minParticipants,
    options.audience,
    options.srid,
    options.bbox?.join(',') ?? '',
    filterKey(options.filter),
  ].join('|');
  return cachedAnalysis(db, options.projectId, key, () => queryCellCounts(db, options));
}

/**
 * The category whose maintained totals answer this request ('' = all categories), or undefined
 * when the request needs the per-contribution scan: staff audiences (pending too), filters other
 * than one category, and cell sizes whose ids are not stored.
 */
export function totalsCategory(options: CellCountOptions): string | undefined {
  if (options.audience !== 'public' || !isStoredCellSize(options.cellMetres)) return undefined;
  const { category, ...others } = options.filter;
  if (Object.values(others).some((value) => value !== undefined)) return undefined;
  if (category === undefined) return '';
  return category.length === 1 ? category[0] : undefined;
}

async function queryCellCounts(db: Queryable, options: CellCountOptions): Promise<CellCount[]> {
  const parameters = new SqlParameters();
  const project = parameters.add(options.projectId, 'uuid');
  const category = totalsCategory(options);
  const minParticipants = parameters.add(options.minParticipants, 'int');
  // Either the totals kept per cell (migrations 0012, 0014: a few hundred rows), or a
  // GROUP BY over every contribution's cell ids with the filters (migration 0007).
  let counted: string;
  const conditions: string[] = [];
  if (category !== undefined) {
    // The changes the triggers left pending (migration 0014) first.
    await foldCellTotals(db, [options.projectId]);
    counted = `SELECT cc.q, cc.r, cc.contributions AS count, cc.participants
               FROM cell_totals cc
               WHERE cc.project_id = ${project} AND cc.size_m = ${parameters.add(options.cellMetres, 'int')}
                 AND cc.category = ${parameters.add(category, 'text')}
                 AND cc.contributions > 0 AND cc.participants >= ${minParticipants}`;
  } else {
    const source = cellSource(project, options.cellMetres, options.srid, parameters);
    conditions.push(...filterConditions('cc', project, options.filter, options.audience, parameters));
    counted = `SELECT cc.q, cc.r, count(*)::int AS count, count(DISTINCT cc.participant_id)::int AS participants
               FROM ${source} AND %CONDITIONS%
               GROUP BY cc.q, cc.r
               HAVING count(DISTINCT cc.participant_id) >= ${minParticipants}`;
  }
  const size = parameters.add(options.cellMetres, 'float8');
  const srid = parameters.add(options.srid, 'int');
  let inView = '';
  if (options.bbox) {
    // The box in the metric CRS, first on its own: plain numbers let the planner use the index
    // on (q, r) as a range.
    const box = await metricBox(db, options.bbox, options.srid);
    const cell = options.cellMetres;
    const q0 = Math.floor(box.x0 / (1.5 * cell)) - 1;
    const q1 = Math.ceil(box.x1 / (1.5 * cell)) + 1;
    // A centre lies at y = √3·cell·(r + q/2): the r that can reach the box for q in [q0, q1].
    const rowHeight = Math.sqrt(3) * cell;
    const range = [
      `cc.q BETWEEN ${parameters.add(q0, 'int')} AND ${parameters.add(q1, 'int')}`,
      `cc.r BETWEEN ${parameters.add(Math.floor(box.y0 / rowHeight - q1 / 2) - 1, 'int')} AND ${parameters.add(
        Math.ceil(box.y1 / rowHeight - q0 / 2) + 1,
        'int',
      )}`,
    ];
    if (category !== undefined) counted += ` AND ${range.join(' AND ')}`;
    else conditions.push(...range);
    inView = `WHERE ST_Intersects(hex.polygon, ST_GeomFromText(${parameters.add(box.wkt, 'text')}, ${srid}))`;
  }
  const { rows } = await db.query<CellCount>(
    // MATERIALIZED: the viewport test on the hexagon must run per cell, not per contribution.
    `WITH counted AS MATERIALIZED (${counted.replace('%CONDITIONS%', conditions.join(' AND '))}),
     hex AS (SELECT counted.*, nabolag_hex_polygon(counted.q, counted.r, ${size}, ${srid}) AS polygon FROM counted)
     SELECT hex.q, hex.r, hex.count, hex.participants,
            ST_AsGeoJSON(ST_Transform(hex.polygon, 4326), 7)::json AS geometry
     FROM hex ${inView}
     ORDER BY hex.count DESC, hex.q, hex.r`,
    parameters.values,
  );
  return rows;
}

/**
 * The public heatmap (`GET /api/projects/:slug/heatmap`, OGC aggregate collections, the
 * projector): published contributions only, and every cell with fewer than `k` distinct
 * participants left out — however many contributions one person made there — so that no cell
 * can single out a person.
 */
export async function hexHeatmap(
  db: Queryable,
  options: {
    projectId: string;
    srid: number;
    cellMetres: number;
    k: number;
    categories?: string[] | undefined;
    sessionCode?: string | undefined;
    bbox?: BBox | undefined;
  },
): Promise<HeatmapCollection['features']> {
  const cells = await cellCounts(db, {
    projectId: options.projectId,
    srid: options.srid,
    cellMetres: options.cellMetres,
    minParticipants: options.k,
    audience: 'public',
    filter: {
      category: options.categories,
      session: options.sessionCode ? [options.sessionCode] : undefined,
    },
    bbox: options.bbox,
  });
  return cells.map((cell) => ({
    type: 'Feature' as const,
    geometry: cell.geometry,
    properties: { count: cell.count, participants: cell.participants },
  }));
}

/** A `[west, south, east, north]` box (degrees) as a polygon in the metric CRS and its extent. */
async function metricBox(db: Queryable, bbox: BBox, srid: number) {
  const { rows } = await db.query<{ wkt: string; x0: number; x1: number; y0: number; y1: number }>(
    `SELECT ST_AsText(g) AS wkt, ST_XMin(g) AS x0, ST_XMax(g) AS x1, ST_YMin(g) AS y0, ST_YMax(g) AS y1
     FROM (SELECT ST_Transform(ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326), $5::int) AS g) AS box`,
    [...bbox, srid],
  );
  return rows[0] as { wkt: string; x0: number; x1: number; y0: number; y1: number };
}
