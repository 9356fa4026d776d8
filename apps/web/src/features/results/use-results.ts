import type { ProjectResults } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import type { ApiFailure } from '../../api/client.ts';
import { getResults } from '../../api/nabolag-api.ts';

export type ResultsState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'ready'; results: ProjectResults };

/** Loads a project's results page data; `retry` loads it again after a failure. */
export function useResults(slug: string): { state: ResultsState; retry: () => void } {
  const [state, setState] = useState<ResultsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // `attempt` is in the dependencies only to load again when the reader asks to retry.
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    getResults(slug, abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        setState(
          result.ok ? { status: 'ready', results: result.value } : { status: 'failed', error: result.error },
        );
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [slug, attempt]);

  return { state, retry: () => setAttempt((count) => count + 1) };
}
