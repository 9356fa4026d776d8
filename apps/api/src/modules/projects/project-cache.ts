import type { Queryable } from '../../db/queryable.ts';
import { findProjectBySlug, type StoredProject } from './projects.repository.ts';

/** A project as read at some moment, with the `updated_at` it had then (text, full precision). */
export interface CachedProject extends StoredProject {
  stamp: string;
}

/** More projects than this in memory and the cache starts afresh (an instance has a handful). */
const MAX_ENTRIES = 500;

/**
 * Projects by slug, kept in this process for the write path: a contribution checks its category
 * and background answers against the cached copy, and the statement that stores it writes only
 * if the project's `updated_at` still equals the copy's stamp (the project editor bumps it with
 * every change to settings or categories). A stale copy is thrown away and read again, so a
 * change made through any API process is seen by every other at its next contribution.
 *
 * Whether the project is open, its moderation mode and its area are read live by that statement.
 */
export interface ProjectCache {
  get(slug: string): Promise<CachedProject | undefined>;
  /** Forgets a copy the database said is stale; the next `get` reads it again. */
  forget(slug: string): void;
}

export function createProjectCache(db: Queryable): ProjectCache {
  const entries = new Map<string, Promise<CachedProject | undefined>>();
  return {
    get(slug) {
      let entry = entries.get(slug);
      if (!entry) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        // Concurrent requests for one slug share one read.
        entry = readProject(db, slug);
        entries.set(slug, entry);
        // A failed read (database down) or a missing project is not kept.
        entry.then(
          (project) => {
            if (!project && entries.get(slug) === entry) entries.delete(slug);
          },
          () => {
            if (entries.get(slug) === entry) entries.delete(slug);
          },
        );
      }
      return entry;
    },
    forget(slug) {
      entries.delete(slug);
    },
  };
}

async function readProject(db: Queryable, slug: string): Promise<CachedProject | undefined> {
  // The stamp is read first: a change landing between the two reads leaves an old stamp on a new
  // copy, which the write path rejects as stale and reads again (never the other way round).
  const { rows } = await db.query<{ stamp: string }>(
    'SELECT updated_at::text AS stamp FROM projects WHERE slug = $1',
    [slug],
  );
  const stamp = rows[0]?.stamp;
  if (stamp === undefined) return undefined;
  const project = await findProjectBySlug(db, slug);
  return project ? { ...project, stamp } : undefined;
}
