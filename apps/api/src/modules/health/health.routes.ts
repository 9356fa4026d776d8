import { readdir } from 'node:fs/promises';
import {
  type DatabaseKind,
  healthSchema,
  livenessSchema,
  type Readiness,
  readinessSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { MIGRATIONS_DIRECTORY } from '../../db/migrate.ts';
import { errorResponses } from '../../http/error-responses.ts';

/** How long readiness waits for the database before it calls it unreachable, in milliseconds. */
const READY_TIMEOUT_MS = 2_000;

/**
 * Health for people and for machines:
 * - `GET /api/health`: 200 with the database's kind and PostGIS version, or 503 when the database is down;
 * - `GET /api/health/live`: liveness — the process answers (restart it if this fails);
 * - `GET /api/health/ready`: readiness — the database answers and is migrated (send no traffic if this fails).
 */
export const healthRoutes: FastifyPluginAsyncZod<{ databaseKind: DatabaseKind }> = async (app, options) => {
  const pool = app.pg.pool;
  // The migrations this code expects, read once: they are part of the deployed code.
  const expected = (await readdir(MIGRATIONS_DIRECTORY)).filter((name) => name.endsWith('.sql')).sort();

  app.get(
    '/api/health',
    { schema: { response: { 200: healthSchema, ...errorResponses } } },
    async (_request, reply) => {
      const { rows } = await pool.query<{ version: string }>('SELECT postgis_lib_version() AS version');
      reply.header('cache-control', 'no-store');
      return {
        status: 'ok' as const,
        db: { kind: options.databaseKind, postgis: rows[0]?.version ?? 'unknown' },
      };
    },
  );

  app.get('/api/health/live', { schema: { response: { 200: livenessSchema } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
  });

  app.get(
    '/api/health/ready',
    { schema: { response: { 200: readinessSchema, 503: readinessSchema } } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const readiness = await checkReadiness(pool, expected);
      return reply.status(readiness.status === 'ready' ? 200 : 503).send(readiness);
    },
  );
};

async function checkReadiness(pool: pg.Pool, expected: string[]): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const query = pool.query<{ name: string }>('SELECT name FROM schema_migrations');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS).unref(),
    );
    applied = new Set((await Promise.race([query, timeout])).rows.map((row) => row.name));
  } catch (error) {
    // No migrations table yet: the database answers but has never been migrated.
    if ((error as { code?: string }).code === '42P01') {
      return {
        status: 'not-ready',
        checks: { database: 'ok', migrations: 'pending' },
        pendingMigrations: expected,
      };
    }
    return { status: 'not-ready', checks: { database: 'unreachable', migrations: 'unknown' } };
  }
  const pending = expected.filter((name) => !applied.has(name));
  if (pending.length > 0) {
    return {
      status: 'not-ready',
      checks: { database: 'ok', migrations: 'pending' },
      pendingMigrations: pending,
    };
  }
  return { status: 'ready', checks: { database: 'ok', migrations: 'ok' } };
}
