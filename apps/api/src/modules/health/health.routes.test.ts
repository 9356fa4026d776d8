import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp } from '../../testing/test-app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

it('reports the database kind and the PostGIS version', async () => {
  const response = await app.inject({ url: '/api/health' });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({
    status: 'ok',
    db: { kind: inject('databaseKind'), postgis: expect.stringMatching(/^3\.\d+/) },
  });
});

it('is live while the process answers', async () => {
  const response = await app.inject({ url: '/api/health/live' });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  expect(response.headers['cache-control']).toBe('no-store');
});

it('is ready when the database answers and every migration is applied', async () => {
  const response = await app.inject({ url: '/api/health/ready' });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
});

// PostgreSQL only: the embedded database has no JIT compiler.
if (inject('databaseKind') === 'postgres') {
  it("runs the API's queries without PostgreSQL's JIT compiler (it costs more than it saves here)", async () => {
    const clients = await Promise.all([app.pg.pool.connect(), app.pg.pool.connect()]);
    try {
      for (const client of clients) {
        const { rows } = await client.query<{ jit: string }>('SHOW jit');
        expect(rows[0]?.jit).toBe('off');
      }
    } finally {
      for (const client of clients) client.release();
    }
  });
}

describe('without a database', () => {
  let orphan: FastifyInstance;
  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    orphan = await buildApp({
      databaseUrl: 'postgres://nobody:nothing@127.0.0.1:1/none',
      databaseKind: 'postgres',
      sessionBus: 'memory',
    });
    await orphan.ready();
  });
  afterAll(async () => {
    await orphan.close();
  });

  it('is live but not ready, and the health check says 503 with the error list’s code', async () => {
    expect((await orphan.inject({ url: '/api/health/live' })).statusCode).toBe(200);
    const ready = await orphan.inject({ url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      status: 'not-ready',
      checks: { database: 'unreachable', migrations: 'unknown' },
    });
    const health = await orphan.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().code).toBe('DATABASE_UNAVAILABLE');
  });
});
