// vitest global setup for the e2e project: find Chromium, build the web app if it is stale, start
// the real server once for the whole run, and hand its URL to the tests via `inject('baseUrl')`.
//
// Database: TEST_DATABASE_URL when set (a real PostGIS), else embedded PGlite in a fresh
// temporary directory. Without Chromium the tests are skipped loudly — except in CI, where that
// is an error.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { startAddressFixtureServer } from '../../apps/api/src/testing/address-fixtures.ts';
import { ensureWebBuild } from '../../scripts/web-build.mjs';
import { type RunningServer, startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's origin, e.g. `http://127.0.0.1:41234`; empty when the run is skipped. */
    baseUrl: string;
    /** The Chromium executable to drive; empty when the run is skipped. */
    chromiumPath: string;
    /** True when no Chromium was found outside CI: every e2e test skips. */
    e2eSkipped: boolean;
    /** The server's captured output, for failure messages. */
    serverLogPath: string;
  }
}

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH if set (it must then exist), else the first Debian/Google location that does. */
async function findChromium(): Promise<string | undefined> {
  const fromEnvironment = process.env.CHROMIUM_PATH;
  if (fromEnvironment) {
    if (await isExecutable(fromEnvironment)) return fromEnvironment;
    throw new Error(`CHROMIUM_PATH=${fromEnvironment} is not an executable file.`);
  }
  for (const candidate of CHROMIUM_CANDIDATES) {
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function provideSkipped(project: TestProject): void {
  project.provide('e2eSkipped', true);
  project.provide('baseUrl', '');
  project.provide('chromiumPath', '');
  project.provide('serverLogPath', '');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = await findChromium();
  if (!chromiumPath) {
    const message = "E2E SKIPPED: no Chromium found (install Debian's chromium or set CHROMIUM_PATH)";
    if (process.env.CI) throw new Error(`${message.replace('E2E SKIPPED', 'E2E FAILED')}; CI must not skip.`);
    const rule = '!'.repeat(message.length + 8);
    console.warn(`\n${rule}\n!!! ${message} !!!\n${rule}\n`);
    provideSkipped(project);
    return async () => {};
  }

  const startedAt = performance.now();
  const { distDirectory } = await ensureWebBuild({
    requireSources: true,
    log: (line) => console.log(`[e2e] ${line}`),
  });

  const databaseUrl = process.env.TEST_DATABASE_URL;
  console.log(
    `[e2e] starting the server (${databaseUrl ? 'TEST_DATABASE_URL' : 'embedded PGlite in a fresh directory'})…`,
  );
  // Places are named by their nearest address from this stand-in for Kartverket.
  const addresses = await startAddressFixtureServer();
  const server: RunningServer = await startServer({
    databaseUrl,
    webDistDirectory: distDirectory,
    addressSearchUrl: addresses.url,
  });
  const expectedKind = databaseUrl ? 'postgres' : 'embedded';
  if (server.health.db.kind !== expectedKind) {
    await server.stop();
    await addresses.close();
    throw new Error(`The server reports database kind ${server.health.db.kind}, expected ${expectedKind}.`);
  }
  console.log(
    `[e2e] server ready at ${server.baseUrl} (${server.health.db.kind}, PostGIS ${server.health.db.postgis}) ` +
      `after ${((performance.now() - startedAt) / 1000).toFixed(1)} s; Chromium: ${chromiumPath}; ` +
      `server log: ${server.logPath}`,
  );

  project.provide('e2eSkipped', false);
  project.provide('baseUrl', server.baseUrl);
  project.provide('chromiumPath', chromiumPath);
  project.provide('serverLogPath', server.logPath);

  return async () => {
    await server.stop();
    await addresses.close();
  };
}
