import { type ExportColumn, type ExportRow, rowValues } from './export-columns.ts';
import type { ExportLayer } from './export-layer.ts';

type Position = [number, number];

/** XML 1.0 forbids most control characters even escaped; they are dropped, the rest escaped. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what XML 1.0 forbids.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}

/** KML colours are `aabbggrr`. */
const kmlColour = (hex: string, alpha: string) =>
  `${alpha}${hex.slice(5, 7)}${hex.slice(3, 5)}${hex.slice(1, 3)}`.toLowerCase();

const SCHEMA_TYPES: Record<ExportColumn['type'], string> = {
  text: 'string',
  datetime: 'string',
  integer: 'int',
  real: 'double',
  boolean: 'bool',
};

const coordinates = (positions: Position[]) =>
  `<coordinates>${positions.map(([x, y]) => `${x},${y}`).join(' ')}</coordinates>`;

function geometryXml(geometry: ExportRow['geometry']): string {
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates as Position])}</Point>`;
    case 'LineString':
      return `<LineString>${coordinates(geometry.coordinates as Position[])}</LineString>`;
    case 'Polygon': {
      const [outer = [], ...holes] = geometry.coordinates as Position[][];
      const ring = (positions: Position[]) => `<LinearRing>${coordinates(positions)}</LinearRing>`;
      return `<Polygon><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>${holes
        .map((hole) => `<innerBoundaryIs>${ring(hole)}</innerBoundaryIs>`)
        .join('')}</Polygon>`;
    }
  }
}

const schemaXml = (id: string, columns: readonly ExportColumn[]) =>
  `<Schema name="${id}" id="${id}">${columns
    .map(
      (column) =>
        `<SimpleField name="${escapeXml(column.name)}" type="${SCHEMA_TYPES[column.type]}"><displayName>${escapeXml(column.title)}</displayName></SimpleField>`,
    )
    .join('')}</Schema>`;

/**
 * KML 2.2, always in WGS 84 longitude/latitude (KML has no other CRS): one Folder per layer, which
 * GIS programs open as one layer each; attributes as typed ExtendedData of the layer's Schema
 * (layers of categories with different follow-up questions have different columns); a style per
 * layer in its category's colour. Written placemark by placemark.
 */
export async function* kmlChunks(
  documentName: string,
  layers: readonly ExportLayer[],
  labelOf: (row: ExportRow) => string,
): AsyncGenerator<string> {
  const schemas = layers.map((layer, index) => schemaXml(`layer-${index}-fields`, layer.columns)).join('\n');
  const styles = layers
    .map((layer, index) => {
      const colour = layer.colour ?? '#3366cc';
      return `<Style id="layer-${index}"><IconStyle><color>${kmlColour(colour, 'ff')}</color></IconStyle><LineStyle><color>${kmlColour(colour, 'ff')}</color><width>3</width></LineStyle><PolyStyle><color>${kmlColour(colour, '66')}</color></PolyStyle></Style>`;
    })
    .join('\n');
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document><name>${escapeXml(documentName)}</name>\n${schemas}\n${styles}\n`;
  for (const [index, layer] of layers.entries()) {
    const columns = layer.columns;
    yield `<Folder><name>${escapeXml(layer.title)}</name>\n`;
    for await (const batch of layer.rows()) {
      yield batch
        .map((row) => {
          const values = rowValues(columns, row);
          const data = columns
            .map((column, column_index) => {
              const value = values[column_index];
              return value === null || value === undefined
                ? ''
                : `<SimpleData name="${escapeXml(column.name)}">${escapeXml(String(value))}</SimpleData>`;
            })
            .join('');
          return `<Placemark id="c-${row.id}"><name>${escapeXml(labelOf(row))}</name>${
            row.story ? `<description>${escapeXml(row.story)}</description>` : ''
          }<styleUrl>#layer-${index}</styleUrl><ExtendedData><SchemaData schemaUrl="#layer-${index}-fields">${data}</SchemaData></ExtendedData>${geometryXml(row.geometry)}</Placemark>\n`;
        })
        .join('');
    }
    yield '</Folder>\n';
  }
  yield '</Document>\n</kml>\n';
}
