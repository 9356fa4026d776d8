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
 * Stores contributions in ONE statement (one round trip, one commit) — one, or a batch gathered
 * by the write batcher (contribution-writer.ts). For each contribution it counts the request
 * against its rate limit, looks for an earlier contribution with the same id, checks the project
 * (fresh, open), the geometry (valid, near the area) and the workshop session, and only when all
 * pass finds or makes the participant and inserts the contribution, its automatic flags and its
 * answers. A statement is atomic: the whole batch is stored, or nothing of it.
 *
 * A batch answers as if its contributions had come one after the other in the given order:
 * - the k-th request on a rate-limit key counts as the counter before the statement plus k;
 * - contributions with the same token share one participant, made once; a field of its profile
 *   ends as the last value given in the batch (or what it was before, when none is given);
 * - ids must be distinct within a batch (the batcher holds a repeat back for the next one).
 *
 * To store more with a new contribution, add a CTE that inserts from `inserted` — it then runs
 * only for the contributions that were stored.
 *
 * A racing request with the same id makes `INSERT … ON CONFLICT DO NOTHING` store nothing here;
 * the caller asks again and then sees the other's row in `existing`. Rows that take locks (rate
 * limits, participants, contributions) are written in key order, so concurrent batches cannot
 * deadlock on each other.
 *
 * `prepared`: run it as a named statement, parsed and planned once per connection. Parsing and
 * planning this statement cost more than executing it for one contribution (docs/benchmarks.md).
 * PostgreSQL only: the embedded database's socket takes no named statements.
 */
export async function storeContributions(
  db: pg.Pool | pg.PoolClient,
  inputs: readonly StoreContributionInput[],
  options: { prepared: boolean },
): Promise<StoreContributionVerdict[]> {
  if (inputs.length === 0) return [];
  if (new Set(inputs.map((input) => input.id)).size !== inputs.length)
    throw new Error('storeContributions: the ids of a batch must be distinct');
  const rows = inputs.map((input, ord) => ({
    ord,
    id: input.id,
    project_id: input.projectId,
    stamp: input.projectStamp ?? null,
    category: input.category,
    geometry: input.geometry,
    story: input.story,
    session_code: input.sessionCode,
    session_group: input.sessionGroup,
    tablet: input.tablet,
    hold_back: input.holdBack,
    token: input.tokenHash.toString('hex'),
    age_band: input.profile?.ageBand ?? null,
    relation: input.profile?.relation ?? null,
    years_in_area: input.profile?.yearsInArea ?? null,
    flags: input.flags,
    rate_key: input.rateLimit?.key ?? null,
    rate_window: input.rateLimit?.windowSeconds ?? 60,
    rate_limit: input.rateLimit?.limit ?? null,
    placeable: input.placeable,
    answers_version: input.answers?.version ?? null,
    answers: input.answers?.answers ?? null,
  }));
  const { rows: verdicts } = await db.query<StoreContributionVerdict & { ord: number }>({
    name: options.prepared ? 'store-contributions' : undefined,
    text: STORE_CONTRIBUTIONS,
    values: [JSON.stringify(rows)],
  });
  if (verdicts.length !== inputs.length)
    throw new Error(`storeContributions: ${verdicts.length} verdicts for ${inputs.length} contributions`);
  return verdicts.map(({ ord: _ord, ...verdict }) => verdict);
}

/** Stores one contribution: a batch of one (see storeContributions). */
export async function storeContribution(
  db: pg.Pool | pg.PoolClient,
  input: StoreContributionInput,
  options: { prepared: boolean },
): Promise<StoreContributionVerdict> {
  return (await storeContributions(db, [input], options))[0] as StoreContributionVerdict;
}

const STORE_CONTRIBUTIONS = `WITH
     input AS (
       SELECT r.*, decode(r.token, 'hex') AS token_hash,
              CASE WHEN r.placeable THEN ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)) END AS shape
       FROM jsonb_to_recordset($1::jsonb) AS r(
         ord int, id uuid, project_id uuid, stamp timestamptz, category text, geometry text, story text,
         session_code text, session_group text, tablet text, hold_back boolean, token text,
         age_band text, relation text[], years_in_area int, flags jsonb,
         rate_key text, rate_window int, rate_limit int, placeable boolean,
         answers_version int, answers jsonb)),
     rate_requests AS (
       SELECT i.ord, i.rate_key AS key, i.rate_window,
              to_timestamp(floor(extract(epoch FROM now()) / i.rate_window) * i.rate_window) AS window_start,
              row_number() OVER (PARTITION BY i.rate_key ORDER BY i.ord) AS rank,
              count(*) OVER (PARTITION BY i.rate_key) AS of_key
       FROM input i WHERE i.rate_key IS NOT NULL),
     counted AS (
       INSERT INTO rate_limits (key, window_start, hits)
       SELECT key, window_start, count(*)::int FROM rate_requests GROUP BY key, window_start ORDER BY key
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + EXCLUDED.hits
       RETURNING key, window_start, hits),
     hits AS (
       SELECT rr.ord, (c.hits - rr.of_key + rr.rank)::int AS hits,
              ceil(extract(epoch FROM c.window_start) + rr.rate_window - extract(epoch FROM now()))::int AS retry
       FROM rate_requests rr JOIN counted c ON c.key = rr.key AND c.window_start = rr.window_start),
     existing AS (
       SELECT i.ord, c.project_id, c.participant_id,
              c.category_key = i.category AND c.story IS NOT DISTINCT FROM i.story
                AND ST_OrderingEquals(c.geometry, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(i.geometry), 4326)))
                AS same_content,
              EXISTS (SELECT 1 FROM participants pa
                      WHERE pa.id = c.participant_id AND pa.token_hash = i.token_hash) AS same_participant
       -- LATERAL … LIMIT 1 (a subquery the planner cannot flatten): one index probe per contribution,
       -- whatever the plan cached with the prepared statement thinks of the table's size. A hash
       -- join planned while the table was small scanned all of it in every statement. The same
       -- for projects, sessions and participants below.
       FROM input i CROSS JOIN LATERAL (SELECT * FROM contributions c WHERE c.id = i.id LIMIT 1) c),
     project AS (
       SELECT i.ord, p.moderation,
              (i.stamp IS NULL OR p.updated_at = i.stamp) AS fresh,
              (p.opens_at IS NULL OR p.opens_at <= now()) AND (p.closes_at IS NULL OR p.closes_at > now()) AS open,
              ST_IsValid(i.shape) AS valid, ST_IsValidReason(i.shape) AS reason,
              -- Inside the area (planar, cheap) needs no distance on the spheroid (costly: about
              -- 0.3 ms a contribution for the demo's area).
              ST_IsValid(i.shape)
                AND CASE WHEN ST_Intersects(p.area, i.shape) THEN true
                         ELSE ST_DWithin(p.area::geography, i.shape::geography, p.area_margin_m) END AS near_area
       FROM input i CROSS JOIN LATERAL (SELECT * FROM projects p WHERE p.id = i.project_id LIMIT 1) p),
     session AS (
       SELECT i.ord, s.id, s.status FROM input i
       CROSS JOIN LATERAL (SELECT * FROM sessions s
                           WHERE s.project_id = i.project_id AND s.code = upper(i.session_code) LIMIT 1) s
       WHERE i.session_code IS NOT NULL),
     go AS (
       SELECT i.*, pr.moderation, se.id AS session_id
       FROM input i JOIN project pr ON pr.ord = i.ord
       LEFT JOIN session se ON se.ord = i.ord
       LEFT JOIN hits h ON h.ord = i.ord
       WHERE i.placeable AND pr.near_area AND pr.fresh AND pr.open
         AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = i.ord)
         AND (i.session_code IS NULL OR se.status = 'open')
         AND COALESCE(h.hits <= i.rate_limit, true)),
     -- One row per participant this batch stores for, with the profile its contributions give (the
     -- last value of each field in the batch's order).
     keyed AS (
       SELECT DISTINCT ON (g.project_id, g.token_hash) g.project_id, g.token_hash,
              (SELECT x.age_band FROM go x WHERE x.project_id = g.project_id AND x.token_hash = g.token_hash
                 AND x.age_band IS NOT NULL ORDER BY x.ord DESC LIMIT 1) AS age_band,
              (SELECT x.relation FROM go x WHERE x.project_id = g.project_id AND x.token_hash = g.token_hash
                 AND x.relation IS NOT NULL ORDER BY x.ord DESC LIMIT 1) AS relation,
              (SELECT x.years_in_area FROM go x WHERE x.project_id = g.project_id AND x.token_hash = g.token_hash
                 AND x.years_in_area IS NOT NULL ORDER BY x.ord DESC LIMIT 1) AS years_in_area
       FROM go g ORDER BY g.project_id, g.token_hash),
     -- The participant: found, or made. A known participant's row is updated only when answers
     -- came with its contributions, so a participant's contributions do not queue on its row lock.
     known AS (
       SELECT pa.id, pa.project_id, pa.token_hash FROM keyed k
       CROSS JOIN LATERAL (SELECT * FROM participants pa
                           WHERE pa.project_id = k.project_id AND pa.token_hash = k.token_hash LIMIT 1) pa),
     made AS (
       INSERT INTO participants (project_id, token_hash, age_band, relation, years_in_area)
       SELECT k.project_id, k.token_hash, k.age_band, k.relation, k.years_in_area FROM keyed k
       WHERE NOT EXISTS (SELECT 1 FROM known kn WHERE kn.project_id = k.project_id AND kn.token_hash = k.token_hash)
       ORDER BY k.project_id, k.token_hash
       -- Made meanwhile by a concurrent first contribution with the same token: take that row.
       ON CONFLICT (project_id, token_hash) DO UPDATE SET
         age_band = COALESCE(EXCLUDED.age_band, participants.age_band),
         relation = COALESCE(EXCLUDED.relation, participants.relation),
         years_in_area = COALESCE(EXCLUDED.years_in_area, participants.years_in_area)
       RETURNING id, project_id, token_hash),
     profile_updated AS (
       UPDATE participants pa SET
         age_band = COALESCE(k.age_band, pa.age_band),
         relation = COALESCE(k.relation, pa.relation),
         years_in_area = COALESCE(k.years_in_area, pa.years_in_area)
       FROM known kn JOIN keyed k ON k.project_id = kn.project_id AND k.token_hash = kn.token_hash
       WHERE pa.id = kn.id AND (k.age_band IS NOT NULL OR k.relation IS NOT NULL OR k.years_in_area IS NOT NULL)),
     participant AS (
       SELECT id, project_id, token_hash FROM known UNION ALL SELECT id, project_id, token_hash FROM made),
     inserted AS (
       INSERT INTO contributions (id, project_id, participant_id, category_key, geometry, story, session_id,
         status, session_group, tablet)
       SELECT g.id, g.project_id, pt.id, g.category, g.shape, g.story, g.session_id,
              CASE WHEN g.moderation = 'before' OR g.hold_back THEN 'pending' ELSE 'published' END,
              CASE WHEN g.session_id IS NULL THEN NULL ELSE g.session_group END,
              CASE WHEN g.session_id IS NULL THEN NULL ELSE g.tablet END
       FROM go g JOIN participant pt ON pt.project_id = g.project_id AND pt.token_hash = g.token_hash
       ORDER BY g.id
       ON CONFLICT (id) DO NOTHING
       RETURNING id, participant_id),
     flagged AS (
       -- Runs although nothing reads it: data-modifying CTEs always run to completion.
       INSERT INTO contribution_flags (contribution_id, source, reason)
       SELECT ins.id, f.source, f.reason
       FROM inserted ins JOIN input i ON i.id = ins.id
       CROSS JOIN LATERAL jsonb_to_recordset(i.flags) AS f(source text, reason text)),
     answered AS (
       -- Follow-up answers (checked by the service against the version given with them).
       INSERT INTO contribution_answers (contribution_id, project_id, category_key, version, answers)
       SELECT ins.id, i.project_id, i.category, i.answers_version, i.answers
       FROM inserted ins JOIN input i ON i.id = ins.id WHERE i.answers IS NOT NULL)
     SELECT
       i.ord,
       h.hits,
       h.retry AS "retrySeconds",
       (SELECT json_build_object('projectId', e.project_id, 'participantId', e.participant_id,
                                 'sameContent', COALESCE(e.same_content, false), 'sameParticipant', e.same_participant)
        FROM existing e WHERE e.ord = i.ord) AS existing,
       pr.ord IS NOT NULL AS "projectFound",
       COALESCE(pr.fresh, false) AS "projectFresh",
       COALESCE(pr.open, false) AS "projectOpen",
       CASE WHEN i.placeable THEN pr.valid END AS "geometryValid",
       CASE WHEN i.placeable THEN pr.reason END AS "geometryReason",
       CASE WHEN i.placeable THEN pr.near_area END AS "nearArea",
       se.status AS "sessionStatus",
       ins.participant_id AS "storedParticipantId"
     FROM input i
     LEFT JOIN hits h ON h.ord = i.ord
     LEFT JOIN project pr ON pr.ord = i.ord
     LEFT JOIN session se ON se.ord = i.ord
     LEFT JOIN inserted ins ON ins.id = i.id
     ORDER BY i.ord`;
