import type { FollowUpAnswers } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';

export interface RawFeatureRow {
  id: string;
  geometry: unknown;
  properties: Record<string, unknown>;
  /** The follow-up answers and the version of the questions they answer; null without answers. */
  answers: { version: number; answers: FollowUpAnswers } | null;
}

/**
 * A project's contributions in one category for GIS clients (staff only): published and
 * awaiting moderation, never hidden; background answers that cannot identify a person (age band,
 * relation), not the participant.
 */
export async function listRawFeatures(
  db: Queryable,
  filter: {
    projectId: string;
    category: string;
    bbox?: [number, number, number, number] | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
    featureId?: string | undefined;
  },
): Promise<{ features: RawFeatureRow[]; matched: number }> {
  const where = `c.project_id = $1 AND c.category_key = $2 AND c.status <> 'hidden'
    AND ($3::float8[] IS NULL OR c.geometry && ST_MakeEnvelope($3[1], $3[2], $3[3], $3[4], 4326))
    AND ($4::timestamptz IS NULL OR c.created_at >= $4) AND ($5::timestamptz IS NULL OR c.created_at <= $5)
    AND ($6::uuid IS NULL OR c.id = $6)`;
  const values = [
    filter.projectId,
    filter.category,
    filter.bbox ?? null,
    filter.from ?? null,
    filter.to ?? null,
    filter.featureId ?? null,
  ];
  const [{ rows }, count] = await Promise.all([
    db.query<RawFeatureRow>(
      `SELECT c.id, ST_AsGeoJSON(c.geometry, 7)::json AS geometry,
              json_build_object(
                'category', c.category_key,
                'category_label', cat.labels->>'nb',
                'story', c.story,
                'status', c.status,
                'created', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                'session', s.code,
                'session_group', c.session_group,
                'age_band', pa.age_band,
                'relation', array_to_string(pa.relation, ','),
                'photo', CASE WHEN ph.contribution_id IS NULL THEN NULL ELSE '/api/staff/contributions/' || c.id || '/photo' END
              ) AS properties,
              CASE WHEN ca.contribution_id IS NULL THEN NULL
                   ELSE json_build_object('version', ca.version, 'answers', ca.answers) END AS answers
       FROM contributions c
       JOIN categories cat ON cat.project_id = c.project_id AND cat.key = c.category_key
       JOIN participants pa ON pa.id = c.participant_id
       LEFT JOIN sessions s ON s.id = c.session_id
       LEFT JOIN photos ph ON ph.contribution_id = c.id
       LEFT JOIN contribution_answers ca ON ca.contribution_id = c.id
       WHERE ${where}
       ORDER BY c.created_at, c.id
       LIMIT $7 OFFSET $8`,
      [...values, filter.limit, filter.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contributions c WHERE ${where}`, values),
  ]);
  return { features: rows, matched: count.rows[0]?.n ?? 0 };
}
