import type { PublicReferenceLayer, ReferenceLayer, ReferenceLayerUpdate } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import type { ParsedFeature, ReferenceFormat } from './reference-file-parsers.ts';

/** Reads the file's geometries in PostGIS: GeoJSON text or WKB hex, in `srid`, flattened to 2D. */
const SOURCE_GEOMETRIES = `
  SELECT ord, ST_Force2D(CASE WHEN $2::text = 'wkb' THEN ST_GeomFromWKB(decode(t, 'hex'), $3::int)
                              ELSE ST_SetSRID(ST_GeomFromGeoJSON(t), $3::int) END) AS g
  FROM unnest($1::text[]) WITH ORDINALITY AS u(t, ord)`;

export async function sridKnown(db: Queryable, srid: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM spatial_ref_sys WHERE srid = $1::int', [srid]);
  return rows.length > 0;
}

/**
 * The first problem of a batch of geometries, or undefined: invalid in PostGIS (with its reason
 * and place), or outside longitude/latitude once transformed to EPSG:4326 (a file whose
 * coordinates are metres but which says nothing of its CRS). `offset` numbers the features.
 */
export async function firstGeometryProblem(
  db: Queryable,
  features: readonly ParsedFeature[],
  srid: number,
  offset: number,
): Promise<string | undefined> {
  const kind = features[0]?.geometry.kind ?? 'geojson';
  const { rows } = await db.query<{ ord: number; valid: boolean; reason: string; outside: boolean }>(
    `WITH source AS (${SOURCE_GEOMETRIES}),
     checked AS (SELECT ord, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, g FROM source)
     SELECT ord::int, valid, reason,
            CASE WHEN valid AND $3::int = 4326
                 THEN ST_XMin(g) < -180 OR ST_XMax(g) > 180 OR ST_YMin(g) < -90 OR ST_YMax(g) > 90
                 ELSE false END AS outside
     FROM checked WHERE NOT valid OR ($3::int = 4326 AND (ST_XMin(g) < -180 OR ST_XMax(g) > 180 OR ST_YMin(g) < -90 OR ST_YMax(g) > 90))
     ORDER BY ord LIMIT 1`,
    [features.map((feature) => feature.geometry.text), kind, srid],
  );
  const row = rows[0];
  if (!row) return undefined;
  const number = offset + row.ord;
  if (!row.valid) return `Feature ${number} has an invalid geometry: ${row.reason}.`;
  return `Feature ${number} has coordinates outside longitude/latitude: the file's coordinate system is unknown. Save it in EPSG:4326, or as a GeoPackage with its CRS.`;
}

export async function insertReferenceLayer(
  db: Queryable,
  layer: {
    projectId: string;
    names: Record<string, string>;
    colour: string;
    format: ReferenceFormat;
    sourceName: string | null;
    userId: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO reference_layers (project_id, names, colour, source_format, source_name, created_by, position)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6,
             (SELECT coalesce(max(position), 0) + 1 FROM reference_layers WHERE project_id = $1))
     RETURNING id`,
    [
      layer.projectId,
      JSON.stringify(layer.names),
      layer.colour,
      layer.format,
      layer.sourceName,
      layer.userId,
    ],
  );
  return (rows[0] as { id: string }).id;
}

/** Stores a batch of features, transformed to EPSG:4326 in PostGIS. */
export async function insertReferenceFeatures(
  db: Queryable,
  layerId: string,
  features: readonly ParsedFeature[],
  srid: number,
  offset: number,
): Promise<void> {
  const kind = features[0]?.geometry.kind ?? 'geojson';
  await db.query(
    `WITH source AS (${SOURCE_GEOMETRIES})
     INSERT INTO reference_features (layer_id, position, geometry, label, properties)
     SELECT $4::uuid, $5::int + source.ord::int, ST_Transform(source.g, 4326), extra.label, extra.properties::jsonb
     FROM source JOIN unnest($6::text[], $7::text[]) WITH ORDINALITY AS extra(label, properties, ord)
       ON extra.ord = source.ord`,
    [
      features.map((feature) => feature.geometry.text),
      kind,
      srid,
      layerId,
      offset,
      features.map((feature) => feature.label),
      features.map((feature) => JSON.stringify(feature.properties)),
    ],
  );
}

const LAYER_COLUMNS = `l.id, l.names, l.colour, l.visible, l.source_format AS "sourceFormat",
  l.source_name AS "sourceName",
  to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  (SELECT count(*)::int FROM reference_features f WHERE f.layer_id = l.id) AS "featureCount",
  coalesce((SELECT array_agg(DISTINCT replace(substr(ST_GeometryType(f.geometry), 4), 'Multi', ''))
            FROM reference_features f WHERE f.layer_id = l.id), '{}') AS "geometryTypes",
  (SELECT CASE WHEN count(*) = 0 THEN NULL ELSE
          json_build_array(ST_XMin(ST_Extent(f.geometry)), ST_YMin(ST_Extent(f.geometry)),
                           ST_XMax(ST_Extent(f.geometry)), ST_YMax(ST_Extent(f.geometry))) END
   FROM reference_features f WHERE f.layer_id = l.id) AS bounds`;

export async function listReferenceLayers(db: Queryable, projectId: string): Promise<ReferenceLayer[]> {
  const { rows } = await db.query<ReferenceLayer>(
    `SELECT ${LAYER_COLUMNS} FROM reference_layers l WHERE l.project_id = $1 ORDER BY l.position, l.created_at`,
    [projectId],
  );
  return rows;
}

export async function findReferenceLayer(
  db: Queryable,
  id: string,
): Promise<(ReferenceLayer & { projectId: string }) | undefined> {
  const { rows } = await db.query<ReferenceLayer & { projectId: string }>(
    `SELECT ${LAYER_COLUMNS}, l.project_id AS "projectId" FROM reference_layers l WHERE l.id = $1`,
    [id],
  );
  return rows[0];
}

export async function updateReferenceLayer(
  db: Queryable,
  id: string,
  update: ReferenceLayerUpdate,
): Promise<void> {
  await db.query(
    `UPDATE reference_layers SET names = coalesce(names || $2::jsonb, names), colour = coalesce($3, colour),
            visible = coalesce($4, visible), updated_at = now()
     WHERE id = $1`,
    [id, update.names ? JSON.stringify(update.names) : null, update.colour ?? null, update.visible ?? null],
  );
}

export async function deleteReferenceLayer(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM reference_layers WHERE id = $1', [id]);
}

/** The visible layers of a project with their features (label only), for residents' maps. */
export async function listPublicReferenceLayers(
  db: Queryable,
  projectId: string,
): Promise<PublicReferenceLayer[]> {
  const { rows } = await db.query<PublicReferenceLayer>(
    `SELECT l.id, l.names, l.colour,
            json_build_object('type', 'FeatureCollection', 'features', coalesce(
              (SELECT json_agg(json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(f.geometry, 7)::json,
                                                 'properties', json_build_object('label', f.label)) ORDER BY f.position)
               FROM reference_features f WHERE f.layer_id = l.id), '[]'::json)) AS data
     FROM reference_layers l WHERE l.project_id = $1 AND l.visible
     ORDER BY l.position, l.created_at`,
    [projectId],
  );
  return rows;
}
