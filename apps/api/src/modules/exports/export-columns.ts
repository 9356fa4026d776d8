import type { ContributionGeometryType, LocalizedText } from '@nabolag/schema';
import type { StoredAnswers } from '../follow-up/follow-up.repository.ts';

/** One contribution as the export writers see it, with its geometry in the export's CRS. */
export interface ExportRow {
  id: string;
  category: string;
  story: string | null;
  status: string;
  /** ISO 8601 in UTC with milliseconds, `2025-05-01T12:00:00.000Z`. */
  created: string;
  sessionCode: string | null;
  sessionTitle: string | null;
  ageBand: string | null;
  /** The participant's relations to the area, comma-separated (`lives,works`). */
  relation: string | null;
  hasPhoto: boolean;
  geometryType: ContributionGeometryType;
  /** GeoJSON geometry in the export's CRS (coordinates in its units: degrees or metres). */
  geometry: { type: ContributionGeometryType; coordinates: unknown };
  /** ISO WKB of the geometry, when the writer asked for it (GeoPackage). */
  wkb?: Buffer;
  /** `[minX, minY, maxX, maxY]` of the geometry in the export's CRS. */
  envelope: [number, number, number, number];
  /** The follow-up answers and the version of the questions they answer; null without answers. */
  answers: StoredAnswers | null;
}

export type ExportCellType = 'text' | 'integer' | 'real' | 'boolean' | 'datetime';
export type ExportCell = string | number | boolean | null;

/**
 * A column of every export format. Writers map the type to their own (GeoPackage TEXT/INTEGER/
 * REAL/BOOLEAN/DATETIME, dBASE C/N/L, CSV text…). Further columns from project data (the answers
 * to follow-up questions, say) are added by appending to the list `exportColumns` returns.
 */
export interface ExportColumn {
  /** Machine name, lower case ASCII; at most 10 characters for the base columns (dBASE's limit). */
  name: string;
  type: ExportCellType;
  /** Title in the export's language (GeoPackage column title, KML schema display name). */
  title: string;
  /** The title in every language there is one in, for the column dictionary (`columns.csv`). */
  labels: LocalizedText;
  /** The code list of a column of codes (single-choice answers): code → label per language. */
  codes?: ReadonlyArray<{ code: string; labels: LocalizedText }>;
  /** Bytes a dBASE text field needs at most (the Shapefile's width); 254 when not given. */
  textWidth?: number;
  value: (row: ExportRow) => ExportCell;
}

const TITLES: Record<string, Record<string, string>> = {
  nb: {
    id: 'ID',
    category: 'Kategori (nøkkel)',
    cat_label: 'Kategori',
    story: 'Fortelling',
    status: 'Status',
    created: 'Opprettet',
    session: 'Verksted (kode)',
    sess_title: 'Verksted',
    age_band: 'Aldersgruppe',
    relation: 'Tilknytning til området',
    photo: 'Bilde',
  },
  nn: {
    id: 'ID',
    category: 'Kategori (nøkkel)',
    cat_label: 'Kategori',
    story: 'Forteljing',
    status: 'Status',
    created: 'Oppretta',
    session: 'Verkstad (kode)',
    sess_title: 'Verkstad',
    age_band: 'Aldersgruppe',
    relation: 'Tilknyting til området',
    photo: 'Bilete',
  },
  en: {
    id: 'ID',
    category: 'Category (key)',
    cat_label: 'Category',
    story: 'Story',
    status: 'Status',
    created: 'Created',
    session: 'Workshop (code)',
    sess_title: 'Workshop',
    age_band: 'Age band',
    relation: 'Relation to the area',
    photo: 'Photo',
  },
};

/**
 * The base attribute list of an export: what a planner needs per contribution, and no field
 * that identifies a participant (no participant id, token, years in the area or free text about
 * the person). `categoryLabel` gives a category's label in the export's language; `origin` is
 * the server's `https://host` for absolute photo links.
 */
export function exportColumns(options: {
  language: string;
  categoryLabel: (key: string) => string;
  origin: string;
}): ExportColumn[] {
  const titles = TITLES[options.language] ?? (TITLES.en as Record<string, string>);
  const column = (name: string, type: ExportCellType, value: ExportColumn['value']): ExportColumn => ({
    name,
    type,
    title: titles[name] ?? name,
    labels: Object.fromEntries(
      Object.entries(TITLES).map(([language, inLanguage]) => [language, inLanguage[name] ?? name]),
    ),
    value,
  });
  return [
    column('id', 'text', (row) => row.id),
    column('category', 'text', (row) => row.category),
    column('cat_label', 'text', (row) => options.categoryLabel(row.category)),
    column('story', 'text', (row) => row.story),
    column('status', 'text', (row) => row.status),
    column('created', 'datetime', (row) => row.created),
    column('session', 'text', (row) => row.sessionCode),
    column('sess_title', 'text', (row) => row.sessionTitle),
    column('age_band', 'text', (row) => row.ageBand),
    column('relation', 'text', (row) => row.relation),
    column('photo', 'text', (row) =>
      row.hasPhoto ? `${options.origin}/api/staff/contributions/${row.id}/photo` : null,
    ),
  ];
}

/** The values of one row, in column order. */
export function rowValues(columns: readonly ExportColumn[], row: ExportRow): ExportCell[] {
  return columns.map((column) => column.value(row));
}
