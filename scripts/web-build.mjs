// Builds the web app when its output is missing or older than its sources. Shared by
// `pnpm start` (scripts/start.mjs) and the end-to-end setup (tests/e2e/global-setup.ts), so both
// serve the same, fresh apps/web/dist. Plain Node: no dependencies.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory (absolute, no trailing separator). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** Directories never looked into when searching for the newest source file. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.vite', 'coverage']);

/**
 * The newest file under `path` (a file or a directory, searched recursively).
 * @returns `{ path, mtimeMs }` or `undefined` when `path` does not exist or holds no files.
 */
function newestFile(path) {
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let newest;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const candidate = newestFile(join(path, entry.name));
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** Every file or directory whose change makes apps/web/dist stale. */
export function webSourcePaths(root = repoRoot) {
  const web = join(root, 'apps', 'web');
  const packagesDirectory = join(root, 'packages');
  const packageSources = existsSync(packagesDirectory)
    ? readdirSync(packagesDirectory, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(packagesDirectory, entry.name, 'src'))
    : [];
  return [
    join(web, 'src'),
    join(web, 'public'),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(web, 'vite-plugin-service-worker.ts'),
    join(web, 'package.json'),
    ...packageSources,
  ];
}

/**
 * Whether apps/web/dist must be (re)built, and why, in words for the console.
 * @returns `{ stale: boolean, reason: string, distDirectory: string }`
 */
export function webBuildStatus(root = repoRoot) {
  const distDirectory = join(root, 'apps', 'web', 'dist');
  const builtIndex = join(distDirectory, 'index.html');
  if (!existsSync(join(root, 'apps', 'web', 'index.html'))) {
    return {
      stale: false,
      missingSources: true,
      reason: 'apps/web/index.html does not exist',
      distDirectory,
    };
  }
  if (!existsSync(builtIndex)) {
    return {
      stale: true,
      missingSources: false,
      reason: 'apps/web/dist/index.html is missing',
      distDirectory,
    };
  }
  const builtAt = statSync(builtIndex).mtimeMs;
  let newest;
  for (const path of webSourcePaths(root)) {
    const candidate = newestFile(path);
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  if (newest && newest.mtimeMs > builtAt) {
    return {
      stale: true,
      missingSources: false,
      reason: `${relative(root, newest.path)} is newer than apps/web/dist/index.html`,
      distDirectory,
    };
  }
  return { stale: false, missingSources: false, reason: 'apps/web/dist is up to date', distDirectory };
}

/** Runs a command with inherited output; resolves with its exit code, rejects if it cannot start. */
function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Builds the web app (`pnpm --filter @nabolag/web build`) if it is stale, and says what it does.
 * Throws when the build fails, or when `requireSources` is set and the web app has no sources.
 * @param {{ root?: string, log?: (line: string) => void, requireSources?: boolean }} [options]
 * @returns {Promise<{ built: boolean, reason: string, distDirectory: string }>}
 */
export async function ensureWebBuild(options = {}) {
  const root = options.root ?? repoRoot;
  const log = options.log ?? ((line) => console.log(line));
  const status = webBuildStatus(root);
  if (status.missingSources) {
    if (options.requireSources) throw new Error(`Cannot build the web app: ${status.reason}.`);
    log(`[web] not building the web app: ${status.reason}; the server runs without it.`);
    return { built: false, reason: status.reason, distDirectory: status.distDirectory };
  }
  if (!status.stale) {
    log(`[web] ${status.reason}; not rebuilding.`);
    return { built: false, reason: status.reason, distDirectory: status.distDirectory };
  }
  log(`[web] building the web app (${status.reason}): pnpm --filter @nabolag/web build`);
  const startedAt = performance.now();
  const code = await run('pnpm', ['--filter', '@nabolag/web', 'build'], { cwd: root }).catch((error) => {
    throw new Error(
      `Could not run pnpm to build the web app (${error.message}). Is pnpm on PATH? ` +
        'On a fresh machine use `node scripts/bootstrap.mjs start`.',
    );
  });
  if (code !== 0) throw new Error(`Building the web app failed (pnpm exited with ${code}).`);
  log(`[web] built apps/web/dist in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);
  return { built: true, reason: status.reason, distDirectory: status.distDirectory };
}
