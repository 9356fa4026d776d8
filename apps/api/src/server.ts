import type pg from 'pg';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import {
  DataDirectoryError,
  EMBEDDED_POOL_SIZE,
  type EmbeddedDatabase,
  startEmbeddedDatabase,
} from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoProject } from './db/seed.ts';
import { scheduleMaintenance } from './modules/maintenance/maintenance.ts';
import { upsertAdmin } from './modules/users/users.repository.ts';

/** How long a graceful shutdown may take before the process exits anyway, in milliseconds. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * A log line before the server's logger exists, in the shape pino writes (one JSON object per
 * line: level 30 info, 60 fatal), so that log collectors parse every line of the process alike.
 */
function earlyLog(level: 'info' | 'fatal', msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    level: level === 'fatal' ? 60 : 30,
    time: Date.now(),
    pid: process.pid,
    ...fields,
    msg,
  });
  (level === 'fatal' ? process.stderr : process.stdout).write(`${line}\n`);
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      earlyLog('fatal', error.message, { problems: error.problems });
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    earlyLog(
      'info',
      `Starting the embedded PostGIS in ${config.dataDirectory} (the first start takes ~15 s)…`,
    );
    try {
      embedded = await startEmbeddedDatabase({ dataDirectory: config.dataDirectory });
    } catch (error) {
      if (error instanceof DataDirectoryError) {
        earlyLog('fatal', `Nabolag could not start: ${error.message}`);
        process.exit(73); // EX_CANTCREAT
      }
      throw error;
    }
    databaseUrl = embedded.connectionString;
  }

  const app = await buildApp({
    databaseUrl,
    databaseKind: embedded ? 'embedded' : 'postgres',
    poolSize: embedded ? EMBEDDED_POOL_SIZE : config.poolSize,
    webDistDirectory: config.webDistDirectory,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    addressSearch: config.addressSearch,
    logger: {
      level: config.logLevel,
      // No IP addresses in the logs: they are personal data we have no need to keep.
      serializers: {
        req: (request: { method: string; url: string; id: string }) => ({
          method: request.method,
          url: request.url,
          reqId: request.id,
        }),
      },
    },
  });

  // Graceful shutdown (SIGTERM from an orchestrator, Ctrl-C): stop taking requests (new ones on
  // open connections get 503, so readiness fails and a proxy moves on), end the live streams
  // (clients resume on another process with Last-Event-ID), let requests in flight finish, close
  // the database, exit 0. A second signal, or the grace period running out, exits at once.
  let closing = false;
  let stopMaintenance = () => {};
  const shutdown = async (signal: string) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    closing = true;
    const startedClosing = performance.now();
    app.log.info({ signal }, 'shutting down: draining requests and live streams');
    const timer = setTimeout(() => {
      app.log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    let code = 0;
    try {
      stopMaintenance();
      await app.close();
      await embedded?.stop();
      app.log.info({ shutdownMs: Math.round(performance.now() - startedClosing) }, 'shut down cleanly');
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      code = 1;
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.ready();
  const pool: pg.Pool = app.pg.pool;
  const applied = await migrate(pool);
  if (applied.length > 0) app.log.info({ applied }, 'database migrations applied');
  if (config.seedDemo && (await seedDemoProject(pool))) app.log.info('demo project "torstrand" created');
  if (config.admin) {
    await upsertAdmin(pool, config.admin.email, config.admin.password);
    app.log.info({ email: config.admin.email }, 'admin account created or updated from the environment');
  }

  stopMaintenance = scheduleMaintenance(pool, app.log);

  await app.listen({ port: config.port, host: config.host });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  app.log.info(
    { startupSeconds: Number(seconds), database: embedded ? 'embedded' : 'postgres' },
    `Nabolag is ready at http://${shownHost}:${config.port} (started in ${seconds} s)`,
  );
}

main().catch((error: unknown) => {
  earlyLog('fatal', `Nabolag could not start: ${error instanceof Error ? error.message : String(error)}`, {
    err: error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : error,
  });
  process.exit(1);
});
