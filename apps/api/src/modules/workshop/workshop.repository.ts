import type { SessionEvent, SessionTablet, WorkshopSession } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';

export interface StoredSession extends WorkshopSession {
  id: string;
  projectId: string;
}

const SESSION_COLUMNS = `s.id, s.project_id AS "projectId", s.code, p.slug AS project, s.title, s.place,
  to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", s.status, s.groups,
  to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

/** @returns false when the code is taken (the caller draws another). */
export async function insertSession(
  db: Queryable,
  session: {
    projectId: string;
    code: string;
    title: string;
    place?: string | undefined;
    heldOn?: string | undefined;
    groups: string[];
    createdBy: string | null;
  },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO sessions (project_id, code, title, place, held_on, groups, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
    [
      session.projectId,
      session.code,
      session.title,
      session.place ?? null,
      session.heldOn ?? null,
      session.groups,
      session.createdBy,
    ],
  );
  return result.rowCount === 1;
}

export async function findSessionByCode(db: Queryable, code: string): Promise<StoredSession | undefined> {
  const { rows } = await db.query<StoredSession>(
    `SELECT ${SESSION_COLUMNS} FROM sessions s JOIN projects p ON p.id = s.project_id WHERE s.code = $1`,
    [code.toUpperCase()],
  );
  return rows[0];
}

export async function listProjectSessions(db: Queryable, projectId: string): Promise<StoredSession[]> {
  const { rows } = await db.query<StoredSession>(
    `SELECT ${SESSION_COLUMNS} FROM sessions s JOIN projects p ON p.id = s.project_id
     WHERE s.project_id = $1 ORDER BY s.created_at DESC`,
    [projectId],
  );
  return rows;
}

export async function setSessionStatus(db: Queryable, sessionId: string, status: string): Promise<void> {
  await db.query('UPDATE sessions SET status = $2 WHERE id = $1', [sessionId, status]);
}

/** Appends an event to the session's log; its id is the stream's event id. */
export async function appendSessionEvent(
  db: Queryable,
  sessionId: string,
  event: SessionEvent,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO session_events (session_id, type, payload) VALUES ($1, $2, $3) RETURNING id::text',
    [sessionId, event.type, JSON.stringify(event)],
  );
  return (rows[0] as { id: string }).id;
}

/** Events after `afterId`, oldest first. */
export async function listSessionEvents(
  db: Queryable,
  sessionId: string,
  afterId: string,
  limit: number,
): Promise<Array<{ id: string; type: string; payload: SessionEvent }>> {
  const { rows } = await db.query<{ id: string; type: string; payload: SessionEvent }>(
    // Order by the number, not by the text the id is sent as ("10" < "9").
    `SELECT e.id::text AS id, e.type, e.payload FROM session_events e WHERE e.session_id = $1 AND e.id > $2::bigint
     ORDER BY e.id LIMIT $3`,
    [sessionId, afterId, limit],
  );
  return rows;
}

/**
 * Records a tablet's report. @returns the tablet's state when it changed (or the tablet was
 * quiet for long enough to count as offline), so an event is worth sending; else undefined.
 */
export async function recordTablet(
  db: Queryable,
  sessionId: string,
  tablet: string,
  group: string | null,
  pending: number,
): Promise<{ lastSeenAt: string } | undefined> {
  const { rows } = await db.query<{ lastSeenAt: string; changed: boolean }>(
    `WITH previous AS (
       SELECT pending, session_group, last_seen_at FROM session_tablets WHERE session_id = $1 AND tablet = $2)
     INSERT INTO session_tablets (session_id, tablet, session_group, pending, last_seen_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (session_id, tablet) DO UPDATE SET session_group = EXCLUDED.session_group,
       pending = EXCLUDED.pending, last_seen_at = now()
     RETURNING to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastSeenAt",
       NOT EXISTS (SELECT 1 FROM previous p WHERE p.pending = $4
         AND p.session_group IS NOT DISTINCT FROM $3 AND p.last_seen_at > now() - interval '30 seconds') AS changed`,
    [sessionId, tablet, group, pending],
  );
  const row = rows[0];
  return row?.changed ? { lastSeenAt: row.lastSeenAt } : undefined;
}

/**
 * Counts for the facilitator console: per category, per group, per tablet (with unsent pins).
 * Each tablet comes with its facilitator-given name (or null) and its place among the tablets of
 * its table in the order they joined (first report, or first contribution for a tablet that
 * never reported), for its default name.
 */
export async function sessionSummary(db: Queryable, sessionId: string) {
  const { rows } = await db.query<{
    total: number;
    byCategory: Record<string, number>;
    byGroup: Record<string, number>;
    tablets: SessionTablet[];
  }>(
    `SELECT
       (SELECT count(*)::int FROM contributions WHERE session_id = $1) AS total,
       COALESCE((SELECT json_object_agg(category_key, n) FROM (
          SELECT category_key, count(*)::int AS n FROM contributions WHERE session_id = $1 GROUP BY category_key) c), '{}') AS "byCategory",
       COALESCE((SELECT json_object_agg(g, n) FROM (
          SELECT COALESCE(session_group, '') AS g, count(*)::int AS n FROM contributions WHERE session_id = $1 GROUP BY 1) c), '{}') AS "byGroup",
       COALESCE((SELECT json_agg(json_build_object('tablet', t.tablet, 'name', t.name, 'ordinal', t.ordinal,
            'group', t.group, 'contributions', t.contributions, 'pending', t.pending, 'lastSeenAt', t."lastSeenAt")
            ORDER BY t.group NULLS LAST, t.ordinal) FROM (
          SELECT k.tablet, st.name, st.session_group AS group, COALESCE(c.n, 0) AS contributions,
                 COALESCE(st.pending, 0) AS pending,
                 to_char(st.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastSeenAt",
                 row_number() OVER (PARTITION BY st.session_group
                   ORDER BY COALESCE(st.joined_at, c.first_at), k.tablet)::int AS ordinal
          FROM (SELECT tablet FROM session_tablets WHERE session_id = $1
                UNION SELECT tablet FROM contributions WHERE session_id = $1 AND tablet IS NOT NULL) k
          LEFT JOIN session_tablets st ON st.session_id = $1 AND st.tablet = k.tablet
          LEFT JOIN (SELECT tablet, count(*)::int AS n, min(created_at) AS first_at
                     FROM contributions WHERE session_id = $1 GROUP BY tablet) c
            ON c.tablet = k.tablet) t), '[]') AS tablets`,
    [sessionId],
  );
  return rows[0] as NonNullable<(typeof rows)[0]>;
}

/**
 * Names a tablet of a session (`null`: back to its default name). A tablet known only from its
 * contributions (it never reported in) gets its row here, seen last when it last sent a place.
 * @returns false when the session has no such tablet.
 */
export async function renameTablet(
  db: Queryable,
  sessionId: string,
  tablet: string,
  name: string | null,
): Promise<boolean> {
  const result = await db.query(
    `WITH known AS (
       SELECT max(created_at) AS last_at, min(created_at) AS first_at,
              (array_agg(session_group ORDER BY created_at DESC))[1] AS session_group
       FROM contributions WHERE session_id = $1::uuid AND tablet = $2::text HAVING count(*) > 0)
     INSERT INTO session_tablets (session_id, tablet, session_group, pending, last_seen_at, joined_at, name)
     SELECT $1::uuid, $2::text, session_group, 0, last_at, first_at, $3::text FROM known
     ON CONFLICT (session_id, tablet) DO UPDATE SET name = EXCLUDED.name`,
    [sessionId, tablet, name],
  );
  if (result.rowCount === 1) return true;
  const updated = await db.query(
    'UPDATE session_tablets SET name = $3::text WHERE session_id = $1 AND tablet = $2',
    [sessionId, tablet, name],
  );
  return updated.rowCount === 1;
}

/**
 * One tablet's name and its place among the tablets of its table in the order they joined (as
 * in `sessionSummary`), for the tablet itself to show; undefined when it never reported in.
 */
export async function findTablet(
  db: Queryable,
  sessionId: string,
  tablet: string,
): Promise<Pick<SessionTablet, 'tablet' | 'name' | 'ordinal' | 'group'> | undefined> {
  const { rows } = await db.query<Pick<SessionTablet, 'tablet' | 'name' | 'ordinal' | 'group'>>(
    `SELECT tablet, name, "group", ordinal FROM (
       SELECT tablet, name, session_group AS "group",
              row_number() OVER (PARTITION BY session_group ORDER BY joined_at, tablet)::int AS ordinal
       FROM session_tablets WHERE session_id = $1) t
     WHERE tablet = $2`,
    [sessionId, tablet],
  );
  return rows[0];
}

/** The live (public-safe) view of a contribution: the story only once it is published. */
export async function findLiveContribution(db: Queryable, contributionId: string) {
  const { rows } = await db.query<{
    sessionId: string | null;
    contribution: Extract<SessionEvent, { type: 'contribution' }>['contribution'];
  }>(
    `SELECT c.session_id AS "sessionId", json_build_object(
       'id', c.id, 'category', c.category_key, 'geometry', ST_AsGeoJSON(c.geometry, 7)::json,
       'story', CASE WHEN c.status = 'published' THEN c.story END, 'status', c.status,
       'group', c.session_group, 'tablet', c.tablet,
       'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) AS contribution
     FROM contributions c WHERE c.id = $1`,
    [contributionId],
  );
  return rows[0];
}
