import type { StaffRole, StaffUser, UserCreate } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { hashPassword } from './passwords.ts';

const USER_COLUMNS = `u.id, u.email, u.name, u.roles, u.disabled,
  COALESCE((SELECT json_agg(json_build_object('project', p.slug, 'role', m.role) ORDER BY p.slug, m.role)
            FROM project_members m JOIN projects p ON p.id = m.project_id WHERE m.user_id = u.id), '[]')
    AS "projectRoles"`;

/**
 * Creates the admin named in the environment, or resets its password and makes sure it holds
 * the admin role (so an operator who lost the password can set a new one and restart).
 */
export async function upsertAdmin(db: Queryable, email: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.query(
    `INSERT INTO users (email, password_hash, roles) VALUES ($1, $2, '{admin}')
     ON CONFLICT (lower(email)) DO UPDATE SET
       password_hash = EXCLUDED.password_hash,
       roles = (SELECT array_agg(DISTINCT r) FROM unnest(users.roles || '{admin}'::text[]) AS r),
       disabled = false,
       updated_at = now()`,
    [email.toLowerCase(), passwordHash],
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

export async function listUsers(db: Queryable): Promise<StaffUser[]> {
  const { rows } = await db.query<StaffUser>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY lower(u.email)`);
  return rows;
}

export async function findUser(db: Queryable, id: string): Promise<StaffUser | undefined> {
  const { rows } = await db.query<StaffUser>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return rows[0];
}

/** @returns the new user's id, or undefined when the e-mail address is taken. */
export async function insertUser(
  db: Queryable,
  user: { email: string; name: string; passwordHash: string; roles: StaffRole[] },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, $3, $4)
     ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
    [user.email, user.name, user.passwordHash, user.roles],
  );
  return rows[0]?.id;
}

export async function updateUser(
  db: Queryable,
  id: string,
  changes: { name?: string; roles?: StaffRole[]; disabled?: boolean; passwordHash?: string },
): Promise<boolean> {
  const result = await db.query(
    `UPDATE users SET name = COALESCE($2, name), roles = COALESCE($3, roles), disabled = COALESCE($4, disabled),
       password_hash = COALESCE($5, password_hash), updated_at = now()
     WHERE id = $1`,
    [id, changes.name ?? null, changes.roles ?? null, changes.disabled ?? null, changes.passwordHash ?? null],
  );
  return result.rowCount === 1;
}

/**
 * Replaces a user's per-project roles. Unknown project slugs are reported back, not ignored.
 * @returns the slugs that name no project.
 */
export async function replaceProjectRoles(
  db: Queryable,
  userId: string,
  projectRoles: NonNullable<UserCreate['projectRoles']>,
): Promise<string[]> {
  const slugs = [...new Set(projectRoles.map((entry) => entry.project))];
  const { rows } = await db.query<{ slug: string }>('SELECT slug FROM projects WHERE slug = ANY($1)', [
    slugs,
  ]);
  const known = new Set(rows.map((row) => row.slug));
  const unknown = slugs.filter((slug) => !known.has(slug));
  if (unknown.length > 0) return unknown;
  await db.query('DELETE FROM project_members WHERE user_id = $1', [userId]);
  await db.query(
    `INSERT INTO project_members (project_id, user_id, role)
     SELECT p.id, $1, r.role FROM jsonb_to_recordset($2::jsonb) AS r(project text, role text)
     JOIN projects p ON p.slug = r.project
     ON CONFLICT DO NOTHING`,
    [userId, JSON.stringify(projectRoles)],
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
