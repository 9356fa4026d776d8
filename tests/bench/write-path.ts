// The write path: POST /contributions under load against the same rows as raw single-row pg
// INSERTs (the ceiling), and the latency at a steady 1,000 requests per second.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Recorder } from './table.ts';

export const STORY = 'Benken ved kirka, der vi møtes om kvelden';

export function randomPoint(points: [number, number][]): [number, number] {
  return points[Math.floor(Math.random() * points.length)] as [number, number];
}

export function pinBody(points: [number, number][], extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: randomUUID(),
    category: 'meeting-places',
    geometry: { type: 'Point', coordinates: randomPoint(points) },
    story: STORY,
    ...extra,
  });
}

/** A participant token as an offline outbox makes it (64 characters). */
export const clientToken = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

/** POST /contributions as fast as `connections` clients go: stored per second and latency. */
export async function writePath(
  record: Recorder,
  baseUrl: string,
  points: [number, number][],
  options: { seconds: number; connections: number },
): Promise<number> {
  const result = await autocannon({
    url: `${baseUrl}/api/projects/torstrand/contributions`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientToken()}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: pinBody(points) }) }],
  });
  const stored = result['2xx'] / options.seconds;
  record('POST contribution: stored/s', stored.toFixed(0));
  record('POST contribution: latency p50 / p99 (ms)', `${result.latency.p50} / ${result.latency.p99}`);
  record('POST contribution: non-2xx, errors', `${result.non2xx}, ${result.errors}`);
  return stored;
}

/** The start of the open-loop phase that is not counted. */
const WARM_UP_SECONDS = 2;

/**
 * POST /contributions at a steady 1,000 requests per second (or `rate`): one request every
 * 1/rate seconds, sent on schedule whether or not earlier ones have been answered (an open
 * loop, as wrk2 does). A request's latency runs from the moment it was due to be sent, so a
 * stalled server or a late load generator counts against the server, never for it. The first
 * `WARM_UP_SECONDS` run at the same rate but are not counted (the sockets open, the code warms),
 * as wrk2's calibration period is not.
 *
 * autocannon's `overallRate` is not this: each connection sends back to back until it has used
 * its share of the second, then waits for the next second, so the whole second's requests
 * arrive at its start, 100 at a time. That phase is kept below (fixedRateBursts) and reported
 * as what it is.
 */
export async function pacedRate(
  record: Recorder,
  baseUrl: string,
  points: [number, number][],
  options: { seconds: number; rate: number },
): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(`${baseUrl}/api/projects/torstrand/contributions`);
  const authorization = `Bearer ${clientToken()}`;
  const warmUp = Math.round(WARM_UP_SECONDS * options.rate);
  const total = warmUp + Math.round(options.seconds * options.rate);
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  const start = performance.now() + 20;
  const dueAt = (index: number) => start + (index * 1000) / options.rate;
  await new Promise<void>((resolve) => {
    let sent = 0;
    let answered = 0;
    const settle = () => {
      answered += 1;
      if (answered === total) resolve();
    };
    const send = (due: number, counted: boolean) => {
      const body = pinBody(points);
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode === 201) {
              if (counted) latencies.push(performance.now() - due);
            } else {
              failed += 1;
              firstFailure ??= `HTTP ${response.statusCode}`;
            }
            settle();
          });
        },
      );
      request.on('error', (error) => {
        failed += 1;
        firstFailure ??= error.message;
        settle();
      });
      request.end(body);
    };
    // Every millisecond or so: send what is due (timers are not exact; the latency still counts
    // from when each request was due).
    const tick = () => {
      const now = performance.now();
      while (sent < total && dueAt(sent) <= now) {
        send(dueAt(sent), sent >= warmUp);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    setTimeout(tick, 20);
  });
  agent.destroy();
  if (firstFailure) console.warn(`  paced phase: first failure: ${firstFailure}`);
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  record(
    `POST at a steady ${options.rate} req/s (open loop): stored/s`,
    (latencies.length / options.seconds).toFixed(0),
  );
  record(
    `POST at a steady ${options.rate} req/s: latency p50 / p90 / p99 / max (ms)`,
    [at(0.5), at(0.9), at(0.99), latencies[latencies.length - 1] ?? Number.NaN]
      .map((ms) => ms.toFixed(1))
      .join(' / '),
  );
  record(`POST at a steady ${options.rate} req/s: failed`, String(failed));
}

/**
 * autocannon's `overallRate` with 100 connections: each second's requests are sent at its start,
 * as fast as the server answers (see pacedRate). What a server does with 100 requests arriving
 * at once, once a second.
 */
export async function fixedRateBursts(
  record: Recorder,
  baseUrl: string,
  points: [number, number][],
  options: { seconds: number; rate: number },
): Promise<void> {
  const result = await autocannon({
    url: `${baseUrl}/api/projects/torstrand/contributions`,
    method: 'POST',
    connections: 100,
    overallRate: options.rate,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientToken()}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: pinBody(points) }) }],
  });
  record(
    `POST, autocannon overallRate ${options.rate}/s (bursts of 100): stored/s`,
    (result['2xx'] / options.seconds).toFixed(0),
  );
  record(
    `POST, autocannon overallRate ${options.rate}/s: latency p50 / p99 / max (ms)`,
    `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max}`,
  );
  record(
    `POST, autocannon overallRate ${options.rate}/s: non-2xx, errors`,
    `${result.non2xx}, ${result.errors}`,
  );
}

/** The same rows inserted with plain single-row `pg` INSERTs: the ceiling the API is measured against. */
export async function rawInserts(
  record: Recorder,
  url: string,
  points: [number, number][],
  options: { seconds: number; connections: number },
): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: options.connections });
  try {
    const { rows: found } = await pool.query<{ project: string; participant: string }>(
      `SELECT p.id AS project, (SELECT id FROM participants WHERE project_id = p.id LIMIT 1) AS participant
       FROM projects p WHERE slug = 'torstrand'`,
    );
    const { project, participant } = found[0] as { project: string; participant: string };
    let inserted = 0;
    const until = Date.now() + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (Date.now() < until) {
          const point = randomPoint(points);
          await pool.query(
            `INSERT INTO contributions (id, project_id, participant_id, category_key, geometry, story)
             VALUES ($1, $2, $3, 'meeting-places', ST_SetSRID(ST_MakePoint($4, $5), 4326), $6)`,
            [randomUUID(), project, participant, point[0], point[1], STORY],
          );
          inserted += 1;
        }
      }),
    );
    record('raw pg INSERT: rows/s', (inserted / options.seconds).toFixed(0));
    return inserted / options.seconds;
  } finally {
    await pool.end();
  }
}
