import type { OwnContribution, ParticipantProfile } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { PHOTO_VERSION } from '../photos/photos.repository.ts';

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
                 ELSE '/api/contributions/' || c.id || '/photo?v=' || ${PHOTO_VERSION} END AS photo,
            COALESCE(ca.answers, '{}'::jsonb) AS answers, ca.version AS "questionsVersion"
     FROM contributions c LEFT JOIN photos ph ON ph.contribution_id = c.id
     LEFT JOIN contribution_answers ca ON ca.contribution_id = c.id
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
