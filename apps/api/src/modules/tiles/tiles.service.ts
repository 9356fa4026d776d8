import { createHash } from 'node:crypto';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Queryable } from '../../db/queryable.ts';
import { hexHeatmap } from '../analysis/heatmap.repository.ts';
import type { StoredProject } from '../projects/projects.repository.ts';
import {
  cellsTileByPostgis,
  contributionsInBounds,
  contributionsTileByPostgis,
  TILE_BUFFER,
  TILE_EXTENT,
  type TileAddress,
  tileBounds,
} from './tiles.repository.ts';

/**
 * How tiles are encoded: `postgis` (ST_AsMVT, on a PostGIS built with protobuf-c) or `js` (the
 * embedded database has no ST_AsMVT: PostGIS picks the features in the tile's bounds, and
 * @maplibre/geojson-vt clips and projects them to tile coordinates, @maplibre/vt-pbf writes the
 * protobuf). Both give a Mapbox Vector Tile 2.1 of extent 4096 with a 64-unit buffer.
 */
export type TileEncoder = 'postgis' | 'js';

/** The buffer around a tile, in tile widths, within which features are fetched (so edges join). */
const MARGIN = TILE_BUFFER / TILE_EXTENT;

function encodeInJs(
  layer: string,
  tile: TileAddress,
  features: Array<{ geometry: GeoJSON.Geometry; properties: Record<string, string | number> }>,
): Buffer {
  if (features.length === 0) return Buffer.alloc(0);
  const sliced = geoJSONToTile(
    { type: 'FeatureCollection', features: features.map((feature) => ({ type: 'Feature', ...feature })) },
    tile.z,
    tile.x,
    tile.y,
    { extent: TILE_EXTENT, buffer: TILE_BUFFER, clip: true, tolerance: 1 },
  );
  if (!sliced || sliced.features.length === 0) return Buffer.alloc(0);
  return Buffer.from(fromGeojsonVt({ [layer]: sliced }, { version: 2, extent: TILE_EXTENT }));
}

/** A tile of the project's published contributions (layer `contributions`: id, category, created day). */
export async function contributionsTile(
  db: Queryable,
  encoder: TileEncoder,
  project: StoredProject,
  tile: TileAddress,
  categories: string[] | undefined,
): Promise<Buffer> {
  if (encoder === 'postgis') return contributionsTileByPostgis(db, project.id, tile, categories);
  const rows = await contributionsInBounds(db, project.id, tileBounds(tile, MARGIN), categories);
  return encodeInJs(
    'contributions',
    tile,
    rows.map((row) => ({
      geometry: row.geometry,
      properties: { id: row.id, category: row.category, created: row.created },
    })),
  );
}

/**
 * A tile of the public heatmap (layer `heatmap`: hexagons of `cellMetres` with count and
 * participants), k-anonymous as the heatmap API: cells with fewer than k participants are left out.
 */
export async function heatmapTile(
  db: Queryable,
  encoder: TileEncoder,
  project: StoredProject,
  tile: TileAddress,
  options: { cellMetres: number; categories: string[] | undefined },
): Promise<Buffer> {
  const cells = await hexHeatmap(db, {
    projectId: project.id,
    srid: project.analysisSrid,
    cellMetres: options.cellMetres,
    k: project.k,
    categories: options.categories,
    bbox: tileBounds(tile, MARGIN),
  });
  if (encoder === 'postgis')
    return cells.length === 0 ? Buffer.alloc(0) : cellsTileByPostgis(db, tile, cells);
  return encodeInJs(
    'heatmap',
    tile,
    cells.map((cell) => ({ geometry: cell.geometry as GeoJSON.Geometry, properties: cell.properties })),
  );
}

/** A strong ETag of a tile's bytes. */
export const tileEtag = (tile: Buffer) =>
  `"${createHash('sha256').update(tile).digest('base64url').slice(0, 27)}"`;
