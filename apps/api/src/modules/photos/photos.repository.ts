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

/** The photo of a contribution the public may see (published), with a version for ETags. */
export async function findPublicPhoto(
  db: Queryable,
  contributionId: string,
): Promise<{ bytes: Buffer; contentType: string; version: string } | undefined> {
  const { rows } = await db.query<{ bytes: Buffer; contentType: string; version: string }>(
    `SELECT ph.bytes, ph.content_type AS "contentType", extract(epoch FROM ph.created_at)::text AS version
     FROM photos ph JOIN contributions c ON c.id = ph.contribution_id
     WHERE ph.contribution_id = $1 AND c.status = 'published'`,
    [contributionId],
  );
  return rows[0];
}
