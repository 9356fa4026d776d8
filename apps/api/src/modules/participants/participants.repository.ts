import type { OwnContribution, ParticipantProfile } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { PHOTO_VERSION } from '../photos/photos.repository.ts';

/**
 * Finds or makes the participant with this token hash in the project, and records the
 * background answers given (answers left out keep their earlier value).
 */
export async function upsertParticipant(
  db: Queryable,
  projectId: string,
  tokenHash: Buffer,
  profile: ParticipantProfile | undefined,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO participants (project_id, token_hash, age_band, relation, years_in_area)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (project_id, token_hash) DO UPDATE SET
       age_band = COALESCE(EXCLUDED.age_band, participants.age_band),
       relation = COALESCE(EXCLUDED.relation, participants.relation),
       years_in_area = COALESCE(EXCLUDED.years_in_area, participants.years_in_area)
     RETURNING id`,
    [projectId, tokenHash, profile?.ageBand ?? null, profile?.relation ?? null, profile?.yearsInArea ?? null],
  );
  return (rows[0] as { id: string }).id;
}

/** Replaces the background answers: an answer left out is taken back (stored as nothing). */
export async function replaceParticipantProfile(
  db: Queryable,
  participantId: string,
  profile: ParticipantProfile,
) {
  await db.query('UPDATE participants SET age_band = $2, relation = $3, years_in_area = $4 WHERE id = $1', [
    participantId,
    profile.ageBand ?? null,
    profile.relation ?? null,
    profile.yearsInArea ?? null,
  ]);
}

export async function findParticipantByToken(
  db: Queryable,
  projectId: string,
  tokenHash: Buffer,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM participants WHERE project_id = $1 AND token_hash = $2',
    [projectId, tokenHash],
  );
  return rows[0]?.id;
}

/** The participant's background answers (empty fields left out). */
export async function findParticipantProfile(
  db: Queryable,
  participantId: string,
): Promise<ParticipantProfile> {
  const { rows } = await db.query<{
    age_band: string | null;
    relation: string[] | null;
    years_in_area: number | null;
  }>('SELECT age_band, relation, years_in_area FROM participants WHERE id = $1', [participantId]);
  const row = rows[0];
  const profile: Record<string, unknown> = {};
  if (row?.age_band) profile.ageBand = row.age_band;
  if (row?.relation) profile.relation = row.relation;
  if (row?.years_in_area != null) profile.yearsInArea = row.years_in_area;
  return profile as ParticipantProfile;
}

/** Everything the participant contributed, newest first, whatever its moderation status. */
export async function listOwnContributions(db: Queryable, participantId: string): Promise<OwnContribution[]> {
  const { rows } = await db.query<OwnContribution>(
    `SELECT c.id, c.category_key AS category, ST_AsGeoJSON(c.geometry, 7)::json AS geometry, c.story, c.status,
            to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
            CASE WHEN ph.contribution_id IS NULL THEN NULL
                 ELSE '/api/contributions/' || c.id || '/photo?v=' || ${PHOTO_VERSION} END AS photo
     FROM contributions c LEFT JOIN photos ph ON ph.contribution_id = c.id
     WHERE c.participant_id = $1
     ORDER BY c.created_at DESC, c.id`,
    [participantId],
  );
  return rows;
}

/** Deletes the participant and, by cascade, every contribution, photo and answer they gave. */
export async function deleteParticipant(db: Queryable, participantId: string): Promise<void> {
  await db.query('DELETE FROM participants WHERE id = $1', [participantId]);
}
