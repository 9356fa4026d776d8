import { randomUUID } from 'node:crypto';
import { projectParticipationSchema } from '@nabolag/schema';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;

const token = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

async function send(person: string) {
  const id = randomUUID();
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { authorization: `Bearer ${person}` },
    payload: { id, category: 'meeting-places', geometry: { type: 'Point', coordinates: INSIDE } },
  });
  expect(response.statusCode).toBe(201);
  return id;
}

async function participation() {
  const response = await app.inject({ url: `/api/projects/${slug}/participation` });
  expect(response.statusCode).toBe(200);
  return projectParticipationSchema.parse(response.json());
}

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app, { k: 5, moderation: 'after' });
});

afterAll(async () => {
  await app?.close();
});

describe('GET /api/projects/:slug/participation', () => {
  it('hides the number of people until k have taken part, then counts each person once', async () => {
    expect(await participation()).toEqual({ contributions: 0, participants: null });
    const people = Array.from({ length: 5 }, token);
    for (const person of people.slice(0, 4)) await send(person);
    // Four people, one of them twice: still fewer than k = 5.
    await send(people[0] as string);
    expect(await participation()).toEqual({ contributions: 5, participants: null });

    const fifth = await send(people[4] as string);
    expect(await participation()).toEqual({ contributions: 6, participants: 5 });

    // Only what is published counts.
    await app.pg.pool.query(`UPDATE contributions SET status = 'hidden' WHERE id = $1`, [fifth]);
    expect(await participation()).toEqual({ contributions: 5, participants: null });
  });

  it('answers 404 for a project that does not exist', async () => {
    const response = await app.inject({ url: '/api/projects/no-such-project/participation' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });
});
