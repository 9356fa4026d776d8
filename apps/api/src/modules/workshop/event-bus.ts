import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

/** PostgreSQL channel on which API processes tell each other that a session has new events. */
export const SESSION_EVENTS_CHANNEL = 'nabolag_session_events';

/**
 * Wakes the live streams of a session when it has new events. The events themselves are in the
 * `session_events` table; the bus only says "look again", so a missed or doubled wake-up costs
 * a query, never an event.
 */
export interface SessionBus {
  /** Tells every stream of the session, in this process and (on PostgreSQL) in the others. */
  notify(sessionId: string): Promise<void>;
  subscribe(sessionId: string, listener: () => void): () => void;
  close(): Promise<void>;
}

/** One API process (and the embedded database, which cannot notify across connections). */
export function createMemoryBus(): SessionBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async notify(sessionId) {
      emitter.emit(sessionId);
    },
    subscribe(sessionId, listener) {
      emitter.on(sessionId, listener);
      return () => emitter.off(sessionId, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Several API processes on one PostgreSQL: NOTIFY from any process reaches every process's
 * LISTEN connection, which wakes its local streams. The listening connection reconnects by itself
 * when the database restarts (streams also poll, so nothing waits forever meanwhile).
 */
export function createPostgresBus(
  connectionString: string,
  pool: pg.Pool,
  log: FastifyBaseLogger,
): SessionBus {
  const local = createMemoryBus();
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 500;

  const connect = async (): Promise<void> => {
    if (closed) return;
    const candidate = new pg.Client({ connectionString });
    candidate.on('notification', (message) => {
      if (message.payload) void local.notify(message.payload);
    });
    candidate.on('error', (error) => {
      log.warn({ err: error }, 'session event listener lost its database connection; reconnecting');
      candidate.end().catch(() => undefined);
      if (client === candidate) client = undefined;
      scheduleReconnect();
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${SESSION_EVENTS_CHANNEL}`);
      client = candidate;
      retryMs = 500;
    } catch (error) {
      log.warn({ err: error }, 'session event listener could not connect; retrying');
      candidate.end().catch(() => undefined);
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (closed) return;
    setTimeout(() => void connect(), retryMs).unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  };
  void connect();

  return {
    async notify(sessionId) {
      await pool.query('SELECT pg_notify($1, $2)', [SESSION_EVENTS_CHANNEL, sessionId]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
      await local.close();
    },
  };
}
