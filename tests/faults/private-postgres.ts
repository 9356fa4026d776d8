// A PostgreSQL server of the test's own (initdb in a temporary folder, its own port), so a test
// may stop and restart it without disturbing the server other test files share. PostGIS comes
// from the system's packages (postgresql-15-postgis-3), like the shared server's.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from '../e2e/server.ts';

const run = promisify(execFile);

/** Where Debian puts PostgreSQL 15's programs; PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

/** Why a private server cannot be run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  for (const program of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(PG_BIN, program))) return `${join(PG_BIN, program)} is missing (set PG_BIN)`;
  }
  if (isRoot && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser';
  return undefined;
}

export interface PrivatePostgres {
  port: number;
  /** Superuser URL (trust authentication on loopback). */
  superuserUrl(database?: string): string;
  /** Creates a role without special rights and a database it owns, with PostGIS created by the superuser (as in production). */
  createAppDatabase(name: string, role: string): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops (fast: open sessions are ended), waits `downMs`, starts again. */
  restart(downMs: number): Promise<void>;
  /** Stops the server and removes its folder. */
  remove(): Promise<void>;
}

/** initdb, then start on a free port; the data folder belongs to `postgres` when run as root (initdb refuses root). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const directory = await mkdtemp(join(tmpdir(), 'nabolag-private-pg-'));
  const dataDirectory = join(directory, 'data');
  const logFile = join(directory, 'server.log');
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(directory, Number(stdout.trim()), Number(group.trim()));
    await chmod(directory, 0o700);
  }
  // From / so that programs run as postgres do not complain about a working folder they cannot read.
  const as = (program: string, args: string[]) =>
    isRoot
      ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, program), ...args], { cwd: '/' })
      : run(join(PG_BIN, program), args, { cwd: '/' });
  await as('initdb', ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await findFreePort();
  // Sockets in the test's own folder; TCP on loopback only; fsync stays on (the kill tests rely on it).
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1`;
  const start = async () => {
    await as('pg_ctl', ['-D', dataDirectory, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    await as('pg_ctl', ['-D', dataDirectory, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  await start();
  const superuserUrl = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const asSuperuser = async (database: string, sql: string) => {
    const client = new pg.Client({ connectionString: superuserUrl(database) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    superuserUrl,
    async createAppDatabase(name, role) {
      await asSuperuser('postgres', `CREATE ROLE ${role} LOGIN PASSWORD '${role}-secret'`).catch(
        (error: { code?: string }) => {
          if (error.code !== '42710') throw error; // the role exists already
        },
      );
      await asSuperuser('postgres', `CREATE DATABASE ${name} OWNER ${role}`);
      await asSuperuser(name, 'CREATE EXTENSION postgis');
      return `postgres://${role}:${role}-secret@127.0.0.1:${port}/${name}`;
    },
    stop,
    start,
    async restart(downMs) {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async remove() {
      await stop().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
