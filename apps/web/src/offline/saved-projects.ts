import type { Project } from '@nabolag/schema';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { loadSchemas } from '../api/schemas.ts';

/**
 * The last copy of each project this browser loaded, kept in IndexedDB (`nabolag-saved`, store
 * `projects`, keyed by slug) so that a page reloaded without network still shows the project,
 * its area and categories — and the outbox with what waits to be sent. The service worker keeps
 * a copy too, but only of answers it saw: the project of the very first visit is fetched before
 * the worker has taken over the page, and a reload offline right after it found nothing.
 */
export interface SavedProject {
  project: Project;
  /** When the copy was taken from the server, ISO 8601. */
  savedAt: string;
}

const DATABASE_NAME = 'nabolag-saved';
const DATABASE_VERSION = 1;
const PROJECTS = 'projects';

interface SavedDatabase extends DBSchema {
  // Checked with the project's schema on the way out: written by an older app, it may not fit.
  projects: { key: string; value: { slug: string; project: unknown; savedAt: string } };
}

let opening: Promise<IDBPDatabase<SavedDatabase> | null> | null = null;

/** The database, or `null` where the browser refuses IndexedDB (then nothing is kept). */
function database(): Promise<IDBPDatabase<SavedDatabase> | null> {
  opening ??= (async () => {
    if (typeof indexedDB === 'undefined') return null;
    try {
      return await openDB<SavedDatabase>(DATABASE_NAME, DATABASE_VERSION, {
        upgrade(upgrading) {
          if (!upgrading.objectStoreNames.contains(PROJECTS))
            upgrading.createObjectStore(PROJECTS, { keyPath: 'slug' });
        },
        blocking() {
          // A newer app in another tab wants to upgrade the database: let it, open again later.
          opening = null;
        },
      });
    } catch (error) {
      console.warn('saved projects: IndexedDB is not available; no copy is kept for offline use', error);
      return null;
    }
  })();
  return opening;
}

/**
 * Keeps `project` as the copy to show offline. Failures (storage full, private mode) are
 * logged, never thrown: keeping a copy must not break the page that has the real thing.
 */
export async function saveProject(project: Project, savedAt: Date = new Date()): Promise<void> {
  try {
    const store = await database();
    await store?.put(PROJECTS, { slug: project.slug, project, savedAt: savedAt.toISOString() });
  } catch (error) {
    console.warn(`saved projects: the copy of ${project.slug} could not be kept`, error);
  }
}

/** The copy of the project kept last, or `undefined` when there is none that this app can read. */
export async function savedProject(slug: string): Promise<SavedProject | undefined> {
  try {
    const store = await database();
    const value = await store?.get(PROJECTS, slug);
    if (!value) return undefined;
    const parsed = (await loadSchemas()).projectSchema.safeParse(value.project);
    return parsed.success ? { project: parsed.data, savedAt: value.savedAt } : undefined;
  } catch (error) {
    console.warn(`saved projects: the copy of ${slug} could not be read`, error);
    return undefined;
  }
}
