import { type DatabaseKind, healthSchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/error-responses.ts';

/** `GET /api/health`: 200 with the database's kind and PostGIS version, or 503 when the database is down. */
export const healthRoutes: FastifyPluginAsyncZod<{ databaseKind: DatabaseKind }> = async (app, options) => {
  app.get(
    '/api/health',
    { schema: { response: { 200: healthSchema, ...errorResponses } } },
    async (_request, reply) => {
      const { rows } = await app.pg.pool.query<{ version: string }>(
        'SELECT postgis_lib_version() AS version',
      );
      reply.header('cache-control', 'no-store');
      return {
        status: 'ok' as const,
        db: { kind: options.databaseKind, postgis: rows[0]?.version ?? 'unknown' },
      };
    },
  );
};
