// `pnpm dev`: the API in watch mode on API_PORT (default 8080) beside Vite's dev server, which
// proxies /api to API_PORT. Stopping this script (Ctrl-C) stops both; when either one exits the
// other is stopped too, and its exit code becomes ours.
import { spawn } from 'node:child_process';
import { apiCommand } from './api-process.mjs';
import { repoRoot } from './web-build.mjs';

const apiPort = process.env.API_PORT ?? '8080';
/** How long a child gets to shut down after SIGTERM before it is killed, in milliseconds. */
const GRACE_MS = 5000;
/** Own process groups let us stop a child with everything it started (pnpm -> vite). */
const ownGroups = process.platform !== 'win32';

const children = [];
let stopping = false;

/**
 * @param {'group' | 'leader'} stopVia `leader`: SIGTERM only the child itself, which passes it on
 *   (tsx watch does, and a second SIGTERM straight to the server would cut its shutdown short);
 *   `group`: SIGTERM the child's whole process group (pnpm does not pass it on to Vite).
 */
function start(name, command, args, env, stopVia) {
  console.log(`[dev] ${name}: ${[command, ...args].join(' ')}`);
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    // No stdin: a child in its own process group that reads the terminal would be stopped (SIGTTIN).
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: ownGroups,
    shell: process.platform === 'win32' && command === 'pnpm',
  });
  child.stopVia = stopVia;
  children.push(child);
  child.once('error', (error) => {
    console.error(`[dev] could not start ${name}: ${error.message}`);
    stopAll(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[dev] ${name} exited (${signal ?? `code ${code}`}); stopping the rest.`);
    stopAll(code ?? 1);
  });
  return child;
}

function isRunning(child) {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** `whole`: the child's process group, which may outlive the child itself (pnpm -> vite). */
function signalChild(child, signal, whole = true) {
  if (!(ownGroups && whole) && !isRunning(child)) return;
  try {
    if (ownGroups && whole) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of children) signalChild(child, 'SIGTERM', child.stopVia === 'group');
  const deadline = Date.now() + GRACE_MS;
  while (children.some(isRunning) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const child of children) signalChild(child, 'SIGKILL');
  process.exit(exitCode);
}

// Last resort if this process ends some other way (an uncaught error): leave nothing behind.
process.on('exit', () => {
  for (const child of children) signalChild(child, 'SIGKILL');
});
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));
process.on('SIGHUP', () => stopAll(129));

const api = apiCommand({ watch: true });
start('api', api.command, api.args, { PORT: apiPort }, 'leader');
start('web', 'pnpm', ['--filter', '@nabolag/web', 'dev'], { API_PORT: apiPort }, 'group');
console.log(`[dev] API on http://localhost:${apiPort}; the web app's URL is printed by Vite below.`);
