import type { StaffRole, StaffUser, UserCreate } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { hashPassword } from './passwords.ts';

/** A member as one organisation sees them: roles there and in its projects only. Alias `om`, `u`. */
const MEMBER_COLUMNS = `u.id, u.email, u.name, om.roles, u.disabled,
  COALESCE((SELECT json_agg(json_build_object('project', p.slug, 'role', m.role) ORDER BY p.slug, m.role)
            FROM project_members m JOIN projects p ON p.id = m.project_id
            WHERE m.user_id = u.id AND p.organisation_id = om.organisation_id), '[]') AS "projectRoles"`;

/**
 * Creates the admin named in the environment, or resets its password. Either way the account is
 * the instance operator and an admin of the `default` organisation (so an operator who lost the
 * password can set a new one and restart).
 */
export async function upsertAdmin(db: Queryable, email: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (email, password_hash, operator) VALUES ($1, $2, true)
     ON CONFLICT (lower(email)) DO UPDATE SET
       password_hash = EXCLUDED.password_hash, operator = true, disabled = false, updated_at = now()
     RETURNING id`,
    [email.toLowerCase(), passwordHash],
  );
  await db.query(
    `INSERT INTO organisation_members (organisation_id, user_id, roles)
     SELECT o.id, $1, '{admin}' FROM organisations o WHERE o.slug = 'default'
     ON CONFLICT (organisation_id, user_id) DO UPDATE SET
       roles = (SELECT array_agg(DISTINCT r ORDER BY r)
                FROM unnest(organisation_members.roles || '{admin}'::text[]) AS r)`,
    [(rows[0] as { id: string }).id],
  );
}

export async function findUserForLogin(
  db: Queryable,
  email: string,
): Promise<{ id: string; passwordHash: string; disabled: boolean } | undefined> {
  const { rows } = await db.query<{ id: string; passwordHash: string; disabled: boolean }>(
    'SELECT id, password_hash AS "passwordHash", disabled FROM users WHERE lower(email) = lower($1)',
    [email],
  );
  return rows[0];
}

/** The members of an organisation. */
export async function listMembers(db: Queryable, organisationId: string): Promise<StaffUser[]> {
  const { rows } = await db.query<StaffUser>(
    `SELECT ${MEMBER_COLUMNS} FROM organisation_members om JOIN users u ON u.id = om.user_id
     WHERE om.organisation_id = $1 ORDER BY lower(u.email)`,
    [organisationId],
  );
  return rows;
}

/** A member of an organisation as it sees them; undefined when the user is not its member. */
export async function findMember(
  db: Queryable,
  organisationId: string,
  userId: string,
): Promise<StaffUser | undefined> {
  const { rows } = await db.query<StaffUser>(
    `SELECT ${MEMBER_COLUMNS} FROM organisation_members om JOIN users u ON u.id = om.user_id
     WHERE om.organisation_id = $1 AND om.user_id = $2`,
    [organisationId, userId],
  );
  return rows[0];
}

/** Every user with their memberships, for the command line (`role@organisation`, `role@project`). */
export async function listAllUsers(
  db: Queryable,
): Promise<Array<{ email: string; disabled: boolean; operator: boolean; grants: string[] }>> {
  const { rows } = await db.query<{ email: string; disabled: boolean; operator: boolean; grants: string[] }>(
    `SELECT u.email, u.disabled, u.operator,
       ARRAY(SELECT r || '@' || o.slug FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
             CROSS JOIN LATERAL unnest(om.roles) AS r WHERE om.user_id = u.id ORDER BY o.slug, r)
       || ARRAY(SELECT m.role || '@' || p.slug FROM project_members m JOIN projects p ON p.id = m.project_id
                WHERE m.user_id = u.id ORDER BY p.slug, m.role) AS grants
     FROM users u ORDER BY lower(u.email)`,
  );
  return rows;
}

/** The user with this e-mail address (any case), if there is one. */
export async function findUserIdByEmail(db: Queryable, email: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [
    email,
  ]);
  return rows[0]?.id;
}

/** @returns the new user's id, or undefined when the e-mail address is taken. */
export async function insertUser(
  db: Queryable,
  user: { email: string; name: string; passwordHash: string; operator?: boolean },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash, operator) VALUES ($1, $2, $3, $4)
     ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
    [user.email, user.name, user.passwordHash, user.operator ?? false],
  );
  return rows[0]?.id;
}

/** Changes the account itself (all organisations see the change). */
export async function updateUser(
  db: Queryable,
  id: string,
  changes: { name?: string; disabled?: boolean; passwordHash?: string },
): Promise<boolean> {
  const result = await db.query(
    `UPDATE users SET name = COALESCE($2, name), disabled = COALESCE($3, disabled),
       password_hash = COALESCE($4, password_hash), updated_at = now()
     WHERE id = $1`,
    [id, changes.name ?? null, changes.disabled ?? null, changes.passwordHash ?? null],
  );
  return result.rowCount === 1;
}

/**
 * Makes the user a member of the organisation with these roles there (replacing earlier ones).
 * @returns whether the user was a member already.
 */
export async function upsertMembership(
  db: Queryable,
  organisationId: string,
  userId: string,
  roles: StaffRole[],
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM organisation_members WHERE organisation_id = $1 AND user_id = $2',
    [organisationId, userId],
  );
  await db.query(
    `INSERT INTO organisation_members (organisation_id, user_id, roles) VALUES ($1, $2, $3)
     ON CONFLICT (organisation_id, user_id) DO UPDATE SET roles = EXCLUDED.roles`,
    [organisationId, userId, [...new Set(roles)].sort()],
  );
  return (rowCount ?? 0) > 0;
}

/** The ids of the organisations the user belongs to. */
export async function membershipsOf(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ organisationId: string }>(
    'SELECT organisation_id AS "organisationId" FROM organisation_members WHERE user_id = $1',
    [userId],
  );
  return rows.map((row) => row.organisationId);
}

/** How many members hold the admin role in the organisation (disabled accounts do not count). */
export async function countAdmins(db: Queryable, organisationId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM organisation_members om JOIN users u ON u.id = om.user_id
     WHERE om.organisation_id = $1 AND 'admin' = ANY (om.roles) AND NOT u.disabled`,
    [organisationId],
  );
  return rows[0]?.count ?? 0;
}

/**
 * Removes the user from the organisation and from its projects. A user left in no organisation
 * is disabled: an account that belongs to nobody must not sign in.
 * @returns whether the user is now disabled for that reason.
 */
export async function removeMembership(
  db: Queryable,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  await db.query(
    `DELETE FROM project_members m USING projects p
     WHERE p.id = m.project_id AND p.organisation_id = $1 AND m.user_id = $2`,
    [organisationId, userId],
  );
  await db.query('DELETE FROM organisation_members WHERE organisation_id = $1 AND user_id = $2', [
    organisationId,
    userId,
  ]);
  const { rowCount } = await db.query(
    `UPDATE users SET disabled = true, updated_at = now()
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM organisation_members WHERE user_id = $1)`,
    [userId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Replaces a user's per-project roles in the organisation's projects (roles in other
 * organisations' projects stay). Slugs that name no project of this organisation are reported
 * back, not ignored — the same for a project that does not exist and one of another organisation.
 * @returns the slugs that name no project of the organisation.
 */
export async function replaceProjectRoles(
  db: Queryable,
  organisationId: string,
  userId: string,
  projectRoles: NonNullable<UserCreate['projectRoles']>,
): Promise<string[]> {
  const slugs = [...new Set(projectRoles.map((entry) => entry.project))];
  const { rows } = await db.query<{ slug: string }>(
    'SELECT slug FROM projects WHERE slug = ANY($1) AND organisation_id = $2',
    [slugs, organisationId],
  );
  const known = new Set(rows.map((row) => row.slug));
  const unknown = slugs.filter((slug) => !known.has(slug));
  if (unknown.length > 0) return unknown;
  await db.query(
    `DELETE FROM project_members m USING projects p
     WHERE p.id = m.project_id AND p.organisation_id = $1 AND m.user_id = $2`,
    [organisationId, userId],
  );
  await db.query(
    `INSERT INTO project_members (project_id, user_id, role)
     SELECT p.id, $1, r.role FROM jsonb_to_recordset($2::jsonb) AS r(project text, role text)
     JOIN projects p ON p.slug = r.project AND p.organisation_id = $3
     ON CONFLICT DO NOTHING`,
    [userId, JSON.stringify(projectRoles), organisationId],
  );
  return [];
}

export async function insertApiToken(
  db: Queryable,
  userId: string,
  name: string,
  tokenHash: Buffer,
): Promise<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }> {
  const { rows } = await db.query<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }>(
    `INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)
     RETURNING id, name, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
       NULL::text AS "lastUsedAt"`,
    [userId, name, tokenHash],
  );
  return rows[0] as { id: string; name: string; createdAt: string; lastUsedAt: string | null };
}

export async function listApiTokens(db: Queryable, userId: string) {
  const { rows } = await db.query<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }>(
    `SELECT id, name, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
       to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastUsedAt"
     FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC`,
    [userId],
  );
  return rows;
}

export async function revokeApiToken(db: Queryable, userId: string, tokenId: string): Promise<boolean> {
  const result = await db.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
    [tokenId, userId],
  );
  return result.rowCount === 1;
}
