import type { ContributionGeometry, ParticipantProfile } from '@nabolag/schema';
import type pg from 'pg';
import type { RateLimitCounter } from '../../http/rate-limit.ts';
import type { StoredAnswers } from '../follow-up/follow-up.repository.ts';

export interface StoreContributionInput {
  id: string;
  projectId: string;
  /**
   * The project's `updated_at` as text when the caller's copy of the project was read: nothing is
   * written unless it still matches (the categories and background questions the caller checked
   * against are still current). Omitted: the caller's copy is fresh by construction.
   */
  projectStamp: string | undefined;
  category: string;
  geometry: ContributionGeometry;
  story: string | null;
  /** Whether the caller's own checks passed (category, geometry type, coordinates); false writes nothing. */
  placeable: boolean;
  sessionCode: string | null;
  sessionGroup: string | null;
  tablet: string | null;
  /** An automatic flag asks a moderator to look first, whatever the project's moderation mode. */
  holdBack: boolean;
  flags: Array<{ source: 'automatic'; reason: string }>;
  tokenHash: Buffer;
  profile: ParticipantProfile | undefined;
  rateLimit: RateLimitCounter | undefined;
  /** Checked answers to the category's follow-up questions, stored with the contribution; null: none. */
  answers: StoredAnswers | null;
}

/** What the database found; the service turns it into an answer in the contract's order. */
export interface StoreContributionVerdict {
  /** This request's count in its rate-limit window (null without a counter). */
  hits: number | null;
  retrySeconds: number | null;
  /** A contribution with this id existed before this statement. */
  existing: {
    projectId: string;
    participantId: string;
    sameContent: boolean;
    /** The caller's token is the participant's who made it. */
    sameParticipant: boolean;
  } | null;
  projectFound: boolean;
  projectFresh: boolean;
  projectOpen: boolean;
  /** PostGIS's verdict; null when the caller's checks failed (the geometry was not looked at). */
  geometryValid: boolean | null;
  geometryReason: string | null;
  nearArea: boolean | null;
  /** The session's status, null if the code names none in this project (or none was sent). */
  sessionStatus: string | null;
  /** Set when this statement stored the contribution: its participant. */
  storedParticipantId: string | null;
}

/**
 * Stores a contribution in ONE statement (one round trip): it counts the request against its
 * rate limit, looks for an earlier contribution with the same id, checks the project (fresh,
 * open), the geometry (valid, near the area) and the workshop session, and only when all pass
 * upserts the participant, inserts the contribution and its automatic flags. A statement is
 * atomic, so a contribution is stored whole or not at all.
 *
 * To store more with a new contribution (e.g. answers to follow-up questions), add a CTE that
 * inserts from `inserted` — it then runs only when the contribution was stored.
 *
 * A racing request with the same id makes `INSERT … ON CONFLICT DO NOTHING` store nothing here;
 * the caller asks again and then sees the other's row in `existing`.
 *
 * `prepared`: run it as a named statement, parsed and planned once per connection. Parsing and
 * planning this statement cost more than executing it (about 2.5 of 5 ms per contribution on the
 * benchmark machine, docs/benchmarks.md). PostgreSQL only: the embedded database's socket takes
 * no named statements.
 */
export async function storeContribution(
  db: pg.Pool | pg.PoolClient,
  input: StoreContributionInput,
  options: { prepared: boolean },
): Promise<StoreContributionVerdict> {
  const { rows } = await db.query<StoreContributionVerdict>({
    name: options.prepared ? 'store-contribution' : undefined,
    text: `WITH
     counted AS (
       INSERT INTO rate_limits (key, window_start, hits)
       SELECT $16::text, to_timestamp(floor(extract(epoch FROM now()) / $17::int) * $17::int), 1
       WHERE $16::text IS NOT NULL
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
       RETURNING hits, ceil(extract(epoch FROM window_start) + $17::int - extract(epoch FROM now()))::int AS retry),
     existing AS (
       SELECT c.project_id, c.participant_id,
              c.category_key = $4::text AND c.story IS NOT DISTINCT FROM $6::text
                AND ST_OrderingEquals(c.geometry, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($5::text), 4326)))
                AS same_content,
              EXISTS (SELECT 1 FROM participants pa
                      WHERE pa.id = c.participant_id AND pa.token_hash = $11::bytea) AS same_participant
       FROM contributions c WHERE c.id = $1::uuid),
     project AS (
       SELECT p.id, p.moderation, p.area, p.area_margin_m,
              ($3::timestamptz IS NULL OR p.updated_at = $3::timestamptz) AS fresh,
              (p.opens_at IS NULL OR p.opens_at <= now()) AND (p.closes_at IS NULL OR p.closes_at > now()) AS open
       FROM projects p WHERE p.id = $2::uuid),
     shape AS (
       SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($5::text), 4326)) AS geometry WHERE $19::boolean),
     placed AS (
       SELECT shape.geometry, ST_IsValid(shape.geometry) AS valid, ST_IsValidReason(shape.geometry) AS reason,
              ST_IsValid(shape.geometry)
                AND ST_DWithin(project.area::geography, shape.geometry::geography, project.area_margin_m) AS near_area
       FROM project, shape),
     session AS (
       SELECT s.id, s.status FROM sessions s
       WHERE $7::text IS NOT NULL AND s.project_id = $2::uuid AND s.code = upper($7::text)),
     go AS (
       SELECT placed.geometry, project.moderation, session.id AS session_id
       FROM project JOIN placed ON placed.near_area LEFT JOIN session ON true
       WHERE project.fresh AND project.open
         AND NOT EXISTS (SELECT 1 FROM existing)
         AND ($7::text IS NULL OR session.status = 'open')
         AND COALESCE((SELECT hits FROM counted) <= $18::int, true)),
     -- The participant: found, or made. A known participant's row is updated only when answers
     -- came with this contribution, so a participant's contributions do not queue on its row lock.
     known AS (
       SELECT pa.id FROM participants pa WHERE pa.project_id = $2::uuid AND pa.token_hash = $11::bytea),
     made AS (
       INSERT INTO participants (project_id, token_hash, age_band, relation, years_in_area)
       SELECT $2::uuid, $11::bytea, $12::text, $13::text[], $14::int FROM go
       WHERE NOT EXISTS (SELECT 1 FROM known)
       -- Made meanwhile by a concurrent first contribution with the same token: take that row.
       ON CONFLICT (project_id, token_hash) DO UPDATE SET
         age_band = COALESCE(EXCLUDED.age_band, participants.age_band),
         relation = COALESCE(EXCLUDED.relation, participants.relation),
         years_in_area = COALESCE(EXCLUDED.years_in_area, participants.years_in_area)
       RETURNING id),
     profile_updated AS (
       UPDATE participants pa SET
         age_band = COALESCE($12::text, pa.age_band),
         relation = COALESCE($13::text[], pa.relation),
         years_in_area = COALESCE($14::int, pa.years_in_area)
       FROM known, go
       WHERE pa.id = known.id AND ($12::text IS NOT NULL OR $13::text[] IS NOT NULL OR $14::int IS NOT NULL)),
     participant AS (SELECT id FROM known WHERE EXISTS (SELECT 1 FROM go) UNION ALL SELECT id FROM made),
     inserted AS (
       INSERT INTO contributions (id, project_id, participant_id, category_key, geometry, story, session_id,
         status, session_group, tablet)
       SELECT $1::uuid, $2::uuid, participant.id, $4::text, go.geometry, $6::text, go.session_id,
              CASE WHEN go.moderation = 'before' OR $10::boolean THEN 'pending' ELSE 'published' END,
              CASE WHEN go.session_id IS NULL THEN NULL ELSE $8::text END,
              CASE WHEN go.session_id IS NULL THEN NULL ELSE $9::text END
       FROM go, participant
       ON CONFLICT (id) DO NOTHING
       RETURNING id, participant_id),
     flagged AS (
       -- Runs although nothing reads it: data-modifying CTEs always run to completion.
       INSERT INTO contribution_flags (contribution_id, source, reason)
       SELECT inserted.id, f.source, f.reason
       FROM inserted, jsonb_to_recordset($15::jsonb) AS f(source text, reason text)),
     answered AS (
       -- Follow-up answers (checked by the service against version $20 of the category's questions).
       INSERT INTO contribution_answers (contribution_id, project_id, category_key, version, answers)
       SELECT inserted.id, $2::uuid, $4::text, $20::int, $21::jsonb FROM inserted WHERE $21::jsonb IS NOT NULL)
     SELECT
       (SELECT hits FROM counted) AS hits,
       (SELECT retry FROM counted) AS "retrySeconds",
       (SELECT json_build_object('projectId', project_id, 'participantId', participant_id,
                                 'sameContent', COALESCE(same_content, false), 'sameParticipant', same_participant)
        FROM existing) AS existing,
       EXISTS (SELECT 1 FROM project) AS "projectFound",
       COALESCE((SELECT fresh FROM project), false) AS "projectFresh",
       COALESCE((SELECT open FROM project), false) AS "projectOpen",
       (SELECT valid FROM placed) AS "geometryValid",
       (SELECT reason FROM placed) AS "geometryReason",
       (SELECT near_area FROM placed) AS "nearArea",
       (SELECT status FROM session) AS "sessionStatus",
       (SELECT participant_id FROM inserted) AS "storedParticipantId"`,
    values: [
      input.id,
      input.projectId,
      input.projectStamp ?? null,
      input.category,
      JSON.stringify(input.geometry),
      input.story,
      input.sessionCode,
      input.sessionGroup,
      input.tablet,
      input.holdBack,
      input.tokenHash,
      input.profile?.ageBand ?? null,
      input.profile?.relation ?? null,
      input.profile?.yearsInArea ?? null,
      JSON.stringify(input.flags),
      input.rateLimit?.key ?? null,
      input.rateLimit?.windowSeconds ?? 60,
      input.rateLimit?.limit ?? null,
      input.placeable,
      input.answers?.version ?? null,
      input.answers ? JSON.stringify(input.answers.answers) : null,
    ],
  });
  return rows[0] as StoreContributionVerdict;
}
