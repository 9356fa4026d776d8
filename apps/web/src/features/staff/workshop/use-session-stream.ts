import type { SessionEvent } from '@nabolag/schema';
import { useEffect, useRef, useState } from 'react';
import { parseSessionEvent } from './live-session.ts';

const EVENT_TYPES: readonly SessionEvent['type'][] = [
  'contribution',
  'contribution-hidden',
  'contribution-removed',
  'session',
  'tablet',
];

/** How long to wait before opening a stream again that the browser gave up on, in milliseconds. */
const REOPEN_AFTER_MS = 3000;

/**
 * Listens to `GET /api/sessions/:code/stream` (server-sent events) and hands each event to
 * `onEvent`. The browser reconnects by itself with `Last-Event-ID`; when it gives up (an HTTP
 * error), the stream is opened again here from the last event seen. `connected` is false while
 * the stream is down.
 */
export function useSessionStream(
  code: string,
  onEvent: (event: SessionEvent) => void,
): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    let lastEventId = '';
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const open = () => {
      const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
      const current = new EventSource(`/api/sessions/${encodeURIComponent(code)}/stream${query}`);
      source = current;
      current.onopen = () => setConnected(true);
      current.onerror = () => {
        setConnected(false);
        if (current.readyState === EventSource.CLOSED && !stopped) {
          timer = setTimeout(open, REOPEN_AFTER_MS);
        }
      };
      for (const type of EVENT_TYPES) {
        current.addEventListener(type, (message: MessageEvent<string>) => {
          if (message.lastEventId) lastEventId = message.lastEventId;
          const event = parseSessionEvent(type, message.data);
          if (event) onEventRef.current(event);
        });
      }
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      setConnected(false);
    };
  }, [code]);

  return { connected };
}
