// Time to interactive of /p/torstrand for two checkouts side by side in one run (e.g. before and
// after a change to the resident map): each started as `pnpm start` starts it on a fresh embedded
// database, the runs alternating so that the machine's load falls on both alike.
//   tsx bench/tti-side-by-side.ts <label>=<checkout root> <label>=<checkout root> [runs]
// Each checkout must have its web app built (apps/web/dist).
import { join } from 'node:path';
import { timeToInteractive } from './client.ts';
import { createTable } from './table.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 5);
const checkouts = args
  .filter((arg) => arg.includes('='))
  .map((arg) => {
    const [label, root] = arg.split('=') as [string, string];
    return { label, root };
  });
if (checkouts.length === 0) throw new Error('usage: tti-side-by-side.ts <label>=<root> … [runs]');

process.env.NABOLAG_ADDRESS_SEARCH_URL = 'off';
const table = createTable();
const servers = [];
for (const { label, root } of checkouts) {
  // Each checkout's own server launcher, so that its own API serves its own web app.
  const { startServer } = (await import(
    join(root, 'tests/e2e/server.ts')
  )) as typeof import('../e2e/server.ts');
  servers.push({ label, server: await startServer({ webDistDirectory: join(root, 'apps/web/dist') }) });
}
try {
  for (let run = 0; run < runs; run += 1) {
    for (const { label, server } of servers) {
      await timeToInteractive(table.recorder(label), server.baseUrl, CHROMIUM, {
        runs: 1,
        path: '/p/torstrand',
        label: `run ${run + 1}`,
      });
    }
  }
} finally {
  for (const { server } of servers) await server.stop();
}
console.log(`\n${table.markdown()}`);
