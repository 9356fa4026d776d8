import { type DependencyList, useCallback, useEffect, useState } from 'react';
import type { ApiFailure, ApiResult } from '../../../api/client.ts';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'ready'; value: T };

/**
 * Loads what a page shows with `load` (aborted when the page goes or `deps` change) and gives
 * `reload` for a retry button. `setValue` changes what was loaded (after a save, optimistically).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<ApiResult<T>>, deps: DependencyList) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // `load` is made anew each render; `deps` say when it really changes.
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    load(abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        setState(
          result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error },
        );
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const setValue = useCallback((update: (value: T) => T) => {
    setState((previous) =>
      previous.status === 'ready' ? { status: 'ready', value: update(previous.value) } : previous,
    );
  }, []);
  return { state, reload, setValue };
}
