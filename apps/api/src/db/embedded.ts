import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** The pool size for the embedded database: one connection (see startEmbeddedDatabase). */
export const EMBEDDED_POOL_SIZE = 1;

export interface EmbeddedDatabase {
  /** A `postgres://` URL on the loopback interface; `pg` connects to it as to any server. */
  connectionString: string;
  stop(): Promise<void>;
}

export class DataDirectoryError extends Error {
  constructor(directory: string, cause: unknown) {
    super(
      `The data folder ${directory} cannot be created or written (${(cause as Error).message}). ` +
        'Set NABOLAG_DATA_DIR to a folder this user may write, or fix its permissions.',
    );
    this.name = 'DataDirectoryError';
  }
}

/**
 * Starts PostgreSQL with PostGIS in this process (PGlite, WASM) with its data in
 * `<dataDirectory>/pglite`, and serves it on a loopback port so the rest of the server talks to
 * it through `pg` exactly as to a real server.
 *
 * PGlite has one backend session shared by every socket connection. The socket server queues
 * protocol messages and keeps a transaction's together, but it interleaves the messages of two
 * connections' extended-protocol queries (Parse/Bind/Execute) when they arrive at once, which
 * mixes up their unnamed statements. So the server talks to it through a pool of ONE connection
 * (`EMBEDDED_POOL_SIZE`): queries queue in `pg` instead, which costs nothing, since PGlite runs
 * one query at a time anyway. Other limits: no named prepared statements, no COPY, no
 * cross-connection LISTEN/NOTIFY, no ST_AsMVT.
 */
export async function startEmbeddedDatabase(options: {
  dataDirectory: string;
  port?: number;
}): Promise<EmbeddedDatabase> {
  const directory = path.join(options.dataDirectory, 'pglite');
  try {
    mkdirSync(directory, { recursive: true });
    // A real write, not access(W_OK): that says yes to root on a read-only mount, and PGlite
    // would then fail later with a message nobody can act on.
    const probe = path.join(directory, `.write-test-${process.pid}`);
    writeFileSync(probe, 'nabolag');
    rmSync(probe);
  } catch (error) {
    throw new DataDirectoryError(directory, error);
  }
  // PGlite must never open one data folder from two processes: that corrupts it. A marker file
  // says which process has it and on which port, so a second process (the CLI) connects there.
  const markerFile = path.join(options.dataDirectory, MARKER_FILE);
  const holder = findRunningEmbedded(options.dataDirectory);
  if (holder) {
    throw new Error(
      `The embedded database in ${directory} is in use by another Nabolag process (pid ${holder.pid}). ` +
        'Stop that one first, or give this one its own NABOLAG_DATA_DIR.',
    );
  }
  const db = await PGlite.create({ dataDir: directory, extensions: { postgis } });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    // Room for the server's pool, migrations, tests and an operator's psql.
    maxConnections: 20,
  });
  await server.start();
  const address = server.getServerConn();
  const connectionString = `postgres://postgres:postgres@${address}/postgres?sslmode=disable`;
  writeFileSync(markerFile, JSON.stringify({ pid: process.pid, connectionString }));
  const removeMarker = () => rmSync(markerFile, { force: true });
  process.once('exit', removeMarker);
  return {
    connectionString,
    async stop() {
      await server.stop();
      await db.close();
      removeMarker();
    },
  };
}

const MARKER_FILE = 'embedded-database.json';

/**
 * The embedded database another live process serves from this data folder, if any (a marker
 * left by a killed process is ignored).
 */
export function findRunningEmbedded(
  dataDirectory: string,
): { pid: number; connectionString: string } | undefined {
  try {
    const marker = JSON.parse(readFileSync(path.join(dataDirectory, MARKER_FILE), 'utf8')) as {
      pid: number;
      connectionString: string;
    };
    if (marker.pid === process.pid) return undefined;
    process.kill(marker.pid, 0);
    return marker;
  } catch {
    return undefined;
  }
}
