import { rowValues } from './export-columns.ts';
import type { ExportLayer } from './export-layer.ts';

/**
 * A GeoJSON FeatureCollection, written feature by feature. Outside EPSG:4326 it carries the
 * pre-RFC 7946 `crs` member, which GDAL and QGIS read (RFC 7946 itself allows only WGS 84).
 */
export async function* geojsonChunks(layer: ExportLayer, srid: number): AsyncGenerator<string> {
  const columns = layer.columns;
  const crs =
    srid === 4326 ? '' : `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${srid}"}},`;
  yield `{"type":"FeatureCollection","name":${JSON.stringify(layer.name)},${crs}"features":[\n`;
  let first = true;
  for await (const batch of layer.rows()) {
    const parts: string[] = [];
    for (const row of batch) {
      const values = rowValues(columns, row);
      const properties = Object.fromEntries(columns.map((column, index) => [column.name, values[index]]));
      parts.push(JSON.stringify({ type: 'Feature', id: row.id, geometry: row.geometry, properties }));
    }
    if (parts.length === 0) continue;
    yield `${first ? '' : ',\n'}${parts.join(',\n')}`;
    first = false;
  }
  yield '\n]}\n';
}
