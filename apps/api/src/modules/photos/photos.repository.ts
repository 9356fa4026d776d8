import type { Queryable } from '../../db/queryable.ts';
import type { ProcessedPhoto } from './photo-processing.ts';

export async function upsertPhoto(
  db: Queryable,
  contributionId: string,
  photo: ProcessedPhoto,
): Promise<void> {
  await db.query(
    `INSERT INTO photos (contribution_id, content_type, bytes, width, height) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (contribution_id) DO UPDATE SET content_type = EXCLUDED.content_type, bytes = EXCLUDED.bytes,
       width = EXCLUDED.width, height = EXCLUDED.height, created_at = now()`,
    [contributionId, photo.contentType, photo.bytes, photo.width, photo.height],
  );
}

export async function deletePhoto(db: Queryable, contributionId: string): Promise<boolean> {
  const result = await db.query('DELETE FROM photos WHERE contribution_id = $1', [contributionId]);
  return result.rowCount === 1;
}

/**
 * The photo of a contribution with a version for ETags: any photo of the participant's own
 * contributions when `ownerTokenHash` matches, else only those the public may see (published).
 */
export async function findPhoto(
  db: Queryable,
  contributionId: string,
  ownerTokenHash?: Buffer,
): Promise<{ bytes: Buffer; contentType: string; version: string; public: boolean } | undefined> {
  const { rows } = await db.query<{ bytes: Buffer; contentType: string; version: string; public: boolean }>(
    `SELECT ph.bytes, ph.content_type AS "contentType", ${PHOTO_VERSION} AS version,
            c.status = 'published' AS public
     FROM photos ph JOIN contributions c ON c.id = ph.contribution_id
     JOIN participants pa ON pa.id = c.participant_id
     WHERE ph.contribution_id = $1 AND (c.status = 'published' OR pa.token_hash = $2)`,
    [contributionId, ownerTokenHash ?? null],
  );
  return rows[0];
}

/** A photo's version: changes whenever the photo is replaced (milliseconds since 1970). */
export const PHOTO_VERSION = `floor(extract(epoch FROM ph.created_at) * 1000)::bigint::text`;
