import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContributionGeometryType } from '@nabolag/schema';
import { dbfFieldNames } from './dbf-field-names.ts';
import { type ExportCell, type ExportColumn, type ExportRow, rowValues } from './export-columns.ts';

type Position = [number, number];

/** Shape types of the ESRI Shapefile Technical Description (1998): one per file. */
const SHAPE_TYPES: Record<ContributionGeometryType, number> = { Point: 1, LineString: 3, Polygon: 5 };
/** dBASE character fields hold at most 254 bytes. */
const MAX_TEXT_BYTES = 254;
/** Widths (bytes) of the base text columns; other text columns get the maximum. */
const TEXT_WIDTHS: Record<string, number> = {
  id: 36,
  category: 64,
  status: 16,
  created: 24,
  session: 12,
  age_band: 16,
  relation: 100,
};

interface DbfField {
  name: string;
  type: 'C' | 'N' | 'L';
  width: number;
  decimals: number;
}

function dbfFields(columns: readonly ExportColumn[], fieldNames: ReadonlyMap<string, string>): DbfField[] {
  return columns.map((column) => {
    const name = fieldNames.get(column.name) ?? column.name;
    switch (column.type) {
      case 'integer':
        return { name, type: 'N', width: 18, decimals: 0 };
      case 'real':
        return { name, type: 'N', width: 24, decimals: 10 };
      case 'boolean':
        return { name, type: 'L', width: 1, decimals: 0 };
      default:
        return {
          name,
          type: 'C',
          width: Math.min(column.textWidth ?? TEXT_WIDTHS[column.name] ?? MAX_TEXT_BYTES, MAX_TEXT_BYTES),
          decimals: 0,
        };
    }
  });
}

/** UTF-8 bytes of `text`, cut to `width` without splitting a character. */
function utf8Within(text: string, width: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= width) return bytes;
  let end = width;
  // Continuation bytes are 10xxxxxx: step back to the start of the cut character.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

function dbfCell(field: DbfField, value: ExportCell): Buffer {
  const cell = Buffer.alloc(field.width, 0x20);
  if (value === null) return cell;
  if (field.type === 'L') {
    cell.write(value ? 'T' : 'F');
  } else if (field.type === 'N') {
    const text = typeof value === 'number' ? value.toFixed(field.decimals) : '';
    cell.write(text.slice(0, field.width).padStart(field.width, ' '), 'latin1');
  } else {
    utf8Within(String(value), field.width).copy(cell);
  }
  return cell;
}

function dbfHeader(fields: readonly DbfField[], records: number): Buffer {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.width, 0);
  const header = Buffer.alloc(headerLength);
  const now = new Date();
  header.writeUInt8(0x03, 0); // dBASE III without memo
  header.writeUInt8(now.getUTCFullYear() - 1900, 1);
  header.writeUInt8(now.getUTCMonth() + 1, 2);
  header.writeUInt8(now.getUTCDate(), 3);
  header.writeUInt32LE(records, 4);
  header.writeUInt16LE(headerLength, 8);
  header.writeUInt16LE(recordLength, 10);
  header.writeUInt8(0x57, 29); // language driver: ANSI; the .cpg file says UTF-8
  fields.forEach((field, index) => {
    const offset = 32 + index * 32;
    header.write(field.name, offset, 'ascii');
    header.write(field.type, offset + 11, 'ascii');
    header.writeUInt8(field.width, offset + 16);
    header.writeUInt8(field.decimals, offset + 17);
  });
  header.writeUInt8(0x0d, headerLength - 1);
  return header;
}

/** Signed area (shoelace): negative for a clockwise ring in x-right, y-up coordinates. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index += 1) {
    const [x1, y1] = ring[index] as Position;
    const [x2, y2] = ring[index + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Parts of a shape: a line's one part, or a polygon's rings — outer clockwise, holes anticlockwise. */
function shapeParts(geometry: ExportRow['geometry']): Position[][] {
  if (geometry.type === 'LineString') return [geometry.coordinates as Position[]];
  return (geometry.coordinates as Position[][]).map((ring, index) => {
    const clockwise = signedArea(ring) < 0;
    return clockwise === (index === 0) ? ring : [...ring].reverse();
  });
}

function shapeRecord(row: ExportRow, shapeType: number): Buffer {
  if (row.geometry.type === 'Point') {
    const [x, y] = row.geometry.coordinates as Position;
    const content = Buffer.alloc(20);
    content.writeInt32LE(shapeType, 0);
    content.writeDoubleLE(x, 4);
    content.writeDoubleLE(y, 12);
    return content;
  }
  const parts = shapeParts(row.geometry);
  const points = parts.flat();
  const content = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
  content.writeInt32LE(shapeType, 0);
  const [minX, minY, maxX, maxY] = row.envelope;
  content.writeDoubleLE(minX, 4);
  content.writeDoubleLE(minY, 12);
  content.writeDoubleLE(maxX, 20);
  content.writeDoubleLE(maxY, 28);
  content.writeInt32LE(parts.length, 36);
  content.writeInt32LE(points.length, 40);
  let start = 0;
  parts.forEach((part, index) => {
    content.writeInt32LE(start, 44 + 4 * index);
    start += part.length;
  });
  const pointsOffset = 44 + 4 * parts.length;
  points.forEach(([x, y], index) => {
    content.writeDoubleLE(x, pointsOffset + 16 * index);
    content.writeDoubleLE(y, pointsOffset + 16 * index + 8);
  });
  return content;
}

function mainHeader(shapeType: number, fileBytes: number, extent: number[]): Buffer {
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE(fileBytes / 2, 24); // length in 16-bit words
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(shapeType, 32);
  extent.forEach((value, index) => {
    header.writeDoubleLE(value, 36 + 8 * index);
  });
  return header;
}

/**
 * Writes `<base>.shp`, `.shx`, `.dbf`, `.prj` and `.cpg` for one geometry type: a shapefile holds
 * one type only, so the caller writes one set per type. Records are appended as batches come,
 * and the headers (record count, file length, extent) are written last. Text is UTF-8 (the .cpg
 * says so) cut to dBASE's 254 bytes per field; full stories are in the other formats.
 */
export async function writeShapefile(options: {
  directory: string;
  base: string;
  geometryType: ContributionGeometryType;
  columns: readonly ExportColumn[];
  /**
   * Field name per column name (see `dbfFieldNames`); give the names of every layer of the zip so
   * that one column has one field name throughout. Left out: worked out from `columns`.
   */
  fieldNames?: ReadonlyMap<string, string>;
  prjWkt: string;
  rows: AsyncIterable<ExportRow[]>;
}): Promise<{ files: string[]; records: number }> {
  const shapeType = SHAPE_TYPES[options.geometryType];
  const file = (extension: string) => path.join(options.directory, `${options.base}.${extension}`);
  const fields = dbfFields(
    options.columns,
    options.fieldNames ?? dbfFieldNames(options.columns.map((column) => column.name)),
  );
  const [shp, shx, dbf] = await Promise.all([
    open(file('shp'), 'w'),
    open(file('shx'), 'w'),
    open(file('dbf'), 'w'),
  ]);
  let records = 0;
  let shpBytes = 100;
  const extent = [Infinity, Infinity, -Infinity, -Infinity];
  try {
    const dbfHeaderBytes = dbfHeader(fields, 0).length;
    let dbfPosition = dbfHeaderBytes;
    for await (const batch of options.rows) {
      const shpParts: Buffer[] = [];
      const shxParts: Buffer[] = [];
      const dbfParts: Buffer[] = [];
      for (const row of batch) {
        records += 1;
        const content = shapeRecord(row, shapeType);
        const recordHeader = Buffer.alloc(8);
        recordHeader.writeInt32BE(records, 0);
        recordHeader.writeInt32BE(content.length / 2, 4);
        const index = Buffer.alloc(8);
        index.writeInt32BE(shpBytes / 2, 0);
        index.writeInt32BE(content.length / 2, 4);
        shpParts.push(recordHeader, content);
        shxParts.push(index);
        shpBytes += 8 + content.length;
        const [minX, minY, maxX, maxY] = row.envelope;
        extent[0] = Math.min(extent[0] as number, minX);
        extent[1] = Math.min(extent[1] as number, minY);
        extent[2] = Math.max(extent[2] as number, maxX);
        extent[3] = Math.max(extent[3] as number, maxY);
        const values = rowValues(options.columns, row);
        dbfParts.push(
          Buffer.from(' '),
          ...fields.map((field, column) => dbfCell(field, values[column] ?? null)),
        );
      }
      const shpChunk = Buffer.concat(shpParts);
      const dbfChunk = Buffer.concat(dbfParts);
      await Promise.all([
        shp.write(shpChunk, 0, shpChunk.length, shpBytes - shpChunk.length),
        shx.write(Buffer.concat(shxParts), 0, undefined, 100 + (records - batch.length) * 8),
        dbf.write(dbfChunk, 0, undefined, dbfPosition),
      ]);
      dbfPosition += dbfChunk.length;
    }
    const bounds = Number.isFinite(extent[0]) ? extent : [0, 0, 0, 0];
    await Promise.all([
      shp.write(mainHeader(shapeType, shpBytes, bounds), 0, 100, 0),
      shx.write(mainHeader(shapeType, 100 + records * 8, bounds), 0, 100, 0),
      dbf.write(dbfHeader(fields, records), 0, undefined, 0),
      dbf.write(Buffer.from([0x1a]), 0, 1, dbfPosition),
    ]);
  } finally {
    await Promise.all([shp.close(), shx.close(), dbf.close()]);
  }
  await writeFile(file('prj'), options.prjWkt);
  await writeFile(file('cpg'), 'UTF-8');
  return { files: ['shp', 'shx', 'dbf', 'prj', 'cpg'].map(file), records };
}
