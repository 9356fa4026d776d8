import type { ModerationItem } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import type { StoryFlag } from './story-flags.ts';

export async function insertFlags(
  db: Queryable,
  contributionId: string,
  flags: Array<{ source: 'automatic' | 'report'; reason: StoryFlag['reason'] | string }>,
): Promise<void> {
  if (flags.length === 0) return;
  await db.query(
    `INSERT INTO contribution_flags (contribution_id, source, reason)
     SELECT $1, f.source, f.reason FROM jsonb_to_recordset($2::jsonb) AS f(source text, reason text)`,
    [contributionId, JSON.stringify(flags)],
  );
}

export async function listModerationQueue(
  db: Queryable,
  projectId: string,
  queue: 'pending' | 'flagged' | 'hidden' | 'all',
  limit: number,
): Promise<ModerationItem[]> {
  const { rows } = await db.query<ModerationItem>(
    `SELECT c.id, c.category_key AS category, ST_AsGeoJSON(c.geometry, 7)::json AS geometry, c.story,
            CASE WHEN ph.contribution_id IS NULL THEN NULL ELSE '/api/staff/contributions/' || c.id || '/photo' END AS photo,
            c.status, c.moderation_reason AS "moderationReason", s.code AS session, c.featured,
            to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
            COALESCE((SELECT json_agg(json_build_object('source', f.source, 'reason', f.reason,
                        'createdAt', to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                        ORDER BY f.created_at)
                      FROM contribution_flags f WHERE f.contribution_id = c.id AND f.resolved_at IS NULL), '[]') AS flags
     FROM contributions c
     LEFT JOIN photos ph ON ph.contribution_id = c.id
     LEFT JOIN sessions s ON s.id = c.session_id
     WHERE c.project_id = $1
       AND CASE $2
         WHEN 'pending' THEN c.status = 'pending'
         WHEN 'hidden' THEN c.status = 'hidden'
         WHEN 'flagged' THEN EXISTS (SELECT 1 FROM contribution_flags f WHERE f.contribution_id = c.id AND f.resolved_at IS NULL)
         ELSE true END
     ORDER BY c.created_at DESC, c.id
     LIMIT $3`,
    [projectId, queue, limit],
  );
  return rows;
}

/** Sets a contribution's status and reason and closes its open flags. */
export async function setModerationStatus(
  db: Queryable,
  contributionId: string,
  status: 'published' | 'hidden',
  reason: string | null,
): Promise<void> {
  await db.query(
    'UPDATE contributions SET status = $2, moderation_reason = $3, updated_at = now() WHERE id = $1',
    [contributionId, status, reason],
  );
  await db.query(
    'UPDATE contribution_flags SET resolved_at = now() WHERE contribution_id = $1 AND resolved_at IS NULL',
    [contributionId],
  );
}

export async function findContributionProject(
  db: Queryable,
  contributionId: string,
): Promise<{ projectId: string; participantId: string; status: string } | undefined> {
  const { rows } = await db.query<{ projectId: string; participantId: string; status: string }>(
    'SELECT project_id AS "projectId", participant_id AS "participantId", status FROM contributions WHERE id = $1',
    [contributionId],
  );
  return rows[0];
}

/** Any photo, whatever the contribution's status: for moderators only. */
export async function findAnyPhoto(db: Queryable, contributionId: string) {
  const { rows } = await db.query<{ bytes: Buffer; contentType: string }>(
    'SELECT bytes, content_type AS "contentType" FROM photos WHERE contribution_id = $1',
    [contributionId],
  );
  return rows[0];
}
