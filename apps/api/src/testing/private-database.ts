// A database of a test's own, empty and migrated by nobody, for tests that must start from an
// older schema (migration tests). The shared test database cannot serve: it is migrated to the
// newest schema once per run, and the test role may not CREATE DATABASE (nor CREATE EXTENSION
// postgis, which needs a superuser) on the CI server.
//
// - Embedded run: a second PGlite with PostGIS, in memory, served on a loopback port.
// - PostGIS run: a PostgreSQL server of its own (initdb in a temporary folder, as
//   tests/faults/private-postgres.ts does), with a role without special rights owning the
//   database and PostGIS created by the superuser, as in production.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';

const run = promisify(execFile);

/** Where Debian puts PostgreSQL 15's programs; PG_BIN overrides. */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

export interface PrivateDatabase {
  /** A `postgres://` URL for a role that owns the database (no superuser on the server run). */
  url: string;
  stop(): Promise<void>;
}

/** Why a private PostgreSQL server cannot be started here, or undefined when it can. */
export function privateServerUnavailable(): string | undefined {
  for (const program of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(PG_BIN, program)))
      return `${path.join(PG_BIN, program)} is missing (set PG_BIN)`;
  }
  if (isRoot && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser';
  return undefined;
}

export async function startPrivateDatabase(kind: 'embedded' | 'postgres'): Promise<PrivateDatabase> {
  return kind === 'embedded' ? startPrivatePglite() : startPrivateServer();
}

async function startPrivatePglite(): Promise<PrivateDatabase> {
  const db = await PGlite.create({ extensions: { postgis } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

async function startPrivateServer(): Promise<PrivateDatabase> {
  const directory = await mkdtemp(path.join(tmpdir(), 'nabolag-private-db-'));
  const dataDirectory = path.join(directory, 'data');
  if (isRoot) {
    // initdb refuses root: the folder belongs to postgres, which runs the server.
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(directory, Number(uid.trim()), Number(gid.trim()));
    await chmod(directory, 0o700);
  }
  const as = (program: string, args: string[]) =>
    isRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, program), ...args], { cwd: '/' })
      : run(path.join(PG_BIN, program), args, { cwd: '/' });
  const stopServer = () => as('pg_ctl', ['-D', dataDirectory, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await as('initdb', ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
  await as('pg_ctl', [
    '-D',
    dataDirectory,
    '-o',
    options,
    '-l',
    path.join(directory, 'server.log'),
    '-w',
    'start',
  ]);
  try {
    const asSuperuser = async (database: string, sql: string) => {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${database}` });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await asSuperuser('postgres', `CREATE ROLE nabolag_app LOGIN PASSWORD 'nabolag-app-secret'`);
    await asSuperuser('postgres', 'CREATE DATABASE nabolag OWNER nabolag_app');
    await asSuperuser('nabolag', 'CREATE EXTENSION postgis');
  } catch (error) {
    await stopServer().catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://nabolag_app:nabolag-app-secret@127.0.0.1:${port}/nabolag`,
    async stop() {
      await stopServer().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
