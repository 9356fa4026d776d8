// The real API server as a child process for the fault tests, started as `pnpm start` starts it
// (scripts/api-process.mjs), that can be killed with SIGKILL and started again on the same data.
import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { apiCommand } from '../../scripts/api-process.mjs';
import { findFreePort } from '../e2e/server.ts';

/** How long a start may take (the first embedded start unpacks PostGIS), in milliseconds. */
const READY_TIMEOUT_MS = 120_000;

export const FAULTS_ADMIN = {
  email: 'faults-admin@nabolag.test',
  password: 'faults admin password, long enough',
};

export interface ApiProcessOptions {
  /** A PostgreSQL URL; without it, the embedded database in `dataDirectory`. */
  databaseUrl?: string | undefined;
  dataDirectory?: string | undefined;
  /** Extra environment (e.g. NABOLAG_RATE_LIMITS). */
  env?: Record<string, string>;
  /** The port to listen on (kept across restarts); a free one by default. */
  port?: number;
  /** Run as this user and group (numeric ids); only root may ask for it. */
  user?: { uid: number; gid: number };
}

export interface ApiProcess {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/** Spawns the server; does not wait for it (see `waitUntilReady`). */
export async function spawnApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = options.port ?? (await findFreePort());
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST') && name !== 'DATABASE_URL',
    ),
  );
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NABOLAG_WEB_DIST: '/nonexistent-web-app',
    NABOLAG_RATE_LIMITS: 'off',
    // Tests never reach Kartverket.
    NABOLAG_ADDRESS_SEARCH_URL: 'off',
    NABOLAG_ADMIN_EMAIL: FAULTS_ADMIN.email,
    NABOLAG_ADMIN_PASSWORD: FAULTS_ADMIN.password,
    ...options.env,
  };
  delete env.NABOLAG_DATA_DIR;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDirectory) env.NABOLAG_DATA_DIR = options.dataDirectory;
  const { command, args, cwd } = apiCommand();
  const child = spawn(command, args, {
    cwd,
    env: options.user ? { ...env, HOME: tmpdir() } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options.user,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // If the test runner dies, the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `GET /api/health/ready` answers 200; throws with the server's output if it exits or times out. */
export async function waitUntilReady(api: ApiProcess, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void api.exited.then(() => {
    exited = true;
  });
  let last = 'no answer yet';
  while (Date.now() < until) {
    if (exited) throw new Error(`The server exited during start-up.\n--- its output ---\n${api.output()}`);
    try {
      const response = await fetch(`${api.baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(3_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  api.kill('SIGKILL');
  throw new Error(`The server was not ready within ${timeoutMs / 1000} s (last: ${last}).\n${api.output()}`);
}

/** Starts the server and waits until it is ready. */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const api = await spawnApi(options);
  await waitUntilReady(api);
  return api;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopApi(api: ApiProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!api || api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.kill('SIGTERM');
  const timer = setTimeout(() => api.kill('SIGKILL'), graceMs);
  await api.exited;
  clearTimeout(timer);
}

/** Signs in as the admin the process was started with: the cookie header and the CSRF token. */
export async function signIn(baseUrl: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FAULTS_ADMIN),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** A participant token as an offline outbox makes it. */
export const clientToken = () =>
  crypto.randomUUID().replaceAll('-', '') + crypto.randomUUID().replaceAll('-', '');
