import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

export interface ServiceWorkerOptions {
  /** The worker's source (TypeScript), bundled on its own into one classic script. */
  entry: string;
  /** Its name in the output, served from the site's root so that its scope is the whole app. */
  fileName?: string;
}

/** Every file under `directory`, as paths relative to it with forward slashes. */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    );
}

/**
 * Builds the service worker after the app: it lists what the build wrote (index.html, scripts,
 * styles, MapLibre's worker) and the public folder (icons, manifest), source maps left out, and
 * bundles `entry` with that list and a hash of those files' contents written in as
 * `__NABOLAG_PRECACHE__`. A new build of the app therefore makes a different sw.js, which is how
 * browsers learn that there is a new shell to fetch.
 */
export function serviceWorker({ entry, fileName = 'sw.js' }: ServiceWorkerOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'nabolag:service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle(output, bundle) {
      const outDir = output.dir ?? path.resolve(config.root, config.build.outDir);
      const publicFiles = config.publicDir ? await filesUnder(config.publicDir) : [];
      const files = [...new Set([...Object.keys(bundle), ...publicFiles])]
        // Source maps and Vite's build manifest (.vite/) are for tools, not for the offline shell.
        .filter((file) => !file.endsWith('.map') && !file.startsWith('.vite/') && file !== fileName)
        .sort();
      const hash = createHash('sha256');
      for (const file of files) {
        hash.update(file);
        hash.update(await readFile(path.join(outDir, file)));
      }
      const precache = {
        version: hash.digest('hex').slice(0, 16),
        urls: files.map((file) => `${config.base}${file}`),
      };
      await build({
        configFile: false,
        root: config.root,
        mode: config.mode,
        logLevel: 'warn',
        publicDir: false,
        define: { __NABOLAG_PRECACHE__: JSON.stringify(precache) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          sourcemap: false,
          lib: {
            entry: path.resolve(config.root, entry),
            formats: ['iife'],
            name: 'nabolagServiceWorker',
            fileName: () => fileName,
          },
        },
      });
      config.logger.info(`service worker: ${fileName} precaches ${files.length} files (${precache.version})`);
    },
  };
}
