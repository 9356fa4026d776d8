import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
});
afterAll(async () => {
  await app.close();
});

const newToken = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
const me = (token: string, method: 'GET' | 'PATCH' | 'DELETE' = 'GET', payload?: unknown) =>
  app.inject({
    method,
    url: `/api/projects/${slug}/me`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

async function contribute(token: string, story: string) {
  const id = randomUUID();
  await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      id,
      category: 'meeting-places',
      geometry: { type: 'Point', coordinates: INSIDE },
      story,
      participant: { ageBand: '45-66', relation: ['lives'] },
    },
  });
  return id;
}

describe('/api/projects/:slug/me', () => {
  it('shows the participant their own contributions and answers, and nobody else’s', async () => {
    const token = newToken();
    const other = newToken();
    const mine = await contribute(token, 'Mine');
    await contribute(other, 'Theirs');
    const response = await me(token);
    expect(response.statusCode).toBe(200);
    const data = response.json();
    expect(data.profile).toEqual({ ageBand: '45-66', relation: ['lives'] });
    expect(data.contributions).toHaveLength(1);
    expect(data.contributions[0]).toMatchObject({
      id: mine,
      story: 'Mine',
      status: 'published',
      photo: null,
    });
  });

  it('answers an unknown token with nothing, and refuses a missing one', async () => {
    expect((await me(newToken())).json()).toEqual({ participantId: null, profile: {}, contributions: [] });
    const anonymous = await app.inject({ url: `/api/projects/${slug}/me` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('updates background answers, refusing invalid ones', async () => {
    const token = newToken();
    await contribute(token, 'x');
    expect((await me(token, 'PATCH', { profile: { ageBand: '45-66', yearsInArea: 7 } })).statusCode).toBe(
      204,
    );
    // The answers replace the earlier ones: relation, left out, is taken back.
    expect((await me(token)).json().profile).toEqual({ ageBand: '45-66', yearsInArea: 7 });
    const bad = await me(token, 'PATCH', { profile: { ageBand: 'ancient' } });
    expect(bad.statusCode).toBe(400);
    expect((await me(token)).json().profile.ageBand).toBe('45-66');
  });

  it('deletes everything the participant gave: contributions, photos and answers', async () => {
    const token = newToken();
    const first = await contribute(token, 'one');
    await contribute(token, 'two');
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
      .jpeg()
      .toBuffer();
    await app.inject({
      method: 'PUT',
      url: `/api/contributions/${first}/photo`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
      payload: photo,
    });
    const participantId = (await me(token)).json().participantId;
    expect((await me(token, 'DELETE')).statusCode).toBe(204);

    const counts = await app.pg.pool.query(
      `SELECT (SELECT count(*)::int FROM participants WHERE id = $1) AS participants,
              (SELECT count(*)::int FROM contributions WHERE participant_id = $1) AS contributions,
              (SELECT count(*)::int FROM photos WHERE contribution_id = $2) AS photos`,
      [participantId, first],
    );
    expect(counts.rows[0]).toEqual({ participants: 0, contributions: 0, photos: 0 });
  });
});

describe('background questions a project does not ask', () => {
  it('are not stored, even when a client sends answers to them', async () => {
    const modest = await createTestProject(app, { backgroundQuestions: ['relation'] });
    const token = newToken();
    await app.inject({
      method: 'POST',
      url: `/api/projects/${modest}/contributions`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        id: randomUUID(),
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: INSIDE },
        participant: { ageBand: '45-66', relation: ['visitor'], yearsInArea: 2 },
      },
    });
    const data = await app.inject({
      url: `/api/projects/${modest}/me`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(data.json().profile).toEqual({ relation: ['visitor'] });
    expect((await app.inject({ url: `/api/projects/${modest}` })).json().backgroundQuestions).toEqual([
      'relation',
    ]);
  });
});
