// `pnpm bench`: load and latency benchmarks against the real server, started as `pnpm start`
// starts it, on the embedded database and — when BENCH_DATABASE_URL or TEST_DATABASE_URL names
// one — on a PostGIS server. Prints a table. Measurements, not pass/fail tests.
//
//   BENCH_SECONDS   length of each load phase (default 10)
//   BENCH_LIVE_SECONDS  length of the workshop latency phase (default 30)
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type AreaGeometry, type Project, projectSchema } from '@nabolag/schema';
import autocannon from 'autocannon';
import pg from 'pg';
import { randomPointsInArea } from '../e2e/area.ts';
import { E2E_ADMIN, startServer } from '../e2e/server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const CONNECTIONS = 20;
const TABLETS = 60;
/** Each tablet sends one pin this often, in milliseconds (the workshop load). */
const TABLET_INTERVAL_MS = 5_000;
/** The admin the test server is started with. */
const ADMIN = E2E_ADMIN;

interface Row {
  database: string;
  measurement: string;
  value: string;
}
const rows: Row[] = [];
const record = (database: string, measurement: string, value: string) => {
  rows.push({ database, measurement, value });
  console.log(`  ${measurement}: ${value}`);
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function pinBody(points: [number, number][], extra: Record<string, unknown> = {}) {
  const point = points[Math.floor(Math.random() * points.length)] as [number, number];
  return JSON.stringify({
    id: randomUUID(),
    category: 'meeting-places',
    geometry: { type: 'Point', coordinates: point },
    story: 'Benken ved kirka, der vi møtes om kvelden',
    ...extra,
  });
}

/** POST /contributions under load: requests per second and latency. */
async function writePath(database: string, baseUrl: string, points: [number, number][]) {
  const token = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
  const result = await autocannon({
    url: `${baseUrl}/api/projects/torstrand/contributions`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: pinBody(points) }) }],
  });
  const ok = result['2xx'];
  record(database, 'POST contribution: stored/s', (ok / SECONDS).toFixed(0));
  record(
    database,
    'POST contribution: latency p50 / p99 (ms)',
    `${result.latency.p50} / ${result.latency.p99}`,
  );
  record(database, 'POST contribution: non-2xx, errors', `${result.non2xx}, ${result.errors}`);
  return ok / SECONDS;
}

/** The same rows inserted with plain single-row `pg` INSERTs: the ceiling the API is measured against. */
async function rawInserts(database: string, url: string, points: [number, number][]) {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  const { rows: found } = await pool.query<{ project: string; participant: string }>(
    `SELECT p.id AS project, (SELECT id FROM participants WHERE project_id = p.id LIMIT 1) AS participant
     FROM projects p WHERE slug = 'torstrand'`,
  );
  const { project, participant } = found[0] as { project: string; participant: string };
  let inserted = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const point = points[Math.floor(Math.random() * points.length)] as [number, number];
        await pool.query(
          `INSERT INTO contributions (id, project_id, participant_id, category_key, geometry, story)
           VALUES ($1, $2, $3, 'meeting-places', ST_SetSRID(ST_MakePoint($4, $5), 4326), $6)`,
          [
            randomUUID(),
            project,
            participant,
            point[0],
            point[1],
            'Benken ved kirka, der vi møtes om kvelden',
          ],
        );
        inserted += 1;
      }
    }),
  );
  await pool.end();
  record(database, 'raw pg INSERT: rows/s', (inserted / SECONDS).toFixed(0));
  return inserted / SECONDS;
}

/** GET of the public list by bbox, the map's main read. */
async function readPath(database: string, baseUrl: string, project: Project) {
  const [west, south, east, north] = project.bounds;
  const bbox = [west, south, (west + east) / 2, (south + north) / 2].join(',');
  const result = await autocannon({
    url: `${baseUrl}/api/projects/torstrand/contributions?bbox=${bbox}&limit=1000`,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  record(database, 'GET contributions by bbox (≤1000): requests/s', (result['2xx'] / SECONDS).toFixed(0));
  record(
    database,
    'GET contributions by bbox: latency p50 / p99 (ms)',
    `${result.latency.p50} / ${result.latency.p99}`,
  );
}

/**
 * A workshop: 60 tablets, each sending a pin every 5 s, and a projector on the live stream.
 * Latency is from the moment a tablet sends to the moment the projector has the event.
 */
async function liveLatency(database: string, baseUrl: string, points: [number, number][]) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200)
    throw new Error(`bench: staff sign-in failed (${login.status}): ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
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
      const token = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
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
    database,
    `workshop (${TABLETS} tablets, 1 pin / ${TABLET_INTERVAL_MS / 1000} s each): pins sent`,
    String(sentAt.size),
  );
  record(database, 'workshop: pins on the projector, failed sends', `${latencies.length}, ${failures}`);
  record(
    database,
    'workshop: pin-to-projector latency p50 / p95 (ms)',
    `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)}`,
  );
}

async function benchmark(database: string, databaseUrl: string | undefined) {
  console.log(`\n== ${database}`);
  process.env.NABOLAG_RATE_LIMITS = 'off';
  process.env.LOG_LEVEL = 'warn';
  const startedAt = performance.now();
  // The API alone: the web app is not needed for these measurements.
  const server = await startServer({ databaseUrl, webDistDirectory: join(process.cwd(), 'no-web-app') });
  record(database, 'server start until healthy (s)', ((performance.now() - startedAt) / 1000).toFixed(1));
  try {
    const project = projectSchema.parse(
      await (await fetch(`${server.baseUrl}/api/projects/torstrand`)).json(),
    );
    const points = randomPointsInArea(project.area as AreaGeometry, 200);
    const api = await writePath(database, server.baseUrl, points);
    if (databaseUrl) {
      const raw = await rawInserts(database, databaseUrl, points);
      record(database, 'POST contribution vs raw INSERT', `${((api / raw) * 100).toFixed(0)} %`);
    }
    await readPath(database, server.baseUrl, project);
    await liveLatency(database, server.baseUrl, points);
  } finally {
    await server.stop();
  }
}

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
await benchmark('embedded', undefined);
if (postgresUrl) await benchmark('postgis', postgresUrl);
else console.log('\n(no BENCH_DATABASE_URL or TEST_DATABASE_URL: PostGIS not measured)');

console.log(
  `\nNabolag benchmarks (${SECONDS} s per load phase, ${CONNECTIONS} connections; ${new Date().toISOString()})`,
);
const width = Math.max(...rows.map((row) => row.measurement.length));
for (const row of rows)
  console.log(`${row.database.padEnd(9)} ${row.measurement.padEnd(width)}  ${row.value}`);
