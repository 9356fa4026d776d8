import type { Queryable } from '../../db/queryable.ts';

/** Results kept per project (the newest version only), least recently used dropped first. */
const MAX_ENTRIES_PER_PROJECT = 200;
/** Projects kept. */
const MAX_PROJECTS = 50;
/**
 * A backstop, in milliseconds: a write whose change id was taken before a concurrent one but
 * committed after it leaves the version unchanged in the rare case that the count also matches.
 */
const MAX_AGE_MS = 5 * 60 * 1000;

interface ProjectEntries {
  version: string;
  entries: Map<string, { value: Promise<unknown>; at: number }>;
}

const projects = new Map<string, ProjectEntries>();

/**
 * The version of a project's analysis data: its newest change id and the number of change rows
 * (both move on every contribution write, moderation, deletion and background-answer change —
 * see the triggers in migration 0007). Read from the database, so API processes sharing one
 * PostgreSQL see one another's writes.
 */
export async function analysisVersion(db: Queryable, projectId: string): Promise<string> {
  const { rows } = await db.query<{ version: string }>(
    `SELECT coalesce(max(id), 0)::text || '.' || count(*)::text AS version
     FROM analysis_changes WHERE project_id = $1`,
    [projectId],
  );
  return rows[0]?.version ?? '0.0';
}

/**
 * Returns the cached result of `compute` for the project and `key` while the project's data has
 * not changed; computes (once, for concurrent callers) otherwise. The version is read before
 * computing, so a result never claims a newer version than the data it saw.
 */
export async function cachedAnalysis<T>(
  db: Queryable,
  projectId: string,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const version = await analysisVersion(db, projectId);
  let project = projects.get(projectId);
  if (!project || project.version !== version) {
    project = { version, entries: new Map() };
    projects.delete(projectId);
    projects.set(projectId, project);
    while (projects.size > MAX_PROJECTS) projects.delete(projects.keys().next().value as string);
  }
  const now = Date.now();
  const found = project.entries.get(key);
  if (found && now - found.at < MAX_AGE_MS) {
    // Most recently used last.
    project.entries.delete(key);
    project.entries.set(key, found);
    return found.value as Promise<T>;
  }
  const value = compute();
  const entries = project.entries;
  entries.set(key, { value, at: now });
  while (entries.size > MAX_ENTRIES_PER_PROJECT) entries.delete(entries.keys().next().value as string);
  // A failure is not kept: the next caller tries again.
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Forgets every cached result (tests that change data behind the triggers' back). */
export function clearAnalysisCache(): void {
  projects.clear();
}

/** Keeps only the newest change row per project (run by maintenance). */
export async function pruneAnalysisChanges(db: Queryable): Promise<void> {
  await db.query(
    `DELETE FROM analysis_changes old
     WHERE old.id < (SELECT max(newest.id) FROM analysis_changes newest WHERE newest.project_id = old.project_id)`,
  );
}
