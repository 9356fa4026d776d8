import type { Project } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import type { ApiFailure } from '../../api/client.ts';
import { getProject } from '../../api/nabolag-api.ts';

export type ProjectState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'ready'; project: Project };

/** Loads a project by slug for a page; `retry` loads it again after a failure. */
export function useProject(slug: string): { state: ProjectState; retry: () => void } {
  const [state, setState] = useState<ProjectState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // `attempt` is in the dependencies only to load again when the reader asks to retry.
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    getProject(slug, abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        setState(
          result.ok ? { status: 'ready', project: result.value } : { status: 'failed', error: result.error },
        );
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [slug, attempt]);

  return { state, retry: () => setAttempt((count) => count + 1) };
}
