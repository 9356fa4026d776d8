import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_REFERENCE_FEATURES } from '@nabolag/schema';
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import sqlite from 'node-sqlite3-wasm';
import { z } from 'zod';

export type ReferenceFormat = 'geojson' | 'gpkg' | 'kml';
type Scalar = string | number | boolean | null;

export interface ParsedFeature {
  /** GeoJSON geometry text, or WKB in hex (GeoPackage), in the file's CRS. */
  geometry: { kind: 'geojson' | 'wkb'; text: string };
  label: string | null;
  properties: Record<string, Scalar>;
}

export type ParsedFile =
  | { ok: true; format: ReferenceFormat; srid: number; features: ParsedFeature[]; notes: string[] }
  | { ok: false; reason: string };

const fail = (reason: string): ParsedFile => ({ ok: false, reason });

/** Attributes whose value names a feature on the map, in order of preference. */
const LABEL_KEYS = ['name', 'navn', 'title', 'tittel', 'label', 'description'];
const MAX_PROPERTIES = 50;
const MAX_TEXT = 500;

/** Keeps scalar attributes (at most 50, texts cut to 500 characters) and picks a label. */
function cleanProperties(raw: Record<string, unknown> | null | undefined) {
  const properties: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(raw ?? {}).slice(0, MAX_PROPERTIES)) {
    if (value === null || typeof value === 'number' || typeof value === 'boolean') properties[key] = value;
    else if (typeof value === 'string') properties[key] = value.slice(0, MAX_TEXT);
  }
  const lower = new Map(Object.entries(properties).map(([key, value]) => [key.toLowerCase(), value]));
  const label = LABEL_KEYS.map((key) => lower.get(key)).find(
    (value) => typeof value === 'string' && value.trim() !== '',
  );
  return { properties, label: typeof label === 'string' ? label.trim().slice(0, MAX_TEXT) : null };
}

/** What the file is, by its first bytes: SQLite (GeoPackage), JSON or XML (KML). */
export function sniffFormat(bytes: Buffer): ReferenceFormat | undefined {
  if (bytes.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000') return 'gpkg';
  const start = bytes
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start.startsWith('{')) return 'geojson';
  if (start.startsWith('<')) return 'kml';
  return undefined;
}

const position = z.array(z.number().finite()).min(2).max(4);
const ring = z.array(position).min(4, 'a polygon ring needs at least 4 positions');
const line = z.array(position).min(2, 'a line needs at least 2 positions');
const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position).min(1) }),
  z.object({ type: z.literal('LineString'), coordinates: line }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(line).min(1) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const featureSchema = z.object({
  type: z.literal('Feature'),
  geometry: geometrySchema.nullable(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
});
const crsSchema = z
  .object({ type: z.literal('name'), properties: z.object({ name: z.string() }) })
  .optional();
const geojsonSchema = z.union([
  z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema), crs: crsSchema }),
  featureSchema.extend({ crs: crsSchema }),
]);

/** EPSG code of a legacy GeoJSON `crs` name (`EPSG:25832`, `urn:ogc:def:crs:EPSG::25832`, CRS84). */
function epsgOfName(name: string): number | undefined {
  if (/CRS84$/i.test(name)) return 4326;
  const code = /EPSG:{1,2}(\d{4,6})$/i.exec(name)?.[1];
  return code ? Number(code) : undefined;
}

function parseGeojson(bytes: Buffer): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`The GeoJSON file is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = geojsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      `The file is not GeoJSON this map can show: ${issue?.path.join('.') || 'the top level'}: ${issue?.message}. ` +
        'Send a FeatureCollection of points, lines and polygons.',
    );
  }
  const features = parsed.data.type === 'FeatureCollection' ? parsed.data.features : [parsed.data];
  const crsName = parsed.data.crs?.properties.name;
  const srid = crsName === undefined ? 4326 : epsgOfName(crsName);
  if (srid === undefined)
    return fail(`The file's coordinate system "${crsName}" is unknown; use EPSG codes.`);
  const withGeometry = features.filter((feature) => feature.geometry !== null);
  const notes =
    withGeometry.length < features.length
      ? [`${features.length - withGeometry.length} features without geometry were left out.`]
      : [];
  return {
    ok: true,
    format: 'geojson',
    srid,
    notes,
    features: withGeometry.map((feature) => ({
      geometry: { kind: 'geojson', text: JSON.stringify(feature.geometry) },
      ...cleanProperties(feature.properties),
    })),
  };
}

function parseKml(bytes: Buffer): ParsedFile {
  const problems: string[] = [];
  let document: ReturnType<DOMParser['parseFromString']>;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message);
      },
    }).parseFromString(bytes.toString('utf8').replace(/^\uFEFF/, ''), 'text/xml');
  } catch (error) {
    // xmldom throws on fatal errors (an unclosed element), after reporting them.
    problems.push((error as Error).message);
    return fail(`The KML file is not well-formed XML: ${problems[0]}`);
  }
  if (problems.length > 0) return fail(`The KML file is not well-formed XML: ${problems[0]}`);
  if (document.documentElement?.localName !== 'kml') {
    return fail('The XML file is not KML (its root element is not <kml>).');
  }
  // togeojson walks a DOM; xmldom's document has the parts it uses.
  const collection = kml(document as unknown as Parameters<typeof kml>[0]);
  const all = collection.features;
  const features = all.filter(
    (feature) => feature.geometry && feature.geometry.type !== 'GeometryCollection',
  );
  const notes =
    features.length < all.length
      ? [`${all.length - features.length} placemarks without a simple geometry were left out.`]
      : [];
  return {
    ok: true,
    format: 'kml',
    srid: 4326,
    notes,
    features: features.map((feature) => ({
      geometry: { kind: 'geojson', text: JSON.stringify(feature.geometry) },
      ...cleanProperties(feature.properties as Record<string, unknown>),
    })),
  };
}

/** Envelope bytes after the 8-byte GeoPackage header, by the flags' envelope indicator (bits 1–3). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** The ISO WKB inside a GeoPackage geometry blob (OGC 12-128r18, 2.1.3), or undefined when empty. */
export function wkbOfGpkgBlob(blob: Uint8Array): Buffer | undefined | 'not-gpkg' {
  const bytes = Buffer.from(blob);
  if (bytes.length < 8 || bytes.toString('latin1', 0, 2) !== 'GP') return 'not-gpkg';
  const flags = bytes.readUInt8(3);
  if (flags & 0b0010_0000) return 'not-gpkg'; // extended (non-standard) geometry types
  if (flags & 0b0001_0000) return undefined; // empty geometry
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0b111];
  if (envelope === undefined) return 'not-gpkg';
  return bytes.subarray(8 + envelope);
}

async function parseGpkg(bytes: Buffer): Promise<ParsedFile> {
  const directory = await mkdtemp(path.join(tmpdir(), 'nabolag-upload-'));
  const file = path.join(directory, 'upload.gpkg');
  await writeFile(file, bytes);
  let db: InstanceType<typeof sqlite.Database> | undefined;
  try {
    db = new sqlite.Database(file, { readOnly: true, fileMustExist: true });
    const tables = db.all(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys')`,
    );
    if (tables.length < 3) return fail('The SQLite file is not a GeoPackage (it lacks the gpkg_ tables).');
    const layers = db.all(
      `SELECT c.table_name AS "table", g.column_name AS "column", g.srs_id AS "srsId",
              s.organization AS organization, s.organization_coordsys_id AS code
       FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
       LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
       WHERE c.data_type = 'features' ORDER BY c.table_name`,
    ) as Array<{
      table: string;
      column: string;
      srsId: number;
      organization: string | null;
      code: number | null;
    }>;
    if (layers.length === 0) return fail('The GeoPackage has no feature tables.');
    const srids = new Set(
      layers.map((layer) =>
        layer.organization?.toUpperCase() === 'EPSG' && layer.code && layer.code > 0
          ? Number(layer.code)
          : undefined,
      ),
    );
    if (srids.has(undefined)) {
      return fail(
        'A table of the GeoPackage has no known coordinate system (no EPSG code); set one in your GIS and save again.',
      );
    }
    if (srids.size > 1)
      return fail('The GeoPackage’s tables use different coordinate systems; upload one table at a time.');
    const features: ParsedFeature[] = [];
    let empty = 0;
    for (const layer of layers) {
      const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
      for (const row of db.prepare(`SELECT * FROM ${quote(layer.table)}`).iterate()) {
        if (features.length > MAX_REFERENCE_FEATURES) break;
        const blob = row[layer.column];
        const wkb = blob instanceof Uint8Array ? wkbOfGpkgBlob(blob) : undefined;
        if (wkb === 'not-gpkg')
          return fail(`Table ${layer.table}: a geometry is not in GeoPackage binary form.`);
        if (!wkb) {
          empty += 1;
          continue;
        }
        const attributes = Object.fromEntries(
          Object.entries(row).filter(
            ([key, value]) => key !== layer.column && !(value instanceof Uint8Array),
          ),
        );
        features.push({
          geometry: { kind: 'wkb', text: wkb.toString('hex') },
          ...cleanProperties(attributes),
        });
      }
    }
    return {
      ok: true,
      format: 'gpkg',
      srid: [...srids][0] as number,
      features,
      notes: [
        ...(layers.length > 1 ? [`${layers.length} tables were joined into one layer.`] : []),
        ...(empty > 0 ? [`${empty} rows without geometry were left out.`] : []),
      ],
    };
  } catch (error) {
    return fail(`The GeoPackage cannot be read (${(error as Error).message}).`);
  } finally {
    db?.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** Reads an uploaded file as GeoJSON, KML or GeoPackage, deciding by its bytes, not its name. */
export async function parseReferenceFile(bytes: Buffer): Promise<ParsedFile> {
  switch (sniffFormat(bytes)) {
    case 'geojson':
      return parseGeojson(bytes);
    case 'kml':
      return parseKml(bytes);
    case 'gpkg':
      return parseGpkg(bytes);
    default:
      return fail('The file is not GeoJSON, GeoPackage or KML.');
  }
}
