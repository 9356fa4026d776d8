import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../../testing/test-app.ts';
import { runMaintenance } from './maintenance.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

async function participantWithAnswers(slug: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    payload: {
      id: randomUUID(),
      category: 'meeting-places',
      geometry: { type: 'Point', coordinates: INSIDE },
      participant: { ageBand: '18-29', relation: ['lives'], yearsInArea: 4 },
    },
  });
  return response.json().participantId;
}

const answers = async (participantId: string) =>
  (
    await app.pg.pool.query('SELECT age_band, relation, years_in_area FROM participants WHERE id = $1', [
      participantId,
    ])
  ).rows[0];

it('deletes background answers once a closed project is past its retention period, and only then', async () => {
  const expiring = await createTestProject(app, { retentionDays: 30 });
  const keeping = await createTestProject(app, { retentionDays: 30 });
  const expired = await participantWithAnswers(expiring);
  const kept = await participantWithAnswers(keeping);
  await app.pg.pool.query(`UPDATE projects SET closes_at = now() - interval '31 days' WHERE slug = $1`, [
    expiring,
  ]);
  await app.pg.pool.query(`UPDATE projects SET closes_at = now() - interval '29 days' WHERE slug = $1`, [
    keeping,
  ]);

  await runMaintenance(app.pg.pool, app.log);

  expect(await answers(expired)).toEqual({ age_band: null, relation: null, years_in_area: null });
  expect(await answers(kept)).toEqual({ age_band: '18-29', relation: ['lives'], years_in_area: 4 });
  const contributions = await app.pg.pool.query(
    'SELECT count(*)::int AS n FROM contributions WHERE participant_id = $1',
    [expired],
  );
  expect(contributions.rows[0].n).toBe(1);
});
