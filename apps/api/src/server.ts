import type pg from 'pg';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { EMBEDDED_POOL_SIZE, type EmbeddedDatabase, startEmbeddedDatabase } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoProject } from './db/seed.ts';
import { scheduleMaintenance } from './modules/maintenance/maintenance.ts';
import { upsertAdmin } from './modules/users/users.repository.ts';

/** How long a graceful shutdown may take before the process exits anyway, in milliseconds. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const startedAt = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.info(`Starting the embedded PostGIS in ${config.dataDirectory} (the first start takes ~15 s)…`);
    embedded = await startEmbeddedDatabase({ dataDirectory: config.dataDirectory });
    databaseUrl = embedded.connectionString;
  }

  const app = await buildApp({
    databaseUrl,
    databaseKind: embedded ? 'embedded' : 'postgres',
    poolSize: embedded ? EMBEDDED_POOL_SIZE : config.poolSize,
    webDistDirectory: config.webDistDirectory,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
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

  let closing = false;
  let stopMaintenance = () => {};
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      stopMaintenance();
      await app.close();
      await embedded?.stop();
    } finally {
      process.exit(0);
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
  console.error(error instanceof Error ? `Nabolag could not start: ${error.message}` : error);
  process.exit(1);
});
