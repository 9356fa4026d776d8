import type { Queryable } from '../../db/queryable.ts';

/** Tile coordinates (XYZ, as MapLibre asks for them: y counted from the north). */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** The extent (units per tile side) and buffer (units beyond each edge) of every tile served. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/** A tile's bounds in degrees, `[west, south, east, north]`, widened by `margin` tile widths. */
export function tileBounds({ z, x, y }: TileAddress, margin = 0): [number, number, number, number] {
  const size = 2 ** z;
  const longitude = (column: number) => (column / size) * 360 - 180;
  const latitude = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / size))) * 180) / Math.PI;
  const clampLatitude = (value: number) => Math.max(-85.0511287798066, Math.min(85.0511287798066, value));
  return [
    Math.max(-180, longitude(x - margin)),
    clampLatitude(latitude(y + 1 + margin)),
    Math.min(180, longitude(x + 1 + margin)),
    clampLatitude(latitude(y - margin)),
  ];
}

/** Whether the database encodes tiles itself (PostGIS built with protobuf-c; the embedded one is not). */
export async function databaseHasMvt(db: Queryable): Promise<boolean> {
  try {
    await db.query(
      `SELECT ST_AsMVT(t) FROM (SELECT ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) t`,
    );
    return true;
  } catch {
    return false;
  }
}

const PUBLIC_CONTRIBUTIONS = `
  FROM contributions c
  WHERE c.project_id = $1 AND c.status = 'published'
    AND ($5::text[] IS NULL OR c.category_key = ANY($5))`;

/**
 * The published contributions of one tile as a Mapbox Vector Tile layer `contributions`, encoded
 * by PostGIS (ST_AsMVTGeom clips and snaps to the tile grid; ST_AsMVT writes the protobuf).
 * Properties: id, category and the day of creation — nothing about the participant.
 */
export async function contributionsTileByPostgis(
  db: Queryable,
  projectId: string,
  tile: TileAddress,
  categories: string[] | undefined,
): Promise<Buffer> {
  const { rows } = await db.query<{ tile: Buffer }>(
    `WITH bounds AS (
       SELECT ST_TileEnvelope($2::int, $3::int, $4::int) AS envelope,
              ST_Transform(ST_TileEnvelope($2::int, $3::int, $4::int, margin => $6::float8), 4326) AS search),
     features AS (
       SELECT ST_AsMVTGeom(ST_Transform(c.geometry, 3857), bounds.envelope, $7::int, $8::int, true) AS geom,
              c.id::text AS id, c.category_key AS category,
              to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created
       FROM contributions c CROSS JOIN bounds
       WHERE c.project_id = $1 AND c.status = 'published'
         AND ($5::text[] IS NULL OR c.category_key = ANY($5)) AND c.geometry && bounds.search)
     SELECT ST_AsMVT(features.*, 'contributions', $7::int, 'geom') AS tile FROM features WHERE geom IS NOT NULL`,
    [
      projectId,
      tile.z,
      tile.x,
      tile.y,
      categories ?? null,
      TILE_BUFFER / TILE_EXTENT,
      TILE_EXTENT,
      TILE_BUFFER,
    ],
  );
  return rows[0]?.tile ?? Buffer.alloc(0);
}

/** The same features as GeoJSON in degrees, for encoding in JavaScript where PostGIS cannot. */
export async function contributionsInBounds(
  db: Queryable,
  projectId: string,
  bounds: [number, number, number, number],
  categories: string[] | undefined,
): Promise<Array<{ geometry: GeoJSON.Geometry; id: string; category: string; created: string }>> {
  const { rows } = await db.query<{
    geometry: GeoJSON.Geometry;
    id: string;
    category: string;
    created: string;
  }>(
    `SELECT ST_AsGeoJSON(c.geometry, 7)::json AS geometry, c.id::text AS id, c.category_key AS category,
            to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created
     ${PUBLIC_CONTRIBUTIONS}
       AND c.geometry && ST_MakeEnvelope($2::float8, $3::float8, $4::float8, $6::float8, 4326)`,
    [projectId, bounds[0], bounds[1], bounds[2], categories ?? null, bounds[3]],
  );
  return rows;
}

/** Hexagon cells (GeoJSON in degrees, with counts) encoded by PostGIS as the layer `heatmap`. */
export async function cellsTileByPostgis(
  db: Queryable,
  tile: TileAddress,
  cells: Array<{ geometry: unknown; properties: { count: number; participants: number } }>,
): Promise<Buffer> {
  const { rows } = await db.query<{ tile: Buffer }>(
    `WITH bounds AS (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS envelope),
     features AS (
       SELECT ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(cell->>'geometry'), 4326), 3857),
                           bounds.envelope, $5::int, $6::int, true) AS geom,
              (cell->'properties'->>'count')::int AS count,
              (cell->'properties'->>'participants')::int AS participants
       FROM json_array_elements($4::json) AS cell CROSS JOIN bounds)
     SELECT ST_AsMVT(features.*, 'heatmap', $5::int, 'geom') AS tile FROM features WHERE geom IS NOT NULL`,
    [tile.z, tile.x, tile.y, JSON.stringify(cells), TILE_EXTENT, TILE_BUFFER],
  );
  return rows[0]?.tile ?? Buffer.alloc(0);
}
