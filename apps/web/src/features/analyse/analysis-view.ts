import {
  type AgeBand,
  ageBandSchema,
  MAX_CELL_METRES,
  MIN_CELL_METRES,
  type Relation,
  relationSchema,
} from '@nabolag/schema';
import { answerFiltersFromText } from './answer-filters.ts';

/**
 * The state of the analysis pages, kept in the address (`?mode=hot-spots&cell=200&relation=lives…`)
 * so that a view can be bookmarked and shared. Parsing is lenient: a value that makes no sense is
 * dropped (the view falls back to its default), never an error page.
 */

export const ANALYSIS_MODES = ['heatmap', 'density', 'hot-spots', 'contested', 'compare'] as const;
export type AnalysisMode = (typeof ANALYSIS_MODES)[number];

/** What two sides of a comparison differ in; the shared filters apply to both. */
export const COMPARE_DIMENSIONS = ['relation', 'ageBand', 'session', 'group', 'category'] as const;
export type CompareDimension = (typeof COMPARE_DIMENSIONS)[number];

/** The filters of the shared filter bar; empty lists mean "all". */
export interface AnalysisFilters {
  category: string[];
  relation: Relation[];
  ageBand: AgeBand[];
  session: string[];
  group: string[];
  /** First and last day, `YYYY-MM-DD`, inclusive; null = open. */
  from: string | null;
  to: string | null;
  /** Filters on follow-up answers, one per question, as the API writes them (`how_often:daily`). */
  answer: string[];
}

export interface AnalysisView {
  mode: AnalysisMode;
  /** Hexagon edge length in metres, 50–500. */
  cell: number;
  filters: AnalysisFilters;
  /** Hot spots: neighbours within this many rings, 1–5. */
  rings: number;
  compare: { by: CompareDimension; a: string | null; b: string | null };
  /** The selected cell (`q,r` at `cell` metres) whose stories are shown. */
  at: string | null;
  /** The selected contribution (a clicked story pin). */
  contribution: string | null;
  /** Words to look for in the stories. */
  search: string;
  /** Preview of the public heatmap: cells under k left out. */
  suppress: boolean;
}

export const DEFAULT_CELL_METRES = 200;
/** The sizes the size picker offers (metres); any whole number in 50–500 from the address works. */
export const CELL_SIZE_CHOICES = [50, 100, 150, 200, 250, 300, 400, 500] as const;

export const emptyFilters = (): AnalysisFilters => ({
  category: [],
  relation: [],
  ageBand: [],
  session: [],
  group: [],
  from: null,
  to: null,
  answer: [],
});

export const defaultView = (): AnalysisView => ({
  mode: 'heatmap',
  cell: DEFAULT_CELL_METRES,
  filters: emptyFilters(),
  rings: 1,
  compare: { by: 'relation', a: 'lives', b: 'visitor' },
  at: null,
  contribution: null,
  search: '',
  suppress: false,
});

/** Every query key this file owns; others (such as `lang`) are left as they are. */
const OWN_KEYS = [
  'mode',
  'cell',
  'category',
  'relation',
  'ageBand',
  'session',
  'group',
  'from',
  'to',
  'answer',
  'rings',
  'by',
  'a',
  'b',
  'at',
  'contribution',
  'search',
  'suppress',
] as const;

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,49}$/;
const SESSION_PATTERN = /^[A-Za-z0-9]{4,12}$/;
const CELL_ID_PATTERN = /^-?\d{1,7},-?\d{1,7}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day as `YYYY-MM-DD`, or null. */
export function parseDay(value: string | null): string | null {
  if (!value || !DAY_PATTERN.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** A comma list, keeping the values `accept` takes (deduplicated, order kept). */
function list<T extends string>(value: string | null, accept: (part: string) => part is T): T[] {
  if (!value) return [];
  return unique(
    value
      .split(',')
      .map((part) => part.trim())
      .filter(accept),
  ).slice(0, 50);
}

const isRelation = (part: string): part is Relation => relationSchema.safeParse(part).success;
const isAgeBand = (part: string): part is AgeBand => ageBandSchema.safeParse(part).success;
const isKey = (part: string): part is string => KEY_PATTERN.test(part);
const isSession = (part: string): part is string => SESSION_PATTERN.test(part);
const isGroup = (part: string): part is string => part.length > 0 && part.length <= 60;

function wholeNumberIn(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}

const oneOf = <T extends string>(choices: readonly T[], value: string | null): T | null =>
  choices.find((choice) => choice === value) ?? null;

/** The view a query string (`?…`, with or without the `?`) describes. */
export function viewFromSearch(search: string): AnalysisView {
  const query = new URLSearchParams(search);
  const fallback = defaultView();
  let from = parseDay(query.get('from'));
  let to = parseDay(query.get('to'));
  if (from && to && from > to) [from, to] = [to, from];
  const by = oneOf(COMPARE_DIMENSIONS, query.get('by')) ?? fallback.compare.by;
  const side = (name: 'a' | 'b') => {
    const value = query.get(name)?.trim() ?? '';
    return value.length > 0 && value.length <= 60 ? value : null;
  };
  const explicitSides = query.has('by') || query.has('a') || query.has('b');
  return {
    mode: oneOf(ANALYSIS_MODES, query.get('mode')) ?? fallback.mode,
    cell: wholeNumberIn(query.get('cell'), MIN_CELL_METRES, MAX_CELL_METRES) ?? fallback.cell,
    filters: {
      category: list(query.get('category'), isKey),
      relation: list(query.get('relation'), isRelation),
      ageBand: list(query.get('ageBand'), isAgeBand),
      session: list(query.get('session'), isSession).map((code) => code.toUpperCase()),
      group: list(query.get('group'), isGroup),
      from,
      to,
      answer: answerFiltersFromText(query.get('answer')),
    },
    rings: wholeNumberIn(query.get('rings'), 1, 5) ?? fallback.rings,
    compare: explicitSides ? { by, a: side('a'), b: side('b') } : fallback.compare,
    at: CELL_ID_PATTERN.test(query.get('at') ?? '') ? (query.get('at') as string) : null,
    contribution: UUID_PATTERN.test(query.get('contribution') ?? '')
      ? (query.get('contribution') as string).toLowerCase()
      : null,
    search: (query.get('search') ?? '').trim().slice(0, 200),
    suppress: query.get('suppress') === 'true',
  };
}

/**
 * The query string for `view` (with its `?`, or empty), keeping the keys of `current` this file
 * does not own (`lang`). Defaults are left out, so a plain view has a plain address.
 */
export function searchForView(view: AnalysisView, current = ''): string {
  const query = new URLSearchParams(current);
  for (const key of OWN_KEYS) query.delete(key);
  const fallback = defaultView();
  if (view.mode !== fallback.mode) query.set('mode', view.mode);
  if (view.cell !== fallback.cell) query.set('cell', String(view.cell));
  for (const [key, value] of Object.entries(filterParameters(view.filters))) query.set(key, value);
  if (view.rings !== fallback.rings) query.set('rings', String(view.rings));
  const compare = view.compare;
  if (
    compare.by !== fallback.compare.by ||
    compare.a !== fallback.compare.a ||
    compare.b !== fallback.compare.b
  ) {
    query.set('by', compare.by);
    if (compare.a) query.set('a', compare.a);
    if (compare.b) query.set('b', compare.b);
  }
  if (view.at) query.set('at', view.at);
  if (view.contribution) query.set('contribution', view.contribution);
  if (view.search) query.set('search', view.search);
  if (view.suppress) query.set('suppress', 'true');
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The filters as the API's query parameters (comma lists; empty ones left out). */
export function filterParameters(filters: AnalysisFilters): Record<string, string> {
  const parameters: Record<string, string> = {};
  const lists = ['category', 'relation', 'ageBand', 'session', 'group'] as const;
  for (const key of lists) if (filters[key].length > 0) parameters[key] = filters[key].join(',');
  if (filters.from) parameters.from = filters.from;
  if (filters.to) parameters.to = filters.to;
  // Filters on answers are joined by `;` (their values hold commas).
  if (filters.answer.length > 0) parameters.answer = filters.answer.join(';');
  return parameters;
}

/** How many filters narrow the view (for "3 filters" and "clear filters"). */
export const activeFilterCount = (filters: AnalysisFilters) =>
  (['category', 'relation', 'ageBand', 'session', 'group'] as const).filter((key) => filters[key].length > 0)
    .length +
  (filters.from ? 1 : 0) +
  (filters.to ? 1 : 0) +
  filters.answer.length;

/**
 * The two filter sets of a comparison: the shared filters, with the compared dimension set to
 * side A's and side B's value. Null while a side has no value.
 */
export function compareSides(view: AnalysisView): { a: AnalysisFilters; b: AnalysisFilters } | null {
  const { by, a, b } = view.compare;
  if (!a || !b) return null;
  const side = (value: string): AnalysisFilters => ({ ...view.filters, [by]: [value] });
  return { a: side(a), b: side(b) };
}
