import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'embedded' | 'postgres';
  }
}

/**
 * Starts one database for the whole run: the embedded PGlite in a temporary folder, or the
 * PostGIS server named by TEST_DATABASE_URL. Migrations run once; test files isolate by data
 * (each makes its own project), not by database.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let directory: string | undefined;
  let databaseUrl: string;
  if (url) {
    databaseUrl = url;
  } else {
    directory = await mkdtemp(path.join(os.tmpdir(), 'nabolag-test-db-'));
    embedded = await startEmbeddedDatabase({ dataDirectory: directory });
    databaseUrl = embedded.connectionString;
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  console.info(`API tests run on ${url ? `PostGIS at ${new URL(url).host}` : 'the embedded database'}`);
  project.provide('databaseUrl', databaseUrl);
  project.provide('databaseKind', url ? 'postgres' : 'embedded');

  return async () => {
    await embedded?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  };
}
