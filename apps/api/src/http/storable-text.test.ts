// Text PostgreSQL cannot store (a NUL, half a surrogate pair) is refused with a 400 naming where,
// before it reaches the database (where it failed with a 500).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../testing/test-app.ts';
import { findUnstorableText, mayHoldUnstorableText } from './storable-text.ts';

let app: FastifyInstance;
let slug: string;
beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
});
afterAll(async () => {
  await app.close();
});

/** Posts a contribution whose body is given as raw JSON text (escapes stay as written). */
function postRaw(storyJson: string, id = randomUUID()) {
  return app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { 'content-type': 'application/json' },
    payload: `{"id":"${id}","category":"meeting-places","geometry":{"type":"Point","coordinates":[${INSIDE.join(',')}]},"story":${storyJson}}`,
  });
}

async function stored(id: string): Promise<string | null | undefined> {
  const { rows } = await app.pg.pool.query<{ story: string | null }>(
    'SELECT story FROM contributions WHERE id = $1',
    [id],
  );
  return rows[0]?.story;
}

describe('text that cannot be stored', () => {
  it('refuses a NUL in a story with 400 and stores nothing', async () => {
    const id = randomUUID();
    const response = await postRaw('"a\\u0000b"', id);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'story' }] });
    expect(await stored(id)).toBeUndefined();
  });

  it('refuses half of a surrogate pair, in a value or a key', async () => {
    expect((await postRaw('"broken \\ud800 text"')).statusCode).toBe(400);
    const inKey = await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: { 'content-type': 'application/json' },
      payload: `{"id":"${randomUUID()}","category":"meeting-places","geometry":{"type":"Point","coordinates":[${INSIDE.join(',')}]},"answers":{"\\udc00":"x"}}`,
    });
    expect(inKey.statusCode).toBe(400);
    expect(inKey.json().details[0].path).toBe('answers.\udc00');
  });

  it('stores a whole surrogate pair (an emoji) and a written-out backslash-u', async () => {
    const emoji = randomUUID();
    expect((await postRaw('"Kafé \\ud83d\\ude00"', emoji)).statusCode).toBe(201);
    expect(await stored(emoji)).toBe('Kafé 😀');
    const backslash = randomUUID();
    expect((await postRaw('"a \\\\u0000 b"', backslash)).statusCode).toBe(201);
    expect(await stored(backslash)).toBe('a \\u0000 b');
  });

  it('refuses a NUL in the address', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/projects/${slug}/contributions?category=a%00b`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('finds the path of the first unstorable string, and skips bodies without escapes', () => {
    expect(findUnstorableText({ a: ['ok', { b: 'x\u0000' }] })).toBe('a.1.b');
    expect(findUnstorableText({ a: 'fine', b: 3, c: null })).toBeUndefined();
    expect(findUnstorableText('\ud800')).toBe('(body)');
    expect(mayHoldUnstorableText('{"story":"Kafé"}')).toBe(false);
    expect(mayHoldUnstorableText('{"story":"\\u00e9"}')).toBe(true);
  });
});
