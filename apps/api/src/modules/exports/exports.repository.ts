import type { ContributionGeometryType } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import type { StoredAnswers } from '../follow-up/follow-up.repository.ts';
import type { ExportRow } from './export-columns.ts';

/** Rows read per query: small enough that a batch never weighs much, large enough to be quick. */
export const EXPORT_BATCH_SIZE = 1000;

/** Decimals kept per coordinate: 7 for degrees (about 1 cm), 3 for metres (1 mm). */
export const coordinateDecimals = (srid: number) => (srid === 4326 ? 7 : 3);

interface BatchRow {
  id: string;
  category: string;
  story: string | null;
  status: string;
  created: string;
  cursor_at: string;
  session_code: string | null;
  session_title: string | null;
  age_band: string | null;
  relation: string | null;
  has_photo: boolean;
  geometry_type: string;
  geometry: ExportRow['geometry'];
  wkb: Buffer | null;
  min_x: number;
  min_y: number;
  max_x: number;
  max_y: number;
  answers_version: number | null;
  answers: StoredAnswers['answers'] | null;
}

const GEOMETRY_TYPES: Record<string, ContributionGeometryType> = {
  ST_Point: 'Point',
  ST_LineString: 'LineString',
  ST_Polygon: 'Polygon',
};

/**
 * Reads a project's contributions for an export in batches, in (created, id) order, by keyset:
 * each batch is its own short query that starts after the last row of the one before. So a
 * million contributions never sit in memory, no cursor holds a connection (or the embedded
 * database's only session) while a slow client downloads, and no named statement is needed.
 * Hidden contributions are left out; those waiting for a moderator are in, with their status.
 * Geometries are transformed to `srid` in PostGIS. Each row carries its follow-up answers (one
 * jsonb document, joined per batch), so answers never sit in memory for the whole project either.
 */
export async function* readExportRows(
  db: Queryable,
  options: {
    projectId: string;
    srid: number;
    category?: string | undefined;
    geometryType?: ContributionGeometryType | undefined;
    withWkb?: boolean;
    batchSize?: number;
  },
): AsyncGenerator<ExportRow[]> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const { rows } = await db.query<BatchRow>(
      `WITH picked AS (
         SELECT c.*, ST_Transform(c.geometry, $2::int) AS projected
         FROM contributions c
         WHERE c.project_id = $1 AND c.status <> 'hidden'
           AND ($3::text IS NULL OR c.category_key = $3)
           AND ($4::text IS NULL OR ST_GeometryType(c.geometry) = $4)
           AND ($5::timestamptz IS NULL OR (c.created_at, c.id) > ($5::timestamptz, $6::uuid))
         ORDER BY c.created_at, c.id
         LIMIT $7::int)
       SELECT p.id, p.category_key AS category, p.story, p.status,
              to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created,
              p.created_at::text AS cursor_at,
              s.code AS session_code, s.title AS session_title,
              pa.age_band, array_to_string(pa.relation, ',') AS relation,
              EXISTS (SELECT 1 FROM photos ph WHERE ph.contribution_id = p.id) AS has_photo,
              ST_GeometryType(p.geometry) AS geometry_type,
              ST_AsGeoJSON(p.projected, $8::int)::json AS geometry,
              CASE WHEN $9::boolean THEN ST_AsBinary(p.projected, 'NDR') END AS wkb,
              ST_XMin(p.projected) AS min_x, ST_YMin(p.projected) AS min_y,
              ST_XMax(p.projected) AS max_x, ST_YMax(p.projected) AS max_y,
              ca.version AS answers_version, ca.answers
       FROM picked p
       JOIN participants pa ON pa.id = p.participant_id
       LEFT JOIN sessions s ON s.id = p.session_id
       LEFT JOIN contribution_answers ca ON ca.contribution_id = p.id
       ORDER BY p.created_at, p.id`,
      [
        options.projectId,
        options.srid,
        options.category ?? null,
        options.geometryType ? `ST_${options.geometryType}` : null,
        after?.at ?? null,
        after?.id ?? null,
        batchSize,
        coordinateDecimals(options.srid),
        options.withWkb ?? false,
      ],
    );
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      id: row.id,
      category: row.category,
      story: row.story,
      status: row.status,
      created: row.created,
      sessionCode: row.session_code,
      sessionTitle: row.session_title,
      ageBand: row.age_band,
      relation: row.relation || null,
      hasPhoto: row.has_photo,
      geometryType: GEOMETRY_TYPES[row.geometry_type] ?? 'Point',
      geometry: row.geometry,
      ...(row.wkb ? { wkb: row.wkb } : {}),
      envelope: [row.min_x, row.min_y, row.max_x, row.max_y],
      answers:
        row.answers_version !== null && row.answers
          ? { version: row.answers_version, answers: row.answers }
          : null,
    }));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1] as BatchRow;
    after = { at: last.cursor_at, id: last.id };
  }
}

/** How many contributions an export holds, per category and geometry type. */
export async function countExportRows(db: Queryable, projectId: string) {
  const { rows } = await db.query<{ category: string; geometry_type: string; n: number }>(
    `SELECT category_key AS category, ST_GeometryType(geometry) AS geometry_type, count(*)::int AS n
     FROM contributions WHERE project_id = $1 AND status <> 'hidden'
     GROUP BY 1, 2`,
    [projectId],
  );
  return rows.map((row) => ({
    category: row.category,
    geometryType: GEOMETRY_TYPES[row.geometry_type] ?? 'Point',
    features: row.n,
  }));
}

/** The OGC WKT (version 1) of a CRS, from PostGIS's spatial_ref_sys, for .prj files and GeoPackages. */
export async function crsDefinition(db: Queryable, srid: number): Promise<{ name: string; wkt: string }> {
  const { rows } = await db.query<{ srtext: string }>(
    'SELECT srtext FROM spatial_ref_sys WHERE srid = $1::int',
    [srid],
  );
  const wkt = rows[0]?.srtext;
  if (!wkt) throw new Error(`spatial_ref_sys has no EPSG:${srid}`);
  const name = /^[A-Z]+CS\["([^"]+)"/.exec(wkt)?.[1] ?? `EPSG:${srid}`;
  return { name, wkt };
}
