import { type SessionEvent, sessionEventSchema } from '@nabolag/schema';
import { useEffect, useRef, useState } from 'react';
import { sessionStreamUrl } from './workshop-api.ts';

const EVENT_TYPES = [
  'contribution',
  'contribution-hidden',
  'contribution-removed',
  'session',
  'tablet',
] as const satisfies readonly SessionEvent['type'][];

/** One server-sent event as the app sees it, or `null` when it breaks the contract. */
export function parseSessionEvent(type: string, data: string): SessionEvent | null {
  try {
    const payload: unknown = JSON.parse(data);
    const withType = typeof payload === 'object' && payload !== null ? { type, ...payload } : payload;
    const parsed = sessionEventSchema.safeParse(withType);
    return parsed.success && parsed.data.type === type ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Follows a workshop session's live events (`EventSource`: it reconnects by itself and resumes
 * with `Last-Event-ID`). Returns whether the stream is connected now; `null` code: no stream.
 */
export function useSessionStream(code: string | null, onEvent: (event: SessionEvent) => void): boolean {
  const [connected, setConnected] = useState(false);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    if (code === null || typeof EventSource !== 'function') return;
    const source = new EventSource(sessionStreamUrl(code));
    source.addEventListener('open', () => setConnected(true));
    source.addEventListener('error', () => setConnected(source.readyState === EventSource.OPEN));
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message: MessageEvent<string>) => {
        const event = parseSessionEvent(type, message.data);
        if (event) onEventRef.current(event);
      });
    }
    return () => {
      source.close();
      setConnected(false);
    };
  }, [code]);

  return connected;
}
