// The write path's single statement (store-contribution.repository.ts): what it must keep while
// it does everything in one round trip — the rate limit, a project changed behind the cache,
// participants made once.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRIBUTE_RATE } from '../../http/rate-limit.ts';
import { createTestApp, createTestProject, INSIDE, startEarlyInRateWindow } from '../../testing/test-app.ts';
import { findProjectBySlug, toDefinition, updateProject } from '../projects/projects.repository.ts';

let app: FastifyInstance;
let limited: FastifyInstance;

beforeAll(async () => {
  app = await createTestApp();
  limited = await createTestApp({ rateLimits: true });
});
afterAll(async () => {
  await app.close();
  await limited.close();
});

const clientToken = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

function post(
  target: FastifyInstance,
  slug: string,
  overrides: Record<string, unknown> = {},
  options: { token?: string; remoteAddress?: string } = {},
) {
  return target.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    remoteAddress: options.remoteAddress,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    payload: JSON.stringify({
      id: randomUUID(),
      category: 'meeting-places',
      geometry: { type: 'Point', coordinates: INSIDE },
      ...overrides,
    }),
  });
}

async function countIn(slug: string): Promise<number> {
  const { rows } = await app.pg.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM contributions c JOIN projects p ON p.id = c.project_id WHERE p.slug = $1',
    [slug],
  );
  return rows[0]?.n ?? 0;
}

/** Changes a project as the project editor of another API process would: past this process's cache. */
async function editProject(slug: string, change: (definition: ReturnType<typeof toDefinition>) => void) {
  const project = await findProjectBySlug(app.pg.pool, slug);
  if (!project) throw new Error(`no project ${slug}`);
  const definition = toDefinition(project, true);
  change(definition);
  const inUse = await updateProject(app.pg.pool, project.id, definition as never);
  expect(inUse).toEqual([]);
}

describe('the contribution rate limit, counted in the storing statement', () => {
  it('takes 60 a minute from one address, refuses the 61st with Retry-After and stores nothing', async () => {
    const slug = await createTestProject(limited);
    // An address of its own: the counters live in the database every test file shares.
    const remoteAddress = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const token = clientToken();
    await startEarlyInRateWindow(CONTRIBUTE_RATE.windowSeconds, 15_000);
    for (let index = 0; index < 60; index += 1) {
      const response = await post(limited, slug, {}, { token, remoteAddress });
      expect(response.statusCode).toBe(201);
    }
    const refused = await post(limited, slug, {}, { token, remoteAddress });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await countIn(slug)).toBe(60);
    // Another address is not held back.
    expect((await post(limited, slug, {}, { token, remoteAddress: '10.255.255.1' })).statusCode).toBe(201);
  }, 60_000);
});

describe('a project changed behind the write path’s cache', () => {
  it('sees a removed and an added category at the next contribution', async () => {
    const slug = await createTestProject(app);
    expect((await post(app, slug, { category: 'most-time' })).statusCode).toBe(201);
    await app.pg.pool.query(
      `DELETE FROM contributions WHERE project_id = (SELECT id FROM projects WHERE slug = $1)`,
      [slug],
    );
    await editProject(slug, (definition) => {
      const kept = definition.categories.filter((category) => category.key !== 'most-time');
      const template = kept[0];
      if (!template) throw new Error('no category to copy');
      definition.categories = [...kept, { ...template, key: 'new-benches' }];
    });
    const removed = await post(app, slug, { category: 'most-time' });
    expect(removed.statusCode).toBe(400);
    expect(removed.json().code).toBe('UNKNOWN_CATEGORY');
    expect((await post(app, slug, { category: 'new-benches' })).statusCode).toBe(201);
  });

  it('stores only the background answers the project asks now', async () => {
    const slug = await createTestProject(app);
    const token = clientToken();
    expect((await post(app, slug, {}, { token })).statusCode).toBe(201);
    await editProject(slug, (definition) => {
      definition.backgroundQuestions = ['relation'];
    });
    const response = await post(
      app,
      slug,
      { participant: { ageBand: '30-44', relation: ['lives'], yearsInArea: 3 } },
      { token },
    );
    expect(response.statusCode).toBe(201);
    const { rows } = await app.pg.pool.query(
      'SELECT age_band, relation, years_in_area FROM participants WHERE id = $1',
      [response.json().participantId],
    );
    expect(rows[0]).toEqual({ age_band: null, relation: ['lives'], years_in_area: null });
  });

  it('reads moderation and opening live: a project closed meanwhile refuses', async () => {
    const slug = await createTestProject(app);
    expect((await post(app, slug)).statusCode).toBe(201);
    // A plain UPDATE that does not touch updated_at: what is read live must still be right.
    await app.pg.pool.query(`UPDATE projects SET closes_at = now() - interval '1 minute' WHERE slug = $1`, [
      slug,
    ]);
    const closed = await post(app, slug);
    expect(closed.statusCode).toBe(403);
    expect(closed.json().code).toBe('PROJECT_CLOSED');
  });
});

describe('participants', () => {
  it('makes one participant when a new token’s first contributions arrive at once', async () => {
    const slug = await createTestProject(app);
    const token = clientToken();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(app, slug, {}, { token })));
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((response) => response.json().participantId)).size).toBe(1);
    const { rows } = await app.pg.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM participants WHERE project_id = (SELECT id FROM projects WHERE slug = $1)`,
      [slug],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('keeps earlier answers when a later contribution brings none', async () => {
    const slug = await createTestProject(app);
    const token = clientToken();
    const first = await post(app, slug, { participant: { ageBand: '30-44' } }, { token });
    expect((await post(app, slug, {}, { token })).statusCode).toBe(201);
    const { rows } = await app.pg.pool.query('SELECT age_band FROM participants WHERE id = $1', [
      first.json().participantId,
    ]);
    expect(rows[0]).toEqual({ age_band: '30-44' });
  });
});

describe('contributions that arrive together', () => {
  it('are stored in fewer statements than requests, each answered with its own id', async () => {
    const slug = await createTestProject(app);
    const tokens = [clientToken(), clientToken(), clientToken()];
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const responses = await Promise.all(
      ids.map((id, index) => post(app, slug, { id }, { token: tokens[index % tokens.length] })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(ids.map(() => 201));
    expect(responses.map((response) => response.json().id)).toEqual(ids);
    // Each token's contributions share one participant, and the three differ.
    const participants = responses.map((response) => response.json().participantId as string);
    for (const [index, participant] of participants.entries())
      expect(participant).toBe(participants[index % tokens.length]);
    expect(new Set(participants).size).toBe(3);
    expect(await countIn(slug)).toBe(30);
    // The insert trigger writes one analysis_changes row per statement (0007).
    const { rows } = await app.pg.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analysis_changes WHERE project_id = (SELECT id FROM projects WHERE slug = $1)`,
      [slug],
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
    expect(rows[0]?.n).toBeLessThan(30);
  });
});
