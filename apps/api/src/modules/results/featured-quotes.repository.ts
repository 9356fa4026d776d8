import type { Quote } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';

/** Featured quotes shown at most. */
export const MAX_QUOTES = 24;

/**
 * Stories staff picked for the results page that residents may still see: published, not empty,
 * without an open report or automatic flag. The words and the category only.
 */
export async function featuredQuotes(db: Queryable, projectId: string): Promise<Quote[]> {
  const { rows } = await db.query<Quote>(
    `SELECT c.id, c.category_key AS category, c.story
     FROM contributions c
     WHERE c.project_id = $1 AND c.featured AND c.status = 'published' AND btrim(coalesce(c.story, '')) <> ''
       AND NOT EXISTS (SELECT 1 FROM contribution_flags f WHERE f.contribution_id = c.id AND f.resolved_at IS NULL)
     ORDER BY c.created_at DESC, c.id
     LIMIT $2::int`,
    [projectId, MAX_QUOTES],
  );
  return rows;
}

/** What stands in the way of featuring a contribution's story, or undefined when it can be featured. */
export async function featureBlocker(db: Queryable, contributionId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ status: string; has_story: boolean; flagged: boolean }>(
    `SELECT c.status, btrim(coalesce(c.story, '')) <> '' AS has_story,
            EXISTS (SELECT 1 FROM contribution_flags f WHERE f.contribution_id = c.id AND f.resolved_at IS NULL) AS flagged
     FROM contributions c WHERE c.id = $1`,
    [contributionId],
  );
  const row = rows[0];
  if (!row) return 'the contribution does not exist';
  if (!row.has_story) return 'the contribution has no story to quote';
  if (row.status !== 'published') return `only a published story can be featured (this one is ${row.status})`;
  if (row.flagged) return 'the story has open reports or flags; publish or hide it in moderation first';
  return undefined;
}

export async function setFeatured(db: Queryable, contributionId: string, featured: boolean): Promise<void> {
  await db.query('UPDATE contributions SET featured = $2 WHERE id = $1', [contributionId, featured]);
}
