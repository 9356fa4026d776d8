// The client: how much JavaScript and CSS each route needs before it shows (gzip, from the
// production build's manifest) and how soon /p/torstrand is usable on a slow phone's CPU.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Recorder } from './table.ts';

/** Vite's build manifest (`build.manifest: true`): one entry per chunk, keyed by its source. */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Each route's page component, loaded with React.lazy by apps/web/src/app/app.tsx (the shell's own pages come with the entry). */
export const ROUTE_CHUNKS: Record<string, string | undefined> = {
  '/ (open projects)': undefined,
  '/p/:slug (resident map)': 'src/features/contribute/resident-map-page.tsx',
  '/p/:slug/me (my places)': 'src/features/me/my-places-page.tsx',
  '/w/:code (kiosk)': 'src/features/workshop/kiosk-page.tsx',
  '/w/:code/projector': 'src/features/workshop/projector-page.tsx',
  '/staff': 'src/features/staff/staff-app.tsx',
};

/** The files a chunk needs before it runs: itself, its static imports (transitively) and their CSS. */
function closure(manifest: Manifest, key: string, into: Set<string>): void {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
}

/**
 * Whether any of `files` holds code of the npm package `name`, read from the chunks' source maps
 * (the build writes them: `build.sourcemap`). Shared chunks are named by the bundler after one
 * of their modules, so the manifest alone cannot say what is inside them.
 */
function containsPackage(distDirectory: string, files: Iterable<string>, name: string): boolean {
  const marker = `/node_modules/${name}/`;
  for (const file of files) {
    if (!file.endsWith('.js')) continue;
    const mapPath = join(distDirectory, `${file}.map`);
    if (!existsSync(mapPath)) {
      // A chunk without a map (the bundler's tiny runtime helper) has no package code in it.
      if (statSync(join(distDirectory, file)).size > 2048)
        throw new Error(`bench: ${file} has no source map; the web build must write them`);
      continue;
    }
    const { sources } = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources: string[] };
    if (sources.some((source) => source.includes(marker))) return true;
  }
  return false;
}

const gzipBytes = (distDirectory: string, file: string) =>
  gzipSync(readFileSync(join(distDirectory, file)), { level: 6 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/**
 * The locale files a bokmål reader's first render waits for (apps/web/src/i18n/locale-loader.ts:
 * the page's language and its fallbacks, each a chunk of its own); counted with every route.
 */
const DEFAULT_LOCALES = ['src/i18n/locales/nb.json', 'src/i18n/locales/en.json'];

/**
 * Per route: JS and CSS (gzip level 6, as a reverse proxy sends them) loaded before the page
 * shows: the entry's static closure, the default language's locale chunks, plus the route's
 * lazy page chunk and its static closure.
 * Fails loudly when a staff chunk is in the resident pages' closure (it must stay code-split),
 * and when zod is in the resident map's (the page checks with the schemas only after it answers
 * input: apps/web/src/api/schemas.ts).
 */
export function bundleSizes(record: Recorder, distDirectory: string): void {
  const manifest = JSON.parse(
    readFileSync(join(distDirectory, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error('bench: the web build manifest has no entry');
  const entry = new Set<string>();
  closure(manifest, entryKey, entry);
  for (const locale of DEFAULT_LOCALES) {
    if (!manifest[locale]) throw new Error(`bench: no chunk for ${locale} in the web build manifest`);
    closure(manifest, locale, entry);
  }
  const staffFile = manifest[ROUTE_CHUNKS['/staff'] as string]?.file;
  if (staffFile && entry.has(staffFile)) throw new Error('bench: the staff pages are in the entry bundle');
  for (const [route, source] of Object.entries(ROUTE_CHUNKS)) {
    const files = new Set(entry);
    if (source) {
      if (!manifest[source]) {
        record(`bundle ${route}`, `not found in the manifest (${source})`);
        continue;
      }
      closure(manifest, source, files);
    }
    if (route.startsWith('/p/') && staffFile && files.has(staffFile))
      throw new Error(`bench: ${route} loads the staff pages`);
    if (route.startsWith('/p/:slug (') && containsPackage(distDirectory, files, 'zod'))
      throw new Error(`bench: ${route} loads zod before it is interactive`);
    let js = 0;
    let css = 0;
    for (const file of files) {
      if (file.endsWith('.css')) css += gzipBytes(distDirectory, file);
      else js += gzipBytes(distDirectory, file);
    }
    record(`bundle ${route}: JS + CSS (gzip)`, `${kib(js)} + ${kib(css)}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Time to interactive of the resident map in Chromium with the CPU slowed 4× (CDP
 * `Emulation.setCPUThrottlingRate`), cold cache, on localhost. Defined here as the time from
 * navigation start until (1) the map has drawn (`data-map-loaded="true"`) and (2) the first
 * call to action ("Add a place", or a kiosk's first category) is visible and enabled, as seen by a 50 ms in-page check that itself had to
 * get the main thread (so the page answers input at that moment). Median of `runs`.
 */
export async function timeToInteractive(
  record: Recorder,
  baseUrl: string,
  chromiumPath: string,
  options: { runs: number; path: string; label: string },
): Promise<void> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const origin = new URL(baseUrl).origin;
  const interactive: number[] = [];
  const firstPaint: number[] = [];
  try {
    for (let run = 0; run < options.runs; run += 1) {
      // A fresh context: a cold cache, as a first visit from a QR code.
      const context = await browser.newContext({
        viewport: { width: 412, height: 915 },
        serviceWorkers: 'block',
      });
      await context.route('**/*', (route) =>
        new URL(route.request().url()).origin === origin ? route.continue() : route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      await page.addInitScript(() => {
        const marks = { interactive: 0, firstContentfulPaint: 0 };
        (window as unknown as { __benchMarks: typeof marks }).__benchMarks = marks;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries())
            if (entry.name === 'first-contentful-paint') marks.firstContentfulPaint = entry.startTime;
        }).observe({ type: 'paint', buffered: true });
        const check = setInterval(() => {
          const map = document.querySelector('[data-testid="map"][data-map-loaded="true"]');
          // The welcome's "Add a place" (the first step of the flow); a kiosk shows the categories.
          const button = document.querySelector<HTMLButtonElement>(
            '[data-testid="add-place"], [data-testid^="category-"]',
          );
          if (map && button && !button.disabled && button.offsetParent !== null) {
            marks.interactive = performance.now();
            clearInterval(check);
          }
        }, 50);
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${baseUrl}${options.path}`);
      await page.waitForFunction(
        () => (window as unknown as { __benchMarks: { interactive: number } }).__benchMarks.interactive > 0,
        undefined,
        { timeout: 60_000, polling: 200 },
      );
      const marks = await page.evaluate(
        () =>
          (window as unknown as { __benchMarks: { interactive: number; firstContentfulPaint: number } })
            .__benchMarks,
      );
      interactive.push(marks.interactive);
      firstPaint.push(marks.firstContentfulPaint);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const what = `${options.path}, ${options.label} (4× CPU, cold)`;
  record(`${what}: first contentful paint (ms)`, median(firstPaint).toFixed(0));
  record(
    `${what}: time to interactive (ms), median of ${options.runs}`,
    `${median(interactive).toFixed(0)} (runs: ${interactive.map((value) => value.toFixed(0)).join(', ')})`,
  );
}
