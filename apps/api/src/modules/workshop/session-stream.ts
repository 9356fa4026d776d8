import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { SessionBus } from './event-bus.ts';
import { listSessionEvents } from './workshop.repository.ts';

/** Events sent per database read; a client far behind catches up in several reads. */
const BATCH = 500;
/** A comment line this often keeps proxies from closing a quiet stream, in milliseconds. */
const KEEP_ALIVE_MS = 15_000;
/** Streams also look for events this often, in case a wake-up was lost, in milliseconds. */
const POLL_MS = 5_000;

const openStreams = new Set<() => void>();

/** Ends every open stream (graceful shutdown); clients reconnect to another process with Last-Event-ID. */
export function closeAllSessionStreams(): void {
  for (const close of [...openStreams]) close();
}

/**
 * Serves a session's events as server-sent events: first everything after `after` (the client's
 * Last-Event-ID), in order, then each new event as it is logged. Every event is read from the
 * `session_events` table in id order by one reader per stream, so each is sent once and in order.
 */
export function openSessionStream(options: {
  pool: pg.Pool;
  bus: SessionBus;
  request: FastifyRequest;
  reply: FastifyReply;
  sessionId: string;
  after: string;
}): void {
  const { pool, bus, request, reply, sessionId } = options;
  let lastId = options.after;
  let reading = false;
  let again = false;
  let closed = false;

  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  // Reconnect after 2 s when the connection drops.
  response.write('retry: 2000\n\n');

  const pump = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const events = await listSessionEvents(pool, sessionId, lastId, BATCH);
        for (const event of events) {
          if (closed) return;
          response.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
          lastId = event.id;
        }
        if (events.length === BATCH) again = true;
      } while (again && !closed);
    } catch (error) {
      request.log.warn({ err: error }, 'session stream could not read events; will retry');
    } finally {
      reading = false;
    }
  };

  const unsubscribe = bus.subscribe(sessionId, () => void pump());
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  const poll = setInterval(() => void pump(), POLL_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(keepAlive);
    clearInterval(poll);
    openStreams.delete(close);
    response.end();
  };
  openStreams.add(close);
  request.raw.on('close', close);
  void pump();
}
