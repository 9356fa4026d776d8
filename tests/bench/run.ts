// `pnpm bench`: load and latency benchmarks against the real server, started as `pnpm start`
// starts it, on the embedded database and — when BENCH_DATABASE_URL or TEST_DATABASE_URL names
// one — on a PostGIS server. Prints a table. Measurements, not pass/fail tests.
//
//   BENCH_SECONDS   length of each load phase (default 10)
//   BENCH_LIVE_SECONDS  length of the workshop latency phase (default 30)
//   BENCH_DATABASES  which to measure: `embedded,postgis` (default; postgis needs a URL)
//   BENCH_CLIENT     `off` skips the client phase (bundle sizes, time to interactive in Chromium)
//   BENCH_RATE       the steady rate of the write-latency phases, req/s (default 1000)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AreaGeometry, projectSchema } from '@nabolag/schema';
import pg from 'pg';
import { ensureWebBuild } from '../../scripts/web-build.mjs';
import { randomPointsInArea } from '../e2e/area.ts';
import { E2E_ADMIN, startServer } from '../e2e/server.ts';
import { bundleSizes, timeToInteractive } from './client.ts';
import { heatmapAtScale } from './heatmap.bench.ts';
import { readPath } from './read-path.ts';
import { createTable, describeMachine, type Recorder } from './table.ts';
import { clientToken, fixedRateBursts, pacedRate, pinBody, rawInserts, writePath } from './write-path.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const CONNECTIONS = 20;
const DATABASES = (process.env.BENCH_DATABASES ?? 'embedded,postgis').split(',');
const CLIENT = process.env.BENCH_CLIENT !== 'off';
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TABLETS = 60;
/** Each tablet sends one pin this often, in milliseconds (the workshop load). */
const TABLET_INTERVAL_MS = 5_000;
/** The admin the test server is started with. */
const ADMIN = E2E_ADMIN;

const table = createTable();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Signs in as the test server's admin: the session cookie and CSRF token. */
async function signIn(baseUrl: string): Promise<{ cookie: string; csrfToken: string }> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200)
    throw new Error(`bench: staff sign-in failed (${login.status}): ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/**
 * A workshop: 60 tablets, each sending a pin every 5 s, and a projector on the live stream.
 * Latency is from the moment a tablet sends to the moment the projector has the event.
 */
async function liveLatency(record: Recorder, baseUrl: string, points: [number, number][]) {
  const { cookie, csrfToken } = await signIn(baseUrl);
  const session = await fetch(`${baseUrl}/api/projects/torstrand/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ title: 'Benchmark workshop' }),
  });
  if (session.status !== 201)
    throw new Error(`bench: creating the session failed (${session.status}): ${await session.text()}`);
  const { code } = (await session.json()) as { code: string };

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const controller = new AbortController();
  const stream = await fetch(`${baseUrl}/api/sessions/${code}/stream`, { signal: controller.signal });
  const reading = (async () => {
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /"contribution":\{"id":"([0-9a-f-]{36})"/.exec(block)?.[1];
          const started = id ? sentAt.get(id) : undefined;
          if (started !== undefined) latencies.push(performance.now() - started);
        }
      }
    } catch {
      // aborted at the end
    }
  })();

  let failures = 0;
  const until = Date.now() + LIVE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: TABLETS }, async (_, index) => {
      const token = clientToken();
      // Tablets start spread over the interval, as people do.
      await new Promise((resolve) => setTimeout(resolve, (index * TABLET_INTERVAL_MS) / TABLETS));
      while (Date.now() < until) {
        const body = pinBody(points, { session: code, tablet: `tablet-${index}` });
        const id = (JSON.parse(body) as { id: string }).id;
        sentAt.set(id, performance.now());
        const response = await fetch(`${baseUrl}/api/projects/torstrand/contributions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        if (response.status !== 201) {
          failures += 1;
          if (failures === 1)
            console.warn(`  first failed send: ${response.status} ${await response.text()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, TABLET_INTERVAL_MS));
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  controller.abort();
  await reading;
  record(
    `workshop (${TABLETS} tablets, 1 pin / ${TABLET_INTERVAL_MS / 1000} s each): pins sent`,
    String(sentAt.size),
  );
  record('workshop: pins on the projector, failed sends', `${latencies.length}, ${failures}`);
  record(
    'workshop: pin-to-projector latency p50 / p95 (ms)',
    `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)}`,
  );
}

async function benchmark(database: string, databaseUrl: string | undefined) {
  console.log(`\n== ${database}`);
  const record = table.recorder(database);
  process.env.NABOLAG_RATE_LIMITS = 'off';
  process.env.NABOLAG_ADDRESS_SEARCH_URL = 'off'; // benchmarks never reach Kartverket
  process.env.LOG_LEVEL = 'warn';
  // As many database connections as the raw INSERTs get (the API's default is 10): with commits
  // bound by the WAL flush, fewer concurrent transactions would mean fewer rows per flush.
  process.env.DATABASE_POOL_SIZE ??= String(CONNECTIONS);
  const startedAt = performance.now();
  // The API alone: the web app is measured in its own phase (clientPhase).
  const server = await startServer({ databaseUrl, webDistDirectory: join(process.cwd(), 'no-web-app') });
  record('server start until healthy (s)', ((performance.now() - startedAt) / 1000).toFixed(1));
  try {
    const project = projectSchema.parse(
      await (await fetch(`${server.baseUrl}/api/projects/torstrand`)).json(),
    );
    const points = randomPointsInArea(project.area as AreaGeometry, 200);
    const load = { seconds: SECONDS, connections: CONNECTIONS };
    const api = await writePath(record, server.baseUrl, points, load);
    if (databaseUrl) {
      // Side by side in the same run, on the same rows: the API's rate against plain INSERTs.
      const raw = await rawInserts(record, databaseUrl, points, load);
      record('POST contribution vs raw INSERT', `${((api / raw) * 100).toFixed(0)} %`);
      await pacedRate(record, server.baseUrl, points, { seconds: SECONDS, rate: RATE });
      await fixedRateBursts(record, server.baseUrl, points, { seconds: SECONDS, rate: RATE });
    }
    const { cookie } = await signIn(server.baseUrl);
    await readPath(record, server.baseUrl, project, cookie, load);
    await liveLatency(record, server.baseUrl, points);
    // 1,000,000 contributions: PostGIS only (the embedded database would need minutes and GBs).
    if (databaseUrl && process.env.BENCH_HEATMAP !== 'off')
      await heatmapAtScale(record, server.baseUrl, databaseUrl);
  } finally {
    await server.stop();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pg: string; postgis: string }>(
      `SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis`,
    );
    return `PostgreSQL ${rows[0]?.pg}, PostGIS ${rows[0]?.postgis}`;
  } finally {
    await client.end();
  }
}

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** Pins a realistic mapping leaves: spread over the whole area, not packed into its centre. */
const SPREAD_PINS = 2_000;

/** Posts `count` pins at random points all over the project's area, 10 at a time. */
async function postSpreadPins(baseUrl: string, count: number): Promise<void> {
  const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/torstrand`)).json());
  const points = randomPointsInArea(project.area as AreaGeometry, count, 0.95);
  const authorization = `Bearer ${clientToken()}`;
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < points.length) {
        const point = points[next] as [number, number];
        next += 1;
        const response = await fetch(`${baseUrl}/api/projects/torstrand/contributions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: pinBody([point]),
        });
        if (response.status !== 201)
          throw new Error(`bench: posting a pin failed (${response.status}): ${await response.text()}`);
      }
    }),
  );
}

/**
 * The web app: bundle sizes per route, and time to interactive of the resident map, on three
 * projects: the demo as `pnpm start` seeds it (no pins yet; a fresh embedded database), the same
 * with 2,000 pins spread over its area (a busy mapping), and — when PostGIS is measured — the
 * project the load phases filled (tens of thousands of pins packed into the area's centre: a
 * stress case).
 */
async function clientPhase(databaseUrl: string | undefined) {
  console.log('\n== client');
  const record = table.recorder('client');
  if (!existsSync(CHROMIUM))
    throw new Error(`bench: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH or BENCH_CLIENT=off)`);
  process.env.NABOLAG_RATE_LIMITS = 'off';
  process.env.NABOLAG_ADDRESS_SEARCH_URL = 'off'; // benchmarks never reach Kartverket
  const webDist = (await ensureWebBuild({ log: (line) => console.log(line), requireSources: true }))
    .distDirectory;
  bundleSizes(record, webDist);
  const measure = async (baseUrl: string, label: string, runs: number) => {
    const list = await fetch(`${baseUrl}/api/projects/torstrand/contributions`);
    const { features, truncated } = (await list.json()) as { features: unknown[]; truncated: boolean };
    record(
      `/p/torstrand, ${label}: contributions in the public list (default limit)`,
      `${features.length}${truncated ? ' (more exist)' : ''}`,
    );
    await timeToInteractive(record, baseUrl, CHROMIUM, { runs, path: '/p/torstrand', label });
  };
  const demo = await startServer({ databaseUrl: undefined, webDistDirectory: webDist });
  try {
    await measure(demo.baseUrl, 'demo as seeded', 5);
    await postSpreadPins(demo.baseUrl, SPREAD_PINS);
    await measure(demo.baseUrl, `demo with ${SPREAD_PINS} pins spread over the area`, 5);
  } finally {
    await demo.stop();
  }
  if (!databaseUrl) return;
  const busy = await startServer({ databaseUrl, webDistDirectory: webDist });
  try {
    await measure(busy.baseUrl, 'after the load phases', 3);
  } finally {
    await busy.stop();
  }
}

for (const database of DATABASES) {
  if (database === 'postgis' && !postgresUrl) {
    console.log('\n(no BENCH_DATABASE_URL or TEST_DATABASE_URL: PostGIS not measured)');
    continue;
  }
  await benchmark(database, database === 'postgis' ? postgresUrl : undefined);
}
if (CLIENT) await clientPhase(DATABASES.includes('postgis') ? postgresUrl : undefined);

const machine = describeMachine(postgresUrl ? await postgresVersion(postgresUrl) : undefined);
console.log(
  `\nNabolag benchmarks (${SECONDS} s per load phase, ${CONNECTIONS} connections; ${new Date().toISOString()})`,
);
console.log(`machine: ${machine}`);
console.log(table.text());
console.log('\nAs Markdown:\n');
console.log(table.markdown());
