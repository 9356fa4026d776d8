import type { HeatmapCollection } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';

/**
 * Counts published contributions in hexagons of `cellMetres` laid in the project's metric CRS
 * (EPSG:25832 by default), anchored at the CRS origin so cells line up between categories and
 * runs. A line or area counts in every cell it touches. Cells with fewer than `k` distinct
 * participants are left out — however many contributions one person made there — so no cell can
 * single out a person.
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
  },
): Promise<HeatmapCollection['features']> {
  const { rows } = await db.query<{
    geometry: { type: 'Polygon'; coordinates: number[][][] };
    count: number;
    participants: number;
  }>(
    `WITH project AS (
       SELECT ST_Transform(ST_Buffer(area::geography, area_margin_m)::geometry, $2::int) AS bounds
       FROM projects WHERE id = $1),
     picked AS (
       SELECT c.participant_id, ST_Transform(c.geometry, $2::int) AS geometry
       FROM contributions c LEFT JOIN sessions s ON s.id = c.session_id
       WHERE c.project_id = $1 AND c.status = 'published'
         AND ($5::text[] IS NULL OR c.category_key = ANY($5))
         AND ($6::text IS NULL OR s.code = upper($6))),
     cells AS (
       SELECT hex.geom FROM project, ST_HexagonGrid($3::float8, project.bounds) AS hex)
     SELECT ST_AsGeoJSON(ST_Transform(cells.geom, 4326), 7)::json AS geometry,
            count(*)::int AS count, count(DISTINCT picked.participant_id)::int AS participants
     FROM cells JOIN picked ON ST_Intersects(cells.geom, picked.geometry)
     GROUP BY cells.geom
     HAVING count(DISTINCT picked.participant_id) >= $4::int
     ORDER BY count(*) DESC`,
    [
      options.projectId,
      options.srid,
      options.cellMetres,
      options.k,
      options.categories ?? null,
      options.sessionCode ?? null,
    ],
  );
  return rows.map((row) => ({
    type: 'Feature' as const,
    geometry: row.geometry,
    properties: { count: row.count, participants: row.participants },
  }));
}
