import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyPostgres from '@fastify/postgres';
import { type DatabaseKind, MAX_JSON_BODY_BYTES } from '@nabolag/schema';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { findUnstorableText, mayHoldUnstorableText } from './http/storable-text.ts';
import { analysisRoutes } from './modules/analysis/analysis.routes.ts';
import { analysisStaffRoutes } from './modules/analysis/analysis-staff.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { contributionsRoutes } from './modules/contributions/contributions.routes.ts';
import { exportsRoutes } from './modules/exports/exports.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { moderationRoutes } from './modules/moderation/moderation.routes.ts';
import { ogcRoutes } from './modules/ogc/ogc.routes.ts';
import { organisationsRoutes } from './modules/organisations/organisations.routes.ts';
import { participantsRoutes } from './modules/participants/participants.routes.ts';
import { photosRoutes } from './modules/photos/photos.routes.ts';
import { projectAdminRoutes } from './modules/projects/project-admin.routes.ts';
import { projectsRoutes } from './modules/projects/projects.routes.ts';
import { referenceLayersRoutes } from './modules/reference-layers/reference-layers.routes.ts';
import { participationRoutes } from './modules/results/participation.routes.ts';
import {
  type AddressSearchOptions,
  createPlaceNamer,
  type PlaceNamer,
} from './modules/results/place-names.ts';
import { resultsRoutes } from './modules/results/results.routes.ts';
import { resultsStaffRoutes } from './modules/results/results-staff.routes.ts';
import { tilesRoutes } from './modules/tiles/tiles.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { type PageFallback, registerWebApp } from './modules/web/web.routes.ts';
import { createMemoryBus, createPostgresBus, type SessionBus } from './modules/workshop/event-bus.ts';
import { closeAllSessionStreams } from './modules/workshop/session-stream.ts';
import { workshopRoutes } from './modules/workshop/workshop.routes.ts';

/** Paths the single-page app never owns: unknown ones get a JSON 404, not the app's page. */
const NOT_PAGES = ['/api/', '/ogc', '/tiles/'];

declare module 'fastify' {
  interface FastifyInstance {
    /** Wakes workshop sessions' live streams (in-process, or across processes on PostgreSQL). */
    sessionBus: SessionBus;
    /** Whether rate limits are enforced (see http/rate-limit.ts). */
    rateLimits: boolean;
    /** The database behind the pool: PostgreSQL takes named (prepared) statements, embedded not. */
    databaseKind: DatabaseKind;
    /** Every route registered, as `{ method, url }` (HEAD left out). */
    routeTable: Array<{ method: string; url: string }>;
    /** Names the places of the results page and the report (planner's name, address, reference). */
    placeNamer: PlaceNamer;
  }
}

export interface AppDependencies {
  /** A `postgres://` URL: a real PostGIS, or the embedded database's loopback socket. */
  databaseUrl: string;
  databaseKind: DatabaseKind;
  poolSize?: number;
  /**
   * How live streams learn of new events: `memory` (one process; the embedded database) or
   * `postgres` (LISTEN/NOTIFY, for several API processes on one PostgreSQL). Default by database kind.
   */
  sessionBus?: 'memory' | 'postgres';
  /** Enforce rate limits (default true). */
  rateLimits?: boolean;
  /** Trust X-Forwarded-* headers (default false; set behind a reverse proxy). */
  trustProxy?: boolean;
  /** The built web app to serve; omitted in API-only tests. */
  webDistDirectory?: string;
  logger?: FastifyServerOptions['logger'];
  /** Kartverket's nearest-address search (or a stand-in); omitted: places get no addresses. */
  addressSearch?: AddressSearchOptions | undefined;
}

/**
 * Builds the Fastify app: infrastructure first (validation, errors, database), then the domain
 * modules, then the web app's pages. `server.ts` runs it; tests call it and use `app.inject()`.
 */
export async function buildApp(dependencies: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: dependencies.logger ?? false,
    bodyLimit: MAX_JSON_BODY_BYTES,
    // Only behind a reverse proxy may X-Forwarded-For name the client (else anyone could fake it).
    trustProxy: dependencies.trustProxy ?? false,
    return503OnClosing: true,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  // The route table, so tests can check that every route has its security case.
  const routeTable: Array<{ method: string; url: string }> = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // Every answer names its request, so a person reporting a problem can quote it.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A NUL in the address (a query or a path parameter) cannot be stored or searched for.
    if (request.url.includes('%00'))
      throw new AppError(
        'VALIDATION_FAILED',
        'The address holds a NUL character (%00), which cannot be used.',
      );
  });
  // JSON only: a text body is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser('text/plain');
  // An empty body sent as JSON (some clients do, on DELETE) means "no body", not malformed JSON.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      const parsed: unknown = JSON.parse(text);
      const unstorable = mayHoldUnstorableText(text) ? findUnstorableText(parsed) : undefined;
      if (unstorable !== undefined) {
        return done(
          new AppError(
            'VALIDATION_FAILED',
            `The body is not valid: ${unstorable} holds a character that cannot be stored (a NUL character or half of a surrogate pair).`,
            [{ path: unstorable, message: 'holds a NUL character or half of a surrogate pair' }],
          ),
          undefined,
        );
      }
      done(null, parsed);
    } catch (error) {
      const malformed = error as Error & { statusCode?: number; code?: string };
      malformed.statusCode = 400;
      malformed.code = 'FST_ERR_CTP_INVALID_JSON_BODY';
      done(malformed, undefined);
    }
  });

  await app.register(fastifyPostgres, {
    connectionString: dependencies.databaseUrl,
    max: dependencies.poolSize ?? 10,
    // Fail rather than hang when the database is down, so callers get a 503. The embedded
    // database has one connection that requests queue for, so it gets longer.
    connectionTimeoutMillis: dependencies.databaseKind === 'embedded' ? 30_000 : 5_000,
    idleTimeoutMillis: 30_000,
    // PostGIS functions carry high planner costs, so PostgreSQL's JIT compiler kicks in on
    // ordinary requests and spends longer compiling than running: a z15 tile of 18,000 pins took
    // 224 ms with JIT (254 ms of it compiling) and 55 ms without. A SET on each new connection
    // (not a startup option, which PgBouncer refuses) turns it off for the API's queries only;
    // the pool hands the connection out once it is done.
    onConnect:
      dependencies.databaseKind === 'postgres'
        ? async (client) => {
            try {
              await client.query('SET jit = off');
            } catch (error) {
              app.log.warn({ err: error }, 'could not turn off JIT on a database connection');
            }
          }
        : undefined,
  });
  // A dropped idle connection (database restarted) must not crash the process.
  app.pg.pool.on('error', (error) => app.log.warn({ err: error }, 'idle database connection lost'));

  await registerSecurityHeaders(app);
  await app.register(fastifyCookie);

  const sessionBus =
    (dependencies.sessionBus ?? (dependencies.databaseKind === 'postgres' ? 'postgres' : 'memory')) ===
    'postgres'
      ? createPostgresBus(dependencies.databaseUrl, app.pg.pool, app.log)
      : createMemoryBus();
  app.decorate('sessionBus', sessionBus);
  app.decorate('rateLimits', dependencies.rateLimits ?? true);
  app.decorate('databaseKind', dependencies.databaseKind);
  app.decorate('placeNamer', createPlaceNamer(dependencies.addressSearch));
  // Open streams end before the server closes, so shutdown does not wait on them; clients resume
  // elsewhere with Last-Event-ID.
  app.addHook('preClose', async () => closeAllSessionStreams());
  app.addHook('onClose', async () => sessionBus.close());

  await app.register(healthRoutes, { databaseKind: dependencies.databaseKind });
  await app.register(projectsRoutes);
  await app.register(contributionsRoutes);
  await app.register(photosRoutes);
  await app.register(participantsRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(organisationsRoutes);
  await app.register(moderationRoutes);
  await app.register(projectAdminRoutes);
  await app.register(workshopRoutes);
  await app.register(analysisRoutes);
  await app.register(analysisStaffRoutes);
  await app.register(ogcRoutes);
  await app.register(exportsRoutes);
  await app.register(tilesRoutes);
  await app.register(referenceLayersRoutes);
  await app.register(resultsRoutes);
  await app.register(participationRoutes);
  await app.register(resultsStaffRoutes);
  const pageFallback: PageFallback | undefined = dependencies.webDistDirectory
    ? await registerWebApp(app, dependencies.webDistDirectory)
    : undefined;

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isPageRequest =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !NOT_PAGES.some((prefix) => pathname.startsWith(prefix)) &&
      path.extname(pathname) === '';
    if (isPageRequest && pageFallback) return pageFallback(reply);
    throw new AppError('NOT_FOUND', `There is nothing at ${request.method} ${pathname}.`);
  });
  return app;
}
