import type { Project } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import type { ApiFailure, ApiResult } from '../../api/client.ts';
import { getProject } from '../../api/nabolag-api.ts';
import { type SavedProject, savedProject, saveProject } from '../../offline/saved-projects.ts';

export type ProjectState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | {
      status: 'ready';
      project: Project;
      /**
       * `null` for the server's answer; otherwise the page shows a copy kept on this device
       * (the network failed), taken at this time (ISO 8601).
       */
      savedAt: string | null;
    };

/**
 * What to show for an answer: the server's project (kept on the device for the next time
 * without network), the service worker's saved copy, or — when no answer came at all — the
 * copy this device kept. A refusal from the server (not found) is never covered by a copy.
 */
export async function projectStateOf(
  slug: string,
  result: ApiResult<Project>,
  keep: (project: Project) => Promise<void> = saveProject,
  saved: (slug: string) => Promise<SavedProject | undefined> = savedProject,
): Promise<ProjectState> {
  if (result.ok) {
    if (result.savedAt) {
      // The worker's copy may be older than the one this page kept itself: show the newer.
      const own = await saved(slug);
      if (own && own.savedAt > result.savedAt) return { status: 'ready', ...own };
      return { status: 'ready', project: result.value, savedAt: result.savedAt };
    }
    void keep(result.value);
    return { status: 'ready', project: result.value, savedAt: null };
  }
  if (result.error.code === 'NETWORK') {
    const own = await saved(slug);
    if (own) return { status: 'ready', ...own };
  }
  return { status: 'failed', error: result.error };
}

const sameProject = (a: Project, b: Project) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Loads a project by slug for a page; `retry` loads it again after a failure. Without network
 * it falls back to the copy kept on this device, and loads the project again by itself when
 * the network is back.
 */
export function useProject(slug: string): { state: ProjectState; retry: () => void } {
  const [state, setState] = useState<ProjectState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const showingCopy = state.status === 'ready' && state.savedAt !== null;

  // `attempt` is in the dependencies only to load again when the reader asks to retry.
  useEffect(() => {
    const abort = new AbortController();
    // A page showing a copy keeps it on screen while the fresh project loads.
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    getProject(slug, abort.signal)
      .then((result) => projectStateOf(slug, result))
      .then(
        (next) => {
          if (abort.signal.aborted) return;
          setState((current) => {
            if (current.status !== 'ready') return next;
            // A copy on screen is not replaced by a failure to load the fresh one.
            if (next.status !== 'ready') return current;
            // Nor is the map rebuilt (it follows the project object) when the fresh project is
            // the same as the copy: only the note goes.
            return sameProject(current.project, next.project) ? { ...next, project: current.project } : next;
          });
        },
        () => undefined, // aborted
      );
    return () => abort.abort();
  }, [slug, attempt]);

  // Back online while showing a copy: fetch the project again (the outbox sends by itself).
  useEffect(() => {
    if (!showingCopy) return;
    const reload = () => setAttempt((count) => count + 1);
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [showingCopy]);

  return { state, retry: () => setAttempt((count) => count + 1) };
}
