import sqlite from 'node-sqlite3-wasm';
import { type ExportCellType, type ExportColumn, type ExportRow, rowValues } from './export-columns.ts';
import { type ExportLayer, layerFileName } from './export-layer.ts';
import { writeCodeLists, writeColumnTitles } from './gpkg-code-lists.ts';

/** SQLite's application_id for a GeoPackage ("GPKG") and the version of the standard written (1.3). */
const GPKG_APPLICATION_ID = 0x47504b47;
const GPKG_USER_VERSION = 10300;

const COLUMN_TYPES: Record<ExportCellType, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'BOOLEAN',
  datetime: 'DATETIME',
};

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The GeoPackage binary header in front of a WKB geometry (OGC 12-128r18, 2.1.3): magic "GP",
 * version 0, flags (little-endian, envelope [minx, maxx, miny, maxy] except for points, which
 * need none), the srs_id. Then the ISO WKB itself.
 */
export function gpkgGeometry(wkb: Buffer, srsId: number, envelope: ExportRow['envelope'], point: boolean) {
  const header = Buffer.alloc(point ? 8 : 40);
  header.write('GP', 0, 'ascii');
  header.writeUInt8(0, 2);
  // Bit 0: little-endian; bits 1–3: envelope contents (0 none, 1 xy).
  header.writeUInt8(point ? 0b0000_0001 : 0b0000_0011, 3);
  header.writeInt32LE(srsId, 4);
  if (!point) {
    const [minX, minY, maxX, maxY] = envelope;
    header.writeDoubleLE(minX, 8);
    header.writeDoubleLE(maxX, 16);
    header.writeDoubleLE(minY, 24);
    header.writeDoubleLE(maxY, 32);
  }
  return Buffer.concat([header, wkb]);
}

/**
 * Writes a GeoPackage 1.3 at `file`: the required gpkg_spatial_ref_sys (with the two undefined
 * systems, WGS 84 and the export's CRS), gpkg_contents with each table's extent, and
 * gpkg_geometry_columns; one feature table per layer with a GEOMETRY column (points, lines and
 * polygons together, as contributions come) and typed attribute columns (each layer its own).
 * Column titles and the code lists of single-choice answers follow (see gpkg-code-lists.ts).
 * SQLite runs as WebAssembly and writes the file directly, one transaction per batch of rows.
 */
export async function writeGeoPackage(options: {
  file: string;
  layers: readonly ExportLayer[];
  /** The code lists: every answer column of the project (all layers), labels in these languages. */
  codes: { columns: readonly ExportColumn[]; language: string; languages: readonly string[] };
  srid: number;
  crs: { name: string; wkt: string };
  wgs84Wkt: string;
  onRows?: (count: number) => void;
}): Promise<void> {
  const db = new sqlite.Database(options.file);
  try {
    db.exec(`PRAGMA application_id = ${GPKG_APPLICATION_ID}; PRAGMA user_version = ${GPKG_USER_VERSION};
      PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
      CREATE TABLE gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
        description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
        srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
    const addSrs = db.prepare('INSERT OR REPLACE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    addSrs.run([
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    ]);
    addSrs.run([
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    ]);
    addSrs.run([
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      options.wgs84Wkt,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    ]);
    if (options.srid !== 4326) {
      addSrs.run([options.crs.name, options.srid, 'EPSG', options.srid, options.crs.wkt, null]);
    }
    addSrs.finalize();

    for (const layer of options.layers) {
      const table = layerFileName(layer.name);
      const columns = layer.columns;
      const columnsSql = columns
        .map((column) => `${quote(column.name)} ${COLUMN_TYPES[column.type]}`)
        .join(', ');
      db.exec(
        `CREATE TABLE ${quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY, ${columnsSql})`,
      );
      db.run(
        'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)',
        [table, 'features', layer.title, layer.title, options.srid],
      );
      db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [
        table,
        'geom',
        'GEOMETRY',
        options.srid,
      ]);

      const insert = db.prepare(
        `INSERT INTO ${quote(table)} (geom, ${columns.map((column) => quote(column.name)).join(', ')})
         VALUES (${['?', ...columns.map(() => '?')].join(', ')})`,
      );
      const extent = [Infinity, Infinity, -Infinity, -Infinity];
      try {
        for await (const batch of layer.rows()) {
          db.exec('BEGIN');
          for (const row of batch) {
            if (!row.wkb) throw new Error('the GeoPackage writer needs WKB geometries');
            const [minX, minY, maxX, maxY] = row.envelope;
            extent[0] = Math.min(extent[0] as number, minX);
            extent[1] = Math.min(extent[1] as number, minY);
            extent[2] = Math.max(extent[2] as number, maxX);
            extent[3] = Math.max(extent[3] as number, maxY);
            const values = rowValues(columns, row).map((value) =>
              typeof value === 'boolean' ? (value ? 1 : 0) : value,
            );
            insert.run([
              gpkgGeometry(row.wkb, options.srid, row.envelope, row.geometryType === 'Point'),
              ...values,
            ]);
          }
          db.exec('COMMIT');
          options.onRows?.(batch.length);
        }
      } finally {
        insert.finalize();
      }
      if (Number.isFinite(extent[0])) {
        db.run(
          `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
             last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?`,
          [...(extent as number[]), table],
        );
      }
    }
    const tables = options.layers.map((layer) => ({
      table: layerFileName(layer.name),
      columns: layer.columns,
    }));
    writeColumnTitles(db, tables);
    writeCodeLists(db, { ...options.codes, taken: tables.map((layer) => layer.table) });
  } finally {
    db.close();
  }
}
