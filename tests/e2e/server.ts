// The real API server as a child process, started exactly as `pnpm start` starts it
// (scripts/api-process.mjs), on a free loopback port, with its output captured to a log file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Health, healthSchema } from '@nabolag/schema';
import { apiCommand } from '../../scripts/api-process.mjs';

/** How long the server may take to answer `GET /api/health`; the first embedded start unpacks PostGIS. */
const READY_TIMEOUT_MS = 180_000;
/** How long the server gets to shut down after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;
/** Lines of server output kept in memory for error messages. */
const TAIL_LINES = 60;

export interface ServerOptions {
  /** A PostgreSQL URL (with PostGIS); without it the server runs embedded PGlite in a fresh directory. */
  databaseUrl?: string | undefined;
  /** The built web app the server serves. */
  webDistDirectory: string;
  /** The stand-in for Kartverket's nearest-address search (address-fixtures.ts); omitted: none. */
  addressSearchUrl?: string | undefined;
}

export interface RunningServer {
  baseUrl: string;
  health: Health;
  /** Where the server's stdout and stderr go; kept after the run. */
  logPath: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its temporary data directory. */
  stop(): Promise<void>;
}

/**
 * The admin account the server creates at start-up (`NABOLAG_ADMIN_EMAIL` and
 * `NABOLAG_ADMIN_PASSWORD`), for tests that sign in at /staff. A fixed test password is fine: the
 * test server listens on loopback only, on a throw-away database or the one TEST_DATABASE_URL names.
 */
export const E2E_ADMIN = {
  email: 'e2e-admin@nabolag.test',
  password: 'e2e admin password, long enough',
} as const;

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function findFreePort(): Promise<number> {
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

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the server and waits until `GET /api/health` answers 200; throws with its output if it does not. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logPath = join(tmpdir(), `nabolag-e2e-server-${stamp}-${process.pid}.log`);
  const dataDirectory = options.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'nabolag-e2e-data-'));

  // The environment `pnpm start` would see: without vitest's own variables (NODE_ENV=test among them).
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')),
  );
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    NABOLAG_WEB_DIST: options.webDistDirectory,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    NABOLAG_ADMIN_EMAIL: E2E_ADMIN.email,
    NABOLAG_ADMIN_PASSWORD: E2E_ADMIN.password,
    // Never Kartverket itself: the run's own stand-in, or no address search.
    NABOLAG_ADDRESS_SEARCH_URL: options.addressSearchUrl ?? 'off',
  };
  // A developer's own DATABASE_URL must never receive test data: only TEST_DATABASE_URL is used.
  delete env.DATABASE_URL;
  delete env.NABOLAG_DATA_DIR;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (dataDirectory) env.NABOLAG_DATA_DIR = dataDirectory;

  const { command, args, cwd } = apiCommand();
  const log = createWriteStream(logPath);
  log.write(
    `$ PORT=${port} HOST=127.0.0.1 ${dataDirectory ? `NABOLAG_DATA_DIR=${dataDirectory}` : 'DATABASE_URL=…'} `,
  );
  log.write(`node ${args.join(' ')}\n`);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const capture = (chunk: Buffer) => {
    log.write(chunk);
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  // If vitest itself dies, the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!hasExited(child)) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_GRACE_MS);
      }
    }
    await new Promise<void>((resolve) => log.end(resolve));
    if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true, maxRetries: 5 });
  };

  const failure = async (reason: string) => {
    await stop();
    return new Error(
      `${reason}\n--- last lines of the server's output (full log: ${logPath}) ---\n${tail.join('\n')}`,
    );
  };

  const startedAt = Date.now();
  let lastProblem = 'no answer yet';
  while (Date.now() - startedAt < READY_TIMEOUT_MS) {
    if (hasExited(child)) {
      throw await failure(
        `The server exited during start-up (${child.signalCode ?? `code ${child.exitCode}`}).`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
      const body: unknown = await response.json().catch(() => undefined);
      const health = healthSchema.safeParse(body);
      if (response.status === 200 && health.success) {
        return { baseUrl, health: health.data, logPath, stop };
      }
      lastProblem = `GET /api/health answered ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw await failure(
    `The server did not become healthy within ${READY_TIMEOUT_MS / 1000} s (last: ${lastProblem}).`,
  );
}
