import {
  type FollowUpCell,
  followUpColumns,
  followUpColumnTitle,
  followUpRowValues,
  type LocalizedText,
  pickText,
} from '@nabolag/schema';
import { stringify } from 'csv-stringify/sync';
import type { QuestionSet } from '../follow-up/follow-up.repository.ts';
import type { ExportColumn, ExportRow } from './export-columns.ts';

/** Option keys are at most 40 ASCII characters (optionKeySchema): the width of a code field. */
const CODE_WIDTH = 40;

/** What the `q_<key>_label` column is called beside its question, per language. */
const LABEL_SUFFIX: LocalizedText = { nb: 'svartekst', nn: 'svartekst', en: 'answer text' };

function labelTitles(question: LocalizedText): LocalizedText {
  const languages = new Set([...Object.keys(question), ...Object.keys(LABEL_SUFFIX)]);
  return Object.fromEntries(
    [...languages].map((language) => [
      language,
      `${pickText(question, language)} (${pickText(LABEL_SUFFIX, language, ['en'])})`,
    ]),
  );
}

/**
 * The follow-up answers as export columns (names, types and values from `followUpColumns` and
 * `followUpRowValues` in packages/schema): `q_version`, `q_<key>` per question (a code, a whole
 * or real number, or text), `q_<key>_label` with a single choice's label in `language`, and one
 * boolean `q_<key>__<option>` per multiple-choice option. `sets`: every stored version of the
 * questions the layer's contributions can have answered, so answers to old versions fit too.
 * Staff exports only: free-text answers are in.
 */
export function answerExportColumns(sets: readonly QuestionSet[], language: string): ExportColumn[] {
  const columns = followUpColumns(
    sets.map((set) => set.questions),
    { labelLanguage: language },
  );
  // A row's answer cells are worked out once (for its first column) and read by the others.
  const cells = new WeakMap<ExportRow, Record<string, FollowUpCell>>();
  const cellsOf = (row: ExportRow) => {
    let values = cells.get(row);
    if (!values) {
      values = followUpRowValues(columns, row.answers, { labelLanguage: language });
      cells.set(row, values);
    }
    return values;
  };
  return columns.map((column): ExportColumn => {
    const labels = column.holds === 'label' ? labelTitles(column.labels) : column.labels;
    return {
      name: column.name,
      type: column.type,
      title: column.holds === 'label' ? pickText(labels, language) : followUpColumnTitle(column, language),
      labels,
      ...(column.holds === 'code' && column.codes ? { codes: column.codes, textWidth: CODE_WIDTH } : {}),
      value: (row) => cellsOf(row)[column.name] ?? null,
    };
  });
}

/** The single-choice code lists of these columns, one per column name. */
export function codeListsOf(
  columns: readonly ExportColumn[],
): Array<{ column: string; codes: NonNullable<ExportColumn['codes']> }> {
  const lists = new Map<string, NonNullable<ExportColumn['codes']>>();
  for (const column of columns)
    if (column.codes && !lists.has(column.name)) lists.set(column.name, column.codes);
  return [...lists.entries()].map(([column, codes]) => ({ column, codes }));
}

/** A language tag as part of a column name: `label_nb`, `label_pt_br`. */
export const languageColumn = (prefix: string, language: string) =>
  `${prefix}_${language.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;

/** The text in exactly this language, or '' (a dictionary's per-language columns do not fall back). */
const inLanguage = (text: LocalizedText, language: string) =>
  (text as Record<string, string | undefined>)[language] ?? '';

/** CSV for a zip beside the data: UTF-8 with a byte-order mark, like the CSV export itself. */
const csvFile = (rows: unknown[][]) => `\uFEFF${stringify(rows)}`;

/**
 * `columns.csv`, the column dictionary of a zip: each column's name, its Shapefile field name
 * (when `fieldNames` is given: dBASE names are at most 10 characters), its type, its title in the
 * export's language and in each of `languages`, and the code list it uses.
 */
export function columnsCsv(
  columns: readonly ExportColumn[],
  languages: readonly string[],
  fieldNames?: ReadonlyMap<string, string>,
): string {
  const header = [
    'name',
    ...(fieldNames ? ['shapefile_name'] : []),
    'type',
    'title',
    ...languages.map((language) => languageColumn('title', language)),
    'codes',
  ];
  const seen = new Set<string>();
  const rows = columns
    .filter((column) => !seen.has(column.name) && seen.add(column.name))
    .map((column) => [
      column.name,
      ...(fieldNames ? [fieldNames.get(column.name) ?? column.name] : []),
      column.type,
      column.title,
      ...languages.map((language) => inLanguage(column.labels, language)),
      column.codes ? 'codes.csv' : '',
    ]);
  return csvFile([header, ...rows]);
}

/** `codes.csv`: every code of every code list, with its label in the export's language and in each of `languages`. */
export function codesCsv(
  columns: readonly ExportColumn[],
  language: string,
  languages: readonly string[],
  fieldNames?: ReadonlyMap<string, string>,
): string {
  const header = [
    'column',
    ...(fieldNames ? ['shapefile_name'] : []),
    'code',
    'label',
    ...languages.map((other) => languageColumn('label', other)),
  ];
  const rows = codeListsOf(columns).flatMap(({ column, codes }) =>
    codes.map((code) => [
      column,
      ...(fieldNames ? [fieldNames.get(column) ?? column] : []),
      code.code,
      pickText(code.labels, language),
      ...languages.map((other) => inLanguage(code.labels, other)),
    ]),
  );
  return csvFile([header, ...rows]);
}
