// How the API server process is started. `pnpm start` (scripts/start.mjs), `pnpm dev`
// (scripts/dev.mjs) and the end-to-end setup (tests/e2e/global-setup.ts) all start it from here,
// so the tests run the server exactly as production does. Plain Node: no dependencies.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './web-build.mjs';

/**
 * V8 flags the API runs with. A young generation of 64 MB (the default is 16): at 1,000
 * contributions a second the API allocates about 160 MB/s; with the default, objects of requests
 * in flight were promoted to the old generation, whose collections stopped the process for
 * 10–22 ms about every 3 s, in step with clusters of slow requests. With 64 MB a probe saw no
 * old-generation collection in 20 s at that rate (docs/benchmarks.md, "Write path: batches").
 * The cost is up to ~100 MB more memory under load. Keep in step with infra/deploy/Dockerfile.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=64'];

/** The API's entry point, relative to the repository root (the server's working directory). */
export const API_ENTRY = 'apps/api/src/server.ts';

/**
 * tsx is a dependency of apps/api, not of the root, so `node --import tsx` run from the root
 * would not find it: resolve it from the packages that have it and pass its loader by URL.
 */
function resolveTsx(root, specifier) {
  for (const from of [join(root, 'apps', 'api', 'package.json'), join(root, 'package.json')]) {
    if (!existsSync(from)) continue;
    try {
      return createRequire(from).resolve(specifier);
    } catch {
      // not installed for this package; try the next
    }
  }
  throw new Error(
    'tsx is not installed (it is a dependency of apps/api). Run `pnpm install` first, ' +
      'or on a fresh machine `node scripts/bootstrap.mjs start`.',
  );
}

/**
 * The command that runs the API: `node <API_NODE_FLAGS> --import <tsx loader> apps/api/src/server.ts`, one process
 * (no wrapper), so signals sent to it reach the server itself. Run it with `cwd: root`.
 * @param {{ root?: string, watch?: boolean }} [options] `watch`: restart on file changes (`pnpm dev`).
 * @returns {{ command: string, args: string[], cwd: string }}
 */
export function apiCommand(options = {}) {
  const root = options.root ?? repoRoot;
  if (options.watch) {
    // tsx's own watcher follows the whole import graph, packages/* included.
    const cli = resolveTsx(root, 'tsx/cli');
    return { command: process.execPath, args: [cli, 'watch', '--clear-screen=false', API_ENTRY], cwd: root };
  }
  const loader = pathToFileURL(resolveTsx(root, 'tsx')).href;
  return { command: process.execPath, args: [...API_NODE_FLAGS, '--import', loader, API_ENTRY], cwd: root };
}
