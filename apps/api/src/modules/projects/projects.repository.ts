import {
  type BackgroundQuestion,
  type Basemap,
  basemapSchema,
  type Category,
  followUpQuestionListSchema,
  KARTVERKET_GREYSCALE,
  type OrganisationBrand,
  type Project,
  type ProjectDefinition,
  type ProjectSummary,
  projectDefinitionSchema,
  projectTextFallback,
} from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { foldCellTotals } from '../analysis/cell-totals.ts';
import { saveQuestionSets } from '../follow-up/follow-up.repository.ts';
import { LOGO_URL_SQL } from '../organisations/organisations.repository.ts';
import { hasResultsCondition } from '../results/results.repository.ts';

interface ProjectRow {
  id: string;
  slug: string;
  title: Record<string, string>;
  description: Record<string, string>;
  area: Project['area'];
  bounds: [number, number, number, number];
  area_margin_m: number;
  analysis_srid: number;
  languages: string[];
  default_language: string;
  text_fallback: string[] | null;
  basemap: unknown;
  moderation: 'before' | 'after';
  k_anonymity: number;
  opens_at: Date | null;
  closes_at: Date | null;
  is_open: boolean;
  retention_days: number;
  privacy_contact: string;
  background_questions: BackgroundQuestion[];
  organisation_id: string;
  organisation: OrganisationBrand;
}

/** A project as the server works with it: the public shape plus what only the server needs. */
export interface StoredProject extends Project {
  id: string;
  /** The project's own fallback order as stored; `null` when it uses the default. */
  storedTextFallback: string[] | null;
  organisationId: string;
  areaMarginMetres: number;
  analysisSrid: number;
}

const PROJECT_COLUMNS = `
  p.id, p.slug, p.title, p.description,
  ST_AsGeoJSON(p.area, 7)::json AS area,
  json_build_array(ST_XMin(p.area), ST_YMin(p.area), ST_XMax(p.area), ST_YMax(p.area)) AS bounds,
  p.area_margin_m, p.analysis_srid, p.languages, p.default_language, p.text_fallback, p.basemap, p.moderation,
  p.k_anonymity, p.opens_at, p.closes_at, p.retention_days, p.privacy_contact, p.background_questions,
  ((p.opens_at IS NULL OR p.opens_at <= now()) AND (p.closes_at IS NULL OR p.closes_at > now())) AS is_open,
  p.organisation_id,
  (SELECT json_build_object('slug', o.slug, 'name', o.name, 'logoUrl', ${LOGO_URL_SQL('o')},
                            'primaryColour', o.primary_colour, 'accentColour', o.accent_colour)
   FROM organisations o WHERE o.id = p.organisation_id) AS organisation`;

/** The order a reader's missing texts are looked for in: the stored one, or the default. */
const textFallbackOf = (row: Pick<ProjectRow, 'text_fallback' | 'default_language'>): string[] =>
  projectTextFallback({ textFallback: row.text_fallback, defaultLanguage: row.default_language });

function toBasemap(value: unknown): Basemap {
  const parsed = basemapSchema.safeParse(value);
  return parsed.success ? parsed.data : KARTVERKET_GREYSCALE;
}

export function findProjectBySlug(db: Queryable, slug: string): Promise<StoredProject | undefined> {
  return findProject(db, 'slug', slug);
}

export function findProjectById(db: Queryable, id: string): Promise<StoredProject | undefined> {
  return findProject(db, 'id', id);
}

async function findProject(
  db: Queryable,
  column: 'slug' | 'id',
  value: string,
): Promise<StoredProject | undefined> {
  const { rows } = await db.query<ProjectRow>(
    `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.${column} = $1`,
    [value],
  );
  const row = rows[0];
  if (!row) return undefined;
  const categories = await db.query<{
    key: string;
    labels: Record<string, string>;
    prompts: Record<string, string>;
    geometry_types: Category['geometryTypes'];
    colour: string;
    icon: string | null;
    questions: unknown;
    questions_version: number | null;
  }>(
    // The latest version of each category's follow-up questions comes along (no round trip of its own).
    `SELECT c.key, c.labels, c.prompts, c.geometry_types, c.colour, c.icon,
            q.questions, q.version AS questions_version
     FROM categories c
     LEFT JOIN LATERAL (
       SELECT s.questions, s.version FROM follow_up_question_sets s
       WHERE s.project_id = c.project_id AND s.category_key = c.key ORDER BY s.version DESC LIMIT 1
     ) q ON true
     WHERE c.project_id = $1 ORDER BY c.position, c.key`,
    [row.id],
  );
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisation: row.organisation,
    slug: row.slug,
    title: row.title,
    description: row.description,
    area: row.area,
    bounds: row.bounds,
    categories: categories.rows.map((category) => ({
      key: category.key,
      labels: category.labels,
      prompts: category.prompts,
      geometryTypes: category.geometry_types,
      colour: category.colour,
      ...(category.icon ? { icon: category.icon } : {}),
      questions: followUpQuestionListSchema.parse(category.questions ?? []),
      questionsVersion: category.questions_version ?? 0,
    })),
    languages: row.languages,
    defaultLanguage: row.default_language,
    textFallback: textFallbackOf(row),
    storedTextFallback: row.text_fallback,
    basemap: toBasemap(row.basemap),
    moderation: row.moderation,
    k: row.k_anonymity,
    open: row.is_open,
    opensAt: row.opens_at?.toISOString() ?? null,
    closesAt: row.closes_at?.toISOString() ?? null,
    retentionDays: row.retention_days,
    privacyContact: row.privacy_contact,
    backgroundQuestions: row.background_questions,
    areaMarginMetres: row.area_margin_m,
    analysisSrid: row.analysis_srid,
  };
}

/** Public projects: those open now, and closed ones with results to show; newest first. */
export async function listOpenProjects(db: Queryable): Promise<ProjectSummary[]> {
  // hasResultsCondition reads the per-cell totals: every project's pending changes first (those
  // of a project another request is folding are left to it).
  await foldCellTotals(db, undefined, { wait: false });
  const { rows } = await db.query<ProjectRow & { has_results: boolean }>(
    `SELECT * FROM (SELECT ${PROJECT_COLUMNS}, p.created_at, ${hasResultsCondition('p')} AS has_results
                    FROM projects p) p
     WHERE p.is_open OR p.has_results ORDER BY p.created_at DESC, p.slug`,
  );
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    description: row.description,
    open: row.is_open,
    languages: row.languages,
    textFallback: textFallbackOf(row),
    bounds: row.bounds,
    hasResults: row.has_results,
  }));
}

/**
 * Creates a project and its categories in one transaction-free pair of statements; the caller
 * wraps it in a transaction when it must be atomic with other work. The project belongs to the
 * organisation named in the definition, or to `default` (the seed, tests).
 *
 * @returns the new project's id.
 */
export async function insertProject(db: Queryable, input: ProjectDefinition): Promise<string> {
  const definition = projectDefinitionSchema.parse(input);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO projects (slug, title, description, area, area_margin_m, analysis_srid, languages,
       default_language, basemap, moderation, k_anonymity, opens_at, closes_at, retention_days, privacy_contact,
       background_questions, text_fallback, organisation_id)
     VALUES ($1, $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326)), $5, $6, $7, $8, $9, $10, $11, $12,
       $13, $14, $15, $16, $17, (SELECT id FROM organisations WHERE slug = $18::text))
     RETURNING id`,
    [definition.slug, ...settingValues(definition), definition.organisation ?? 'default'],
  );
  const projectId = (rows[0] as { id: string }).id;
  await upsertCategories(db, projectId, definition.categories);
  await saveQuestionSets(db, projectId, definition.categories);
  return projectId;
}

/** A definition's settings in the column order of INSERT and UPDATE ($2…$17). */
function settingValues(definition: ReturnType<typeof projectDefinitionSchema.parse>): unknown[] {
  return [
    definition.title,
    definition.description,
    JSON.stringify(definition.area),
    definition.areaMarginMetres,
    definition.analysisSrid,
    definition.languages,
    definition.defaultLanguage,
    definition.basemap ? JSON.stringify(definition.basemap) : null,
    definition.moderation,
    definition.k,
    definition.opensAt,
    definition.closesAt,
    definition.retentionDays,
    definition.privacyContact,
    definition.backgroundQuestions,
    definition.textFallback && definition.textFallback.length > 0 ? definition.textFallback : null,
  ];
}

/** Adds the categories, or updates those whose key exists; their order is their position in the list. */
async function upsertCategories(
  db: Queryable,
  projectId: string,
  categories: ReturnType<typeof projectDefinitionSchema.parse>['categories'],
): Promise<void> {
  await db.query(
    `INSERT INTO categories (project_id, key, position, labels, prompts, geometry_types, colour, icon)
     SELECT $1, c.key, c.position, c.labels, c.prompts, c.geometry_types, c.colour, c.icon
     FROM jsonb_to_recordset($2::jsonb) AS c(key text, position int, labels jsonb, prompts jsonb,
       geometry_types text[], colour text, icon text)
     ON CONFLICT (project_id, key) DO UPDATE SET position = EXCLUDED.position, labels = EXCLUDED.labels,
       prompts = EXCLUDED.prompts, geometry_types = EXCLUDED.geometry_types, colour = EXCLUDED.colour,
       icon = EXCLUDED.icon`,
    [
      projectId,
      JSON.stringify(
        categories.map((category, position) => ({
          key: category.key,
          position,
          labels: category.labels,
          prompts: category.prompts,
          geometry_types: category.geometryTypes,
          colour: category.colour,
          icon: category.icon ?? null,
        })),
      ),
    ],
  );
}

/** Projects with counts, for staff; `onlyIds` limits them to the projects a user has a role in. */
export async function listStaffProjects(db: Queryable, onlyIds?: string[]) {
  await foldCellTotals(db, onlyIds, { wait: false });
  const { rows } = await db.query<
    ProjectRow & { contributions: number; pending: number; participants: number; has_results: boolean }
  >(
    `SELECT ${PROJECT_COLUMNS}, ${hasResultsCondition('p')} AS has_results,
       (SELECT count(*)::int FROM contributions c WHERE c.project_id = p.id) AS contributions,
       (SELECT count(*)::int FROM contributions c WHERE c.project_id = p.id AND c.status = 'pending') AS pending,
       (SELECT count(*)::int FROM participants pa WHERE pa.project_id = p.id) AS participants
     FROM projects p WHERE ($1::uuid[] IS NULL OR p.id = ANY($1))
     ORDER BY p.created_at DESC, p.slug`,
    [onlyIds ?? null],
  );
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    description: row.description,
    open: row.is_open,
    languages: row.languages,
    textFallback: textFallbackOf(row),
    bounds: row.bounds,
    hasResults: row.has_results,
    organisation: row.organisation.slug,
    contributions: row.contributions,
    pending: row.pending,
    participants: row.participants,
  }));
}

/** The stored definition of a project, as the project editor shows it. */
export function toDefinition(project: StoredProject, storedBasemap: boolean) {
  return {
    slug: project.slug,
    organisation: project.organisation.slug,
    title: project.title,
    description: project.description,
    area: project.area,
    areaMarginMetres: project.areaMarginMetres,
    analysisSrid: project.analysisSrid,
    languages: project.languages,
    defaultLanguage: project.defaultLanguage,
    textFallback: project.storedTextFallback,
    basemap: storedBasemap ? project.basemap : null,
    moderation: project.moderation,
    k: project.k,
    opensAt: project.opensAt,
    closesAt: project.closesAt,
    retentionDays: project.retentionDays,
    privacyContact: project.privacyContact,
    backgroundQuestions: project.backgroundQuestions,
    categories: project.categories,
  };
}

export async function hasStoredBasemap(db: Queryable, projectId: string): Promise<boolean> {
  const { rows } = await db.query<{ stored: boolean }>(
    'SELECT basemap IS NOT NULL AS stored FROM projects WHERE id = $1',
    [projectId],
  );
  return rows[0]?.stored ?? false;
}

/**
 * Replaces a project's settings and categories (the slug stays). Categories are matched by key:
 * new ones are added, changed ones updated, and removed ones deleted — unless contributions use
 * them, which is reported back rather than done.
 *
 * @returns the keys of removed categories that are still in use (nothing was changed then).
 */
export async function updateProject(
  db: Queryable,
  projectId: string,
  input: ProjectDefinition,
): Promise<string[]> {
  const definition = projectDefinitionSchema.parse(input);
  const keys = definition.categories.map((category) => category.key);
  const { rows: inUse } = await db.query<{ key: string }>(
    `SELECT DISTINCT category_key AS key FROM contributions WHERE project_id = $1 AND NOT (category_key = ANY($2))`,
    [projectId, keys],
  );
  if (inUse.length > 0) return inUse.map((row) => row.key);
  await db.query(
    `UPDATE projects SET title = $2, description = $3, area = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326)),
       area_margin_m = $5, analysis_srid = $6, languages = $7, default_language = $8, basemap = $9,
       moderation = $10, k_anonymity = $11, opens_at = $12, closes_at = $13, retention_days = $14,
       privacy_contact = $15, background_questions = $16, text_fallback = $17, updated_at = now()
     WHERE id = $1`,
    [projectId, ...settingValues(definition)],
  );
  await db.query('DELETE FROM categories WHERE project_id = $1 AND NOT (key = ANY($2))', [projectId, keys]);
  await upsertCategories(db, projectId, definition.categories);
  await saveQuestionSets(db, projectId, definition.categories);
  return [];
}

export async function slugExists(db: Queryable, slug: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM projects WHERE slug = $1', [slug]);
  return (rowCount ?? 0) > 0;
}

/** PostGIS's verdict on a project area: valid, or the reason it is not (e.g. a self-intersection). */
export async function checkArea(db: Queryable, area: ProjectDefinition['area']): Promise<string | undefined> {
  const { rows } = await db.query<{ valid: boolean; reason: string }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
     FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) AS input`,
    [JSON.stringify(area)],
  );
  return rows[0]?.valid ? undefined : (rows[0]?.reason ?? 'invalid');
}

/**
 * Deletes the background answers (age band, relation, years in the area) of participants in
 * projects that closed more than their retention period ago. Contributions stay, anonymous.
 *
 * @returns the slugs of the projects purged now.
 */
export async function purgeExpiredPersonalData(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ slug: string }>(
    `WITH due AS (
       UPDATE projects SET personal_data_purged_at = now()
       WHERE personal_data_purged_at IS NULL AND closes_at IS NOT NULL
         AND closes_at + make_interval(days => retention_days) < now()
       RETURNING id, slug),
     cleared AS (
       UPDATE participants pa SET age_band = NULL, relation = NULL, years_in_area = NULL
       FROM due WHERE pa.project_id = due.id RETURNING pa.id)
     SELECT slug FROM due`,
  );
  return rows.map((row) => row.slug);
}
