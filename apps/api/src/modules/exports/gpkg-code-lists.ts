import { type LocalizedText, pickText } from '@nabolag/schema';
import type sqlite from 'node-sqlite3-wasm';
import { codeListsOf, languageColumn } from './answer-columns.ts';
import type { ExportColumn } from './export-columns.ts';

type Database = InstanceType<typeof sqlite.Database>;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The GeoPackage Schema extension (OGC 12-128r18, annex F.9), as gpkg_extensions names it. */
const SCHEMA_EXTENSION = ['gpkg_schema', 'http://www.geopackage.org/spec/#extension_schema', 'read-write'];

/** What the code list table is called in gpkg_contents, per language. */
const CODES_TITLE: LocalizedText = {
  nb: 'Svarkoder for spørsmålene med ett svaralternativ',
  nn: 'Svarkodar for spørsmåla med eitt svaralternativ',
  en: 'Answer codes of the single-choice questions',
};

/**
 * The tables of the Schema extension: gpkg_data_columns (a title per column) and
 * gpkg_data_column_constraints (code lists as `enum` constraints), registered in gpkg_extensions.
 */
function createSchemaTables(db: Database) {
  db.exec(`CREATE TABLE gpkg_extensions (
      table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
      scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
    CREATE TABLE gpkg_data_columns (
      table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT,
      mime_type TEXT, constraint_name TEXT,
      CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
      CONSTRAINT gdc_tn UNIQUE (table_name, name));
    CREATE TABLE gpkg_data_column_constraints (
      constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC,
      min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT,
      CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));`);
  for (const table of ['gpkg_data_columns', 'gpkg_data_column_constraints'])
    db.run('INSERT INTO gpkg_extensions VALUES (?, NULL, ?, ?, ?)', [table, ...SCHEMA_EXTENSION]);
}

/**
 * Each feature table's columns with their titles in the export's language (gpkg_data_columns);
 * a single-choice answer column names its code list, which GDAL reads as a coded field domain
 * and QGIS shows as a value map (labels in the attribute form).
 */
export function writeColumnTitles(
  db: Database,
  tables: ReadonlyArray<{ table: string; columns: readonly ExportColumn[] }>,
) {
  createSchemaTables(db);
  const insert = db.prepare('INSERT INTO gpkg_data_columns VALUES (?, ?, ?, ?, NULL, NULL, ?)');
  try {
    for (const { table, columns } of tables) {
      // `name` is unique per table: two questions with the same wording get their column name added.
      const names = new Set<string>();
      for (const column of columns) {
        const name = names.has(column.title) ? `${column.title} (${column.name})` : column.title;
        names.add(name);
        insert.run([table, column.name, name, column.title, column.codes ? column.name : null]);
      }
    }
  } finally {
    insert.finalize();
  }
}

/**
 * The code lists of the single-choice answers, twice: as `enum` constraints named after their
 * column (labels in `language`), and as an attributes table `question_codes` (column_name, code,
 * label, label_<language>… for each of `languages`) listed in gpkg_contents, which QGIS offers
 * as a table layer to read or join. `taken`: table names already used (by the layers).
 */
export function writeCodeLists(
  db: Database,
  options: {
    columns: readonly ExportColumn[];
    language: string;
    languages: readonly string[];
    taken: readonly string[];
  },
) {
  const lists = codeListsOf(options.columns);
  if (lists.length === 0) return;
  let table = 'question_codes';
  for (let counter = 1; options.taken.includes(table); counter += 1) table = `question_codes_${counter}`;
  const languageColumns = options.languages.map((language) => languageColumn('label', language));
  db.exec(
    `CREATE TABLE ${quote(table)} (${[
      'fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL',
      'column_name TEXT NOT NULL',
      'code TEXT NOT NULL',
      'label TEXT',
      ...languageColumns.map((column) => `${quote(column)} TEXT`),
    ].join(', ')})`,
  );
  db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, ?, ?, ?)', [
    table,
    'attributes',
    table,
    pickText(CODES_TITLE, options.language, ['en']),
  ]);
  const constraint = db.prepare(
    "INSERT INTO gpkg_data_column_constraints VALUES (?, 'enum', ?, NULL, NULL, NULL, NULL, ?)",
  );
  const row = db.prepare(
    `INSERT INTO ${quote(table)} (${['column_name', 'code', 'label', ...languageColumns.map(quote)].join(', ')})
     VALUES (${['?', '?', '?', ...languageColumns.map(() => '?')].join(', ')})`,
  );
  try {
    db.exec('BEGIN');
    for (const { column, codes } of lists) {
      for (const code of codes) {
        const label = pickText(code.labels, options.language);
        constraint.run([column, code.code, label]);
        const labels = code.labels as Record<string, string | undefined>;
        row.run([column, code.code, label, ...options.languages.map((language) => labels[language] ?? null)]);
      }
    }
    db.exec('COMMIT');
  } finally {
    constraint.finalize();
    row.finalize();
  }
}
