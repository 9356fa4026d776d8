import type { Organisation, OrganisationCreate, OrganisationUpdate, StaffRole } from '@nabolag/schema';
import { basemapSchema } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';

/** An organisation as the server works with it: the listed shape plus its id. */
export interface StoredOrganisation extends Omit<Organisation, 'roles'> {
  id: string;
}

/**
 * The logo's address carries its version (milliseconds since 1970 of the upload), so a new logo
 * is a new URL and the old one may be cached for long. Null without a logo.
 */
export const LOGO_URL_SQL = (alias: string) =>
  `CASE WHEN ${alias}.logo_updated_at IS NULL THEN NULL
        ELSE '/api/organisations/' || ${alias}.slug || '/logo?v='
             || (extract(epoch FROM ${alias}.logo_updated_at) * 1000)::bigint::text END`;

const ORGANISATION_COLUMNS = `o.id, o.slug, o.name, o.primary_colour AS "primaryColour",
  o.accent_colour AS "accentColour", o.default_languages AS "defaultLanguages",
  o.default_language AS "defaultLanguage", o.default_basemap AS "defaultBasemap",
  ${LOGO_URL_SQL('o')} AS "logoUrl",
  (SELECT count(*)::int FROM projects p WHERE p.organisation_id = o.id) AS "projectCount"`;

function toOrganisation(row: StoredOrganisation): StoredOrganisation {
  const basemap = basemapSchema.safeParse(row.defaultBasemap);
  return { ...row, defaultBasemap: basemap.success ? basemap.data : null };
}

/** Organisations by name; `onlyIds` limits them (to the caller's). */
export async function listOrganisations(db: Queryable, onlyIds?: string[]): Promise<StoredOrganisation[]> {
  const { rows } = await db.query<StoredOrganisation>(
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations o
     WHERE ($1::uuid[] IS NULL OR o.id = ANY($1)) ORDER BY lower(o.name), o.slug`,
    [onlyIds ?? null],
  );
  return rows.map(toOrganisation);
}

export async function findOrganisationBySlug(
  db: Queryable,
  slug: string,
): Promise<StoredOrganisation | undefined> {
  const { rows } = await db.query<StoredOrganisation>(
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations o WHERE o.slug = $1`,
    [slug],
  );
  return rows[0] && toOrganisation(rows[0]);
}

export async function findOrganisationById(
  db: Queryable,
  id: string,
): Promise<StoredOrganisation | undefined> {
  const { rows } = await db.query<StoredOrganisation>(
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations o WHERE o.id = $1`,
    [id],
  );
  return rows[0] && toOrganisation(rows[0]);
}

/** @returns the new organisation's id, or undefined when the slug is taken. */
export async function insertOrganisation(
  db: Queryable,
  input: OrganisationCreate & { defaultLanguages: string[]; defaultLanguage: string },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organisations (slug, name, primary_colour, accent_colour, default_languages, default_language,
       default_basemap)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [
      input.slug,
      input.name,
      input.primaryColour ?? null,
      input.accentColour ?? null,
      input.defaultLanguages,
      input.defaultLanguage,
      input.defaultBasemap ? JSON.stringify(input.defaultBasemap) : null,
    ],
  );
  return rows[0]?.id;
}

/** Column of each changeable field; a field left out stays, `null` clears it. */
const UPDATABLE = {
  name: 'name',
  primaryColour: 'primary_colour',
  accentColour: 'accent_colour',
  defaultLanguages: 'default_languages',
  defaultLanguage: 'default_language',
  defaultBasemap: 'default_basemap',
} as const;

export async function updateOrganisation(
  db: Queryable,
  id: string,
  changes: OrganisationUpdate,
): Promise<void> {
  const assignments: string[] = [];
  const values: unknown[] = [id];
  for (const [field, column] of Object.entries(UPDATABLE)) {
    const value = changes[field as keyof OrganisationUpdate];
    if (value === undefined) continue;
    values.push(field === 'defaultBasemap' && value !== null ? JSON.stringify(value) : value);
    assignments.push(`${column} = $${values.length}${field === 'defaultBasemap' ? '::jsonb' : ''}`);
  }
  await db.query(
    `UPDATE organisations SET ${assignments.join(', ')}, updated_at = now() WHERE id = $1`,
    values,
  );
}

/** Stores a re-encoded logo, or removes it (`null`). @returns whether there was a logo to remove. */
export async function setLogo(db: Queryable, id: string, png: Buffer | null): Promise<boolean> {
  const { rows } = await db.query<{ had: boolean }>(
    `UPDATE organisations o SET logo = $2, logo_updated_at = CASE WHEN $2::bytea IS NULL THEN NULL ELSE now() END,
       updated_at = now()
     FROM (SELECT logo IS NOT NULL AS had FROM organisations WHERE id = $1) before
     WHERE o.id = $1 RETURNING before.had`,
    [id, png],
  );
  return rows[0]?.had ?? false;
}

export async function findLogo(
  db: Queryable,
  slug: string,
): Promise<{ bytes: Buffer; version: string } | undefined> {
  const { rows } = await db.query<{ bytes: Buffer; version: string }>(
    `SELECT logo AS bytes, (extract(epoch FROM logo_updated_at) * 1000)::bigint::text AS version
     FROM organisations WHERE slug = $1 AND logo IS NOT NULL`,
    [slug],
  );
  return rows[0];
}

/** The members of an organisation with their roles there, for the operator's overview. */
export async function listMemberSummaries(
  db: Queryable,
  organisationId: string,
): Promise<Array<{ id: string; email: string; name: string; roles: StaffRole[]; disabled: boolean }>> {
  const { rows } = await db.query<{
    id: string;
    email: string;
    name: string;
    roles: StaffRole[];
    disabled: boolean;
  }>(
    `SELECT u.id, u.email, u.name, om.roles, u.disabled FROM organisation_members om JOIN users u ON u.id = om.user_id
     WHERE om.organisation_id = $1 ORDER BY lower(u.email)`,
    [organisationId],
  );
  return rows;
}
