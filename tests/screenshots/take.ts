// `pnpm screenshots`: starts a fresh server on the embedded database exactly as `pnpm start`
// does (the demo project seeded), fills the demo with the showcase's places and a workshop, and
// writes the README's pictures into docs/screenshots/. No network: basemap requests are aborted,
// so the pictures show the project's own layers on the map's plain background.
//   pnpm screenshots                 # every screen
//   pnpm screenshots phone-welcome   # only the screens named
import { join } from 'node:path';
import { startAddressFixtureServer } from '../../apps/api/src/testing/address-fixtures.ts';
import { ensureWebBuild, repoRoot } from '../../scripts/web-build.mjs';
import { E2E_ADMIN, startServer } from '../e2e/server.ts';
import { captureScreens } from './screens.ts';
import { seedShowcase } from './showcase.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const only = process.argv.slice(2);

const { distDirectory } = await ensureWebBuild({
  requireSources: true,
  log: (line: string) => console.log(line),
});
// Places get their names from the stand-in for Kartverket's address search (never Kartverket).
const addresses = await startAddressFixtureServer();
const server = await startServer({ webDistDirectory: distDirectory, addressSearchUrl: addresses.url });
try {
  console.log(`server at ${server.baseUrl}`);
  const showcase = await seedShowcase(server.baseUrl, 'torstrand', E2E_ADMIN);
  console.log(`seeded ${showcase.contributions} places and workshop ${showcase.sessionCode}`);
  const written = await captureScreens({
    baseUrl: server.baseUrl,
    chromiumPath: CHROMIUM,
    showcase,
    credentials: E2E_ADMIN,
    directory: join(repoRoot, 'docs', 'screenshots'),
    ...(only.length > 0 ? { only } : {}),
    log: (line) => console.log(line),
  });
  console.log(`${written.length} screenshots written`);
} finally {
  await server.stop();
  await addresses.close();
}
