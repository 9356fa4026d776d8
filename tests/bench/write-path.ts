// The write path: POST /contributions under load against the same rows as raw single-row pg
// INSERTs (the ceiling), and the latency at a fixed rate of 1,000 requests per second.
import { randomUUID } from 'node:crypto';
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

/**
 * POST /contributions at a fixed offered rate (autocannon's `overallRate`): the achieved rate and
 * the latency a client sees at that load. Enough connections that the rate, not the clients,
 * is the limit.
 */
export async function fixedRate(
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
  record(`POST at ${options.rate} req/s offered: achieved/s`, (result['2xx'] / options.seconds).toFixed(0));
  record(
    `POST at ${options.rate} req/s: latency p50 / p99 / max (ms)`,
    `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max}`,
  );
  record(`POST at ${options.rate} req/s: non-2xx, errors`, `${result.non2xx}, ${result.errors}`);
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
