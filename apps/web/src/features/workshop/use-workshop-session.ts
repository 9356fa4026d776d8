import type { SessionEvent, WorkshopSession } from '@nabolag/schema';
import { useCallback, useEffect, useState } from 'react';
import type { ApiFailure } from '../../api/client.ts';
import { getSession } from './workshop-api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'ready'; session: WorkshopSession };

/** How often a paused, closed or unreachable session is asked for again, in milliseconds. */
export const RECHECK_MS = 10_000;

export const isUnknownSession = (error: ApiFailure) =>
  error.code === 'UNKNOWN_SESSION' || error.status === 404 || error.status === 400;

/**
 * Loads a workshop session, and loads it again every 10 s while it is not open (or could not
 * be reached), and whenever `reload()` is called (a `session` event on the stream).
 */
export function useWorkshopSession(code: string) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);

  // `attempt` is in the dependencies only to load again.
  useEffect(() => {
    const abort = new AbortController();
    getSession(code, abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        if (result.ok) setState({ status: 'ready', session: result.value });
        // Keep showing a session already loaded when a re-check fails on flaky Wi-Fi.
        else
          setState((previous) =>
            previous.status === 'ready' && !isUnknownSession(result.error)
              ? previous
              : { status: 'failed', error: result.error },
          );
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [code, attempt]);

  const settled =
    (state.status === 'ready' && state.session.status === 'open') ||
    (state.status === 'failed' && isUnknownSession(state.error));
  useEffect(() => {
    if (state.status === 'loading' || settled) return;
    const timer = window.setTimeout(reload, RECHECK_MS);
    return () => window.clearTimeout(timer);
  }, [state, settled, reload]);

  /** For the stream: a `session` event means the status changed; ask the server for the whole. */
  const onEvent = useCallback(
    (event: SessionEvent) => {
      if (event.type !== 'session') return;
      setState((previous) =>
        previous.status === 'ready'
          ? { status: 'ready', session: { ...previous.session, status: event.status } }
          : previous,
      );
      reload();
    },
    [reload],
  );

  return { state, reload, onEvent };
}
