import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  type ContributionGeometryType,
  EXPORT_CRS,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportQuery,
  type ExportSummary,
  pickText,
} from '@nabolag/schema';
import yazl from 'yazl';
import type { Queryable } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { listQuestionSets } from '../follow-up/follow-up.repository.ts';
import type { StoredProject } from '../projects/projects.repository.ts';
import { answerExportColumns, codeListsOf, codesCsv, columnsCsv } from './answer-columns.ts';
import { csvChunks } from './csv-writer.ts';
import { dbfFieldNames } from './dbf-field-names.ts';
import { exportColumns } from './export-columns.ts';
import { type ExportLayer, layerFileName } from './export-layer.ts';
import { countExportRows, crsDefinition, readExportRows } from './exports.repository.ts';
import { geojsonChunks } from './geojson-writer.ts';
import { writeGeoPackage } from './gpkg-writer.ts';
import { kmlChunks } from './kml-writer.ts';
import { writeShapefile } from './shapefile-writer.ts';

export interface ExportDownload {
  filename: string;
  contentType: string;
  body: Readable;
  /** Known for files built before sending (GeoPackage); streamed formats have none. */
  contentLength?: number;
  features: number;
}

const GEOMETRY_FILE_SUFFIX: Record<ContributionGeometryType, string> = {
  Point: 'points',
  LineString: 'lines',
  Polygon: 'polygons',
};

/** What an export of the project will hold, per category (labels in `language`). */
export async function exportSummary(
  db: Queryable,
  project: StoredProject,
  language: string,
): Promise<ExportSummary> {
  const counts = await countExportRows(db, project.id);
  const categories = project.categories.map((category) => {
    const mine = counts.filter((count) => count.category === category.key);
    const of = (type: ContributionGeometryType) =>
      mine.find((count) => count.geometryType === type)?.features ?? 0;
    return {
      key: category.key,
      label: pickText(category.labels, language, project.textFallback),
      features: mine.reduce((sum, count) => sum + count.features, 0),
      points: of('Point'),
      lines: of('LineString'),
      polygons: of('Polygon'),
    };
  });
  return {
    features: categories.reduce((sum, category) => sum + category.features, 0),
    categories,
    formats: [...EXPORT_FORMATS],
    crs: [...EXPORT_CRS],
  };
}

/** Zips entries one after the other, each read only when the archive reaches it. */
function zipStream(entries: Array<{ name: string; open: () => Readable } | { name: string; file: string }>) {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if ('file' in entry) zip.addFile(entry.file, entry.name);
    else zip.addReadStreamLazy(entry.name, (callback) => callback(null, entry.open()));
  }
  zip.end();
  return zip.outputStream as Readable;
}

/** Deletes `directory` once `body` has been sent, failed or was abandoned by the client. */
function removeWhenDone(body: Readable, directory: string): Readable {
  body.once('close', () => void rm(directory, { recursive: true, force: true }));
  return body;
}

/**
 * Builds a whole-project download. Text formats (GeoJSON, CSV, KML) stream straight from the
 * database; GeoPackage and Shapefile are written to a temporary folder first (their headers come
 * last), then streamed and deleted. `origin` (`https://host`) makes photo links absolute.
 */
export async function buildExport(
  db: Queryable,
  project: StoredProject,
  query: ExportQuery,
  origin: string,
): Promise<ExportDownload> {
  if (query.format === 'kml' && query.crs !== 4326) {
    throw new AppError(
      'VALIDATION_FAILED',
      'KML is always in WGS 84 longitude/latitude: leave out crs, or use crs=4326.',
    );
  }
  const summary = await exportSummary(db, project, query.lang);
  const labels = new Map(summary.categories.map((category) => [category.key, category.label]));
  const baseColumns = exportColumns({
    language: query.lang,
    categoryLabel: (key) => labels.get(key) ?? key,
    origin,
  });
  // Follow-up answers as columns: a category's layer gets the columns of its own questions (every
  // stored version), one layer those of all categories; `columns` (all of them) is what the
  // column dictionary and the code lists describe.
  const sets = await listQuestionSets(db, project.id);
  const columnsOf = (category?: string) => [
    ...baseColumns,
    ...answerExportColumns(
      sets.filter((set) => category === undefined || set.category === category),
      query.lang,
    ),
  ];
  const columns = columnsOf();
  const dictionary = (fieldNames?: ReadonlyMap<string, string>) => [
    { name: 'columns.csv', open: () => Readable.from([columnsCsv(columns, project.languages, fieldNames)]) },
    ...(codeListsOf(columns).length > 0
      ? [
          {
            name: 'codes.csv',
            open: () => Readable.from([codesCsv(columns, query.lang, project.languages, fieldNames)]),
          },
        ]
      : []),
  ];
  const withWkb = query.format === 'gpkg';
  const rowsOf = (category?: string, geometryType?: ContributionGeometryType) => () =>
    readExportRows(db, { projectId: project.id, srid: query.crs, category, geometryType, withWkb });
  const projectTitle = pickText(project.title, query.lang, project.textFallback);
  const present = summary.categories.filter((category) => category.features > 0);
  const layers: ExportLayer[] =
    query.layout === 'per-category' && present.length > 0
      ? present.map((category) => ({
          name: category.key,
          title: category.label,
          colour: project.categories.find((candidate) => candidate.key === category.key)?.colour,
          columns: columnsOf(category.key),
          rows: rowsOf(category.key),
        }))
      : [{ name: 'contributions', title: projectTitle, columns, rows: rowsOf() }];

  const date = new Date().toISOString().slice(0, 10);
  const base = `${project.slug}-${date}${query.crs === 4326 ? '' : `-epsg${query.crs}`}`;
  const download = (format: ExportFormat, extension: string, contentType: string, body: Readable) => ({
    filename: `${base}.${extension}`,
    contentType,
    body,
    features: summary.features,
    format,
  });
  const perFile = layers.length > 1 || query.layout === 'per-category';

  switch (query.format) {
    case 'geojson':
    case 'csv': {
      const chunks = (layer: ExportLayer) =>
        query.format === 'geojson' ? geojsonChunks(layer, query.crs) : csvChunks(layer);
      if (!perFile) {
        const [layer] = layers as [ExportLayer];
        return query.format === 'geojson'
          ? download('geojson', 'geojson', 'application/geo+json', Readable.from(chunks(layer)))
          : download('csv', 'csv', 'text/csv; charset=utf-8', Readable.from(chunks(layer)));
      }
      const body = zipStream([
        ...layers.map((layer) => ({
          name: `${layerFileName(layer.name)}.${query.format}`,
          open: () => Readable.from(chunks(layer)),
        })),
        ...dictionary(),
      ]);
      return download(query.format, `${query.format}.zip`, 'application/zip', body);
    }
    case 'kml': {
      const body = Readable.from(
        kmlChunks(projectTitle, layers, (row) => labels.get(row.category) ?? row.category),
      );
      return download('kml', 'kml', 'application/vnd.google-earth.kml+xml', body);
    }
    case 'gpkg': {
      const directory = await mkdtemp(path.join(tmpdir(), 'nabolag-export-'));
      try {
        const file = path.join(directory, `${base}.gpkg`);
        const [crs, wgs84] = await Promise.all([crsDefinition(db, query.crs), crsDefinition(db, 4326)]);
        await writeGeoPackage({
          file,
          layers,
          codes: { columns, language: query.lang, languages: project.languages },
          srid: query.crs,
          crs,
          wgs84Wkt: wgs84.wkt,
        });
        const { size } = await stat(file);
        return {
          ...download(
            'gpkg',
            'gpkg',
            'application/geopackage+sqlite3',
            removeWhenDone(createReadStream(file), directory),
          ),
          contentLength: size,
        };
      } catch (error) {
        await rm(directory, { recursive: true, force: true });
        throw error;
      }
    }
    case 'shp': {
      const directory = await mkdtemp(path.join(tmpdir(), 'nabolag-export-'));
      try {
        const crs = await crsDefinition(db, query.crs);
        // dBASE names are at most 10 characters: one field name per column across every file.
        const fieldNames = dbfFieldNames(columns.map((column) => column.name));
        const entries: Array<{ name: string; file: string }> = [];
        const sets = layers.flatMap((layer) => {
          const category = summary.categories.find((candidate) => candidate.key === layer.name);
          const types: Array<[ContributionGeometryType, number]> = [
            ['Point', category ? category.points : sumOf(summary, 'points')],
            ['LineString', category ? category.lines : sumOf(summary, 'lines')],
            ['Polygon', category ? category.polygons : sumOf(summary, 'polygons')],
          ];
          return types
            .filter(([, count]) => count > 0)
            .map(([type]) => ({ layer, type, category: category?.key }));
        });
        if (sets.length === 0)
          sets.push({ layer: layers[0] as ExportLayer, type: 'Point', category: undefined });
        for (const set of sets) {
          const fileBase = `${layerFileName(set.layer.name)}_${GEOMETRY_FILE_SUFFIX[set.type]}`;
          const written = await writeShapefile({
            directory,
            base: fileBase,
            geometryType: set.type,
            columns: set.layer.columns,
            fieldNames,
            prjWkt: crs.wkt,
            rows: rowsOf(set.category, set.type)(),
          });
          entries.push(...written.files.map((file) => ({ file, name: path.basename(file) })));
        }
        const body = zipStream([...entries, ...dictionary(fieldNames)]);
        return download('shp', 'shp.zip', 'application/zip', removeWhenDone(body, directory));
      } catch (error) {
        await rm(directory, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

function sumOf(summary: ExportSummary, key: 'points' | 'lines' | 'polygons') {
  return summary.categories.reduce((sum, category) => sum + category[key], 0);
}
