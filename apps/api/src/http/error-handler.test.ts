import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.ts';

describe('the error handler', () => {
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('hides the text of an unexpected error and names the request', async () => {
    const app = await buildApp({
      databaseUrl: inject('databaseUrl'),
      databaseKind: inject('databaseKind'),
      poolSize: 1,
    });
    apps.push(app);
    app.get('/api/boom', async () => {
      throw new Error('secret detail: password=hunter2');
    });
    const response = await app.inject({ url: '/api/boom', headers: { 'x-request-id': 'req-42' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      code: 'INTERNAL',
      message: expect.any(String),
      details: { requestId: 'req-42' },
    });
    expect(response.body).not.toMatch(/hunter2/);
    expect(response.headers['x-request-id']).toBe('req-42');
  });

  it('answers 503 DATABASE_UNAVAILABLE, not 500, while the database is unreachable', async () => {
    // Port 1 on loopback: nothing listens there, so connecting is refused at once.
    const app = await buildApp({
      databaseUrl: 'postgres://nobody:x@127.0.0.1:1/none',
      databaseKind: 'postgres',
    });
    apps.push(app);
    const response = await app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('DATABASE_UNAVAILABLE');
    expect(response.headers['retry-after']).toBe('5');
  });
});
