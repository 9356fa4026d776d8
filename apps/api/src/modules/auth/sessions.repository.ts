import type { StaffMe, StaffRole } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';

/** A signed-in session lasts 12 hours from its last use, and never more than 7 days. */
export const SESSION_IDLE_HOURS = 12;
export const SESSION_MAX_DAYS = 7;

/** An organisation a staff member belongs to, with their roles across all its projects. */
export interface StaffMembership {
  organisationId: string;
  slug: string;
  name: string;
  roles: StaffRole[];
}

export interface StaffIdentity {
  userId: string;
  email: string;
  name: string;
  /** Manages organisations on the instance; gives no access to any organisation's raw data. */
  operator: boolean;
  organisations: StaffMembership[];
  /**
   * Effective roles per project: a role held across an organisation counts in each of its
   * projects, plus roles given in single projects (project_members).
   */
  projectRoles: Array<{ projectId: string; slug: string; role: StaffRole }>;
}

const IDENTITY_COLUMNS = `u.id AS "userId", u.email, u.name, u.operator,
  COALESCE((SELECT json_agg(json_build_object('organisationId', o.id, 'slug', o.slug, 'name', o.name,
                                              'roles', om.roles) ORDER BY o.name, o.slug)
            FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
            WHERE om.user_id = u.id), '[]') AS organisations,
  COALESCE((SELECT json_agg(json_build_object('projectId', r.project_id, 'slug', r.slug, 'role', r.role)
                            ORDER BY r.slug, r.role)
            FROM (SELECT p.id AS project_id, p.slug, granted.role
                  FROM organisation_members om JOIN projects p ON p.organisation_id = om.organisation_id
                  CROSS JOIN LATERAL unnest(om.roles) AS granted(role)
                  WHERE om.user_id = u.id
                  UNION
                  SELECT m.project_id, p.slug, m.role
                  FROM project_members m JOIN projects p ON p.id = m.project_id
                  WHERE m.user_id = u.id) r), '[]') AS "projectRoles"`;

/** The signed-in person as `GET /api/auth/me` shows them (staffMeSchema). */
export function toStaffMe(identity: StaffIdentity): StaffMe {
  return {
    id: identity.userId,
    email: identity.email,
    name: identity.name,
    operator: identity.operator,
    organisations: identity.organisations.map(({ slug, name, roles }) => ({ slug, name, roles })),
    projectRoles: identity.projectRoles.map(({ slug, role }) => ({ project: slug, role })),
  };
}

export async function createSession(db: Queryable, userId: string, tokenHash: Buffer): Promise<void> {
  await db.query(
    `INSERT INTO staff_sessions (token_hash, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(hours => $3))`,
    [tokenHash, userId, SESSION_IDLE_HOURS],
  );
}

/** The identity behind a live session, sliding its expiry forward (within the absolute limit). */
export async function touchSession(db: Queryable, tokenHash: Buffer): Promise<StaffIdentity | undefined> {
  const { rows } = await db.query<StaffIdentity>(
    `WITH s AS (
       UPDATE staff_sessions SET last_seen_at = now(),
         expires_at = LEAST(created_at + make_interval(days => $2), now() + make_interval(hours => $3))
       WHERE token_hash = $1 AND expires_at > now()
       RETURNING user_id)
     SELECT ${IDENTITY_COLUMNS} FROM s JOIN users u ON u.id = s.user_id WHERE NOT u.disabled`,
    [tokenHash, SESSION_MAX_DAYS, SESSION_IDLE_HOURS],
  );
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSessionsOfUser(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE user_id = $1', [userId]);
}

/** The identity behind an API token; `email` (HTTP Basic) must match when given. */
export async function findIdentityByApiToken(
  db: Queryable,
  tokenHash: Buffer,
  email?: string,
): Promise<StaffIdentity | undefined> {
  const { rows } = await db.query<StaffIdentity>(
    `WITH t AS (
       UPDATE api_tokens SET last_used_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING user_id)
     SELECT ${IDENTITY_COLUMNS} FROM t JOIN users u ON u.id = t.user_id
     WHERE NOT u.disabled AND ($2::text IS NULL OR lower(u.email) = lower($2))`,
    [tokenHash, email ?? null],
  );
  return rows[0];
}

export async function findIdentityByUserId(
  db: Queryable,
  userId: string,
): Promise<StaffIdentity | undefined> {
  const { rows } = await db.query<StaffIdentity>(`SELECT ${IDENTITY_COLUMNS} FROM users u WHERE u.id = $1`, [
    userId,
  ]);
  return rows[0];
}

/** Removes sessions that expired, so the table does not grow without end. */
export async function purgeExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE expires_at < now()');
}
