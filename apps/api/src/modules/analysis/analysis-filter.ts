import { ANALYSIS_CELL_SIZES, type AnalysisFilter } from '@nabolag/schema';
import { answerFilterSql } from '../follow-up/answer-filter.ts';

/** Statuses an analysis counts: residents see published contributions; staff also pending ones (hidden never). */
export type Audience = 'public' | 'staff';
export const AUDIENCE_STATUSES: Record<Audience, string[]> = {
  public: ['published'],
  staff: ['published', 'pending'],
};

/** The calendar days of `from`/`to` filters are Norwegian days. */
const DAY_TIME_ZONE = 'Europe/Oslo';

/**
 * Collects SQL parameters: `add(value)` returns its placeholder. Keeps dynamic WHERE clauses
 * parameterised.
 */
export class SqlParameters {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/**
 * WHERE conditions for the filters, on a row source `alias` that has the columns of
 * `contribution_cells` / `contributions`: category_key, status, session_id, session_group,
 * created_at, participant_id, project_id. `contributionColumn` names the contribution's id in
 * the row source (answer filters look its answers up): `contribution_id` in contribution_cells
 * and `cellSource`, `id` in contributions.
 */
export function filterConditions(
  alias: string,
  projectPlaceholder: string,
  filter: AnalysisFilter,
  audience: Audience,
  parameters: SqlParameters,
  contributionColumn: 'contribution_id' | 'id' = 'contribution_id',
): string[] {
  const conditions = [`${alias}.status = ANY(${parameters.add(AUDIENCE_STATUSES[audience], 'text[]')})`];
  if (filter.category)
    conditions.push(`${alias}.category_key = ANY(${parameters.add(filter.category, 'text[]')})`);
  if (filter.session)
    conditions.push(
      `${alias}.session_id IN (SELECT id FROM sessions WHERE project_id = ${projectPlaceholder}
         AND code = ANY(${parameters.add(
           filter.session.map((code) => code.toUpperCase()),
           'text[]',
         )}))`,
    );
  if (filter.group)
    conditions.push(`${alias}.session_group = ANY(${parameters.add(filter.group, 'text[]')})`);
  if (filter.from)
    conditions.push(
      // date → timestamp (local midnight) → AT TIME ZONE gives that midnight's instant in Oslo. A
      // bare date would first become midnight UTC, and AT TIME ZONE would then go the other way.
      `${alias}.created_at >= (${parameters.add(filter.from, 'date')}::timestamp AT TIME ZONE '${DAY_TIME_ZONE}')`,
    );
  if (filter.to)
    conditions.push(
      `${alias}.created_at < ((${parameters.add(filter.to, 'date')} + 1)::timestamp AT TIME ZONE '${DAY_TIME_ZONE}')`,
    );
  const participant: string[] = [];
  if (filter.relation) participant.push(`p.relation && ${parameters.add(filter.relation, 'text[]')}`);
  if (filter.ageBand) participant.push(`p.age_band = ANY(${parameters.add(filter.ageBand, 'text[]')})`);
  if (participant.length > 0)
    conditions.push(
      `EXISTS (SELECT 1 FROM participants p WHERE p.id = ${alias}.participant_id AND ${participant.join(' AND ')})`,
    );
  for (const answer of filter.answer ?? [])
    conditions.push(
      answerFilterSql(answer, `${alias}.${contributionColumn}`, parameters.add.bind(parameters)),
    );
  return conditions;
}

/** Whether cell ids at this size are stored (else they are computed per request). */
export const isStoredCellSize = (cellMetres: number) =>
  (ANALYSIS_CELL_SIZES as readonly number[]).includes(cellMetres);

/**
 * A row source named `cc` with the columns of `contribution_cells` (q, r and the filter columns)
 * for the project's contributions at `cellMetres`: the stored cell ids at an offered size, or
 * cells computed from the geometry (nabolag_hex_cells, the same function the triggers use).
 */
export function cellSource(
  projectPlaceholder: string,
  cellMetres: number,
  srid: number,
  parameters: SqlParameters,
): string {
  const size = parameters.add(cellMetres, 'int');
  if (isStoredCellSize(cellMetres))
    return `contribution_cells cc WHERE cc.project_id = ${projectPlaceholder} AND cc.size_m = ${size}`;
  return `(SELECT c.id AS contribution_id, c.project_id, c.participant_id, c.category_key, c.status,
                  c.session_id, c.session_group, c.created_at, cell.q, cell.r
           FROM contributions c
           CROSS JOIN LATERAL nabolag_hex_cells(ST_Transform(c.geometry, ${parameters.add(srid, 'int')}), ${size}) AS cell
           WHERE c.project_id = ${projectPlaceholder}) cc WHERE true`;
}

/** A stable text key of the filter for the cache. */
export function filterKey(filter: AnalysisFilter): string {
  return JSON.stringify(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
