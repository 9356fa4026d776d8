import type { FollowUpAnswers, FollowUpQuestion } from './follow-up.ts';
import type { LocalizedText } from './i18n.ts';
import { pickText } from './plain.ts';

/**
 * Follow-up answers as table columns, for GIS exports (GeoPackage, Shapefile, CSV…) and for
 * analysis filters. One column per question, named `q_<key>`; a multiple-choice question gives one
 * boolean column per option, `q_<key>__<option>`. Columns are typed for GDAL/OGR: INTEGER, REAL,
 * TEXT (String) or BOOLEAN (Integer with subtype Boolean in a GeoPackage).
 */
export type FollowUpColumnType = 'integer' | 'real' | 'text' | 'boolean';

export interface FollowUpColumn {
  /** Machine-readable column name: `q_how_often`, `q_who__friends`, `q_how_often_label`, `q_version`. */
  name: string;
  type: FollowUpColumnType;
  /** The question key the column holds (absent for `q_version`). */
  question?: string;
  /** For a multiple-choice option column: the option key. */
  option?: string;
  /** What the column holds: a single choice's code (`code`), its label in `language` (`label`), or the value. */
  holds: 'code' | 'label' | 'value' | 'ticked' | 'version';
  /** The column's title per language: the question, and for an option column "question: option". */
  labels: LocalizedText;
  /** Single choice: the code list (option key → label per language). */
  codes?: Array<{ code: string; labels: LocalizedText }>;
  /** Free text a resident wrote: public outputs leave it out unless a moderator has read it. */
  freeText: boolean;
}

export interface FollowUpColumnOptions {
  /**
   * Add, after each single-choice column, a `q_<key>_label` TEXT column with the option's label
   * in this language (for readers of the attribute table). Left out: codes only.
   */
  labelLanguage?: string;
  /** Leave out free-text answers (for public outputs). */
  withoutFreeText?: boolean;
}

/** Name of the column holding which version of its category's questions a contribution answered. */
export const FOLLOW_UP_VERSION_COLUMN = 'q_version';

/**
 * The columns for the follow-up answers of one or several question lists: pass every version of
 * every category the export holds (newest first or last; the newest wins only for labels), and
 * questions are merged by key. A key keeps its type across versions and categories (project
 * admin refuses a change of type), so the column's type is the same for every row. Options
 * removed in a later version keep their column, so old answers stay readable. Columns come in
 * the order of the first list that has the question, then any questions only older lists have.
 */
export function followUpColumns(
  questionLists: ReadonlyArray<readonly FollowUpQuestion[]>,
  options: FollowUpColumnOptions = {},
): FollowUpColumn[] {
  const merged = new Map<string, FollowUpQuestion>();
  for (const questions of questionLists) {
    for (const question of questions) {
      const known = merged.get(question.key);
      if (!known) {
        merged.set(question.key, question);
      } else if ('options' in known && 'options' in question) {
        // Keep every option any version offered; the first list's labels win.
        const extra = question.options.filter(
          (option) => !known.options.some((other) => other.key === option.key),
        );
        if (extra.length > 0) merged.set(question.key, { ...known, options: [...known.options, ...extra] });
      }
    }
  }
  const columns: FollowUpColumn[] = [];
  if (merged.size === 0) return columns;
  columns.push({
    name: FOLLOW_UP_VERSION_COLUMN,
    type: 'integer',
    holds: 'version',
    labels: { nb: 'Versjon av spørsmålene', nn: 'Versjon av spørsmåla', en: 'Version of the questions' },
    freeText: false,
  });
  for (const question of merged.values()) {
    const name = `q_${question.key}`;
    const base = { question: question.key, labels: question.labels, freeText: false };
    switch (question.type) {
      case 'single': {
        const codes = question.options.map((option) => ({ code: option.key, labels: option.labels }));
        columns.push({ ...base, name, type: 'text', holds: 'code', codes });
        if (options.labelLanguage !== undefined) {
          columns.push({ ...base, name: `${name}_label`, type: 'text', holds: 'label', codes });
        }
        break;
      }
      case 'multiple':
        for (const option of question.options) {
          columns.push({
            ...base,
            name: `${name}__${option.key}`,
            type: 'boolean',
            holds: 'ticked',
            option: option.key,
            labels: joinLabels(question.labels, option.labels),
          });
        }
        break;
      case 'scale':
        columns.push({ ...base, name, type: 'integer', holds: 'value' });
        break;
      case 'number':
        columns.push({ ...base, name, type: question.integer ? 'integer' : 'real', holds: 'value' });
        break;
      case 'text':
        if (!options.withoutFreeText)
          columns.push({ ...base, name, type: 'text', holds: 'value', freeText: true });
        break;
    }
  }
  return columns;
}

function joinLabels(question: LocalizedText, option: LocalizedText): LocalizedText {
  const languages = new Set([...Object.keys(question), ...Object.keys(option)]);
  return Object.fromEntries(
    [...languages].map((language) => [
      language,
      `${pickText(question, language)}: ${pickText(option, language)}`,
    ]),
  );
}

export type FollowUpCell = string | number | boolean | null;

/**
 * One row's values for `columns`, from a contribution's stored answers (`null` when it has none).
 * Unanswered questions are `null`; a multiple-choice question that was answered gives true/false
 * per option, one that was not gives `null` in each. A value that does not fit its column's type
 * is `null` rather than a wrong cell.
 */
export function followUpRowValues(
  columns: readonly FollowUpColumn[],
  stored: { version: number; answers: FollowUpAnswers } | null,
  options: Pick<FollowUpColumnOptions, 'labelLanguage'> = {},
): Record<string, FollowUpCell> {
  const row: Record<string, FollowUpCell> = {};
  for (const column of columns) {
    if (column.holds === 'version') {
      row[column.name] = stored?.version ?? null;
      continue;
    }
    const answer = stored && column.question !== undefined ? stored.answers[column.question] : undefined;
    row[column.name] = cellOf(column, answer, options.labelLanguage ?? 'nb');
  }
  return row;
}

function cellOf(column: FollowUpColumn, answer: unknown, language: string): FollowUpCell {
  if (answer === undefined || answer === null) return null;
  switch (column.holds) {
    case 'ticked':
      return Array.isArray(answer) ? answer.includes(column.option) : null;
    case 'code':
      return typeof answer === 'string' ? answer : null;
    case 'label': {
      const code = column.codes?.find((candidate) => candidate.code === answer);
      return code ? pickText(code.labels, language) : typeof answer === 'string' ? answer : null;
    }
    default:
      if (column.type === 'text') return typeof answer === 'string' ? answer : null;
      if (typeof answer !== 'number') return null;
      if (column.type === 'integer') return Number.isInteger(answer) ? answer : null;
      return answer;
  }
}

/** The column's title in a language (with fallbacks), e.g. for a CSV header row or QGIS alias. */
export function followUpColumnTitle(column: FollowUpColumn, language: string): string {
  return pickText(column.labels, language);
}
