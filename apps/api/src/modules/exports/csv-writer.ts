import { stringify } from 'csv-stringify/sync';
import { rowValues } from './export-columns.ts';
import type { ExportLayer } from './export-layer.ts';
import { toWkt } from './wkt.ts';

/**
 * CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read æøå right): the
 * geometry as WKT in the first column, which GDAL's CSV driver and QGIS take as the geometry.
 */
export async function* csvChunks(layer: ExportLayer): AsyncGenerator<string> {
  const columns = layer.columns;
  yield `\uFEFF${stringify([['WKT', ...columns.map((column) => column.name)]])}`;
  for await (const batch of layer.rows()) {
    yield stringify(
      batch.map((row) => [
        toWkt(row.geometry),
        ...rowValues(columns, row).map((value) =>
          value === null ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : value,
        ),
      ]),
    );
  }
}
