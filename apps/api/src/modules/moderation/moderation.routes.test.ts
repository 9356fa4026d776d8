import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, createTestProject, INSIDE, signIn } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;
let otherSlug: string;
let moderator: Awaited<ReturnType<typeof signIn>>;
let outsider: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
  otherSlug = await createTestProject(app);
  moderator = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
  outsider = await signIn(app, await createStaffUser(app, [], [{ project: otherSlug, role: 'planner' }]));
});
afterAll(async () => {
  await app.close();
});

async function contribute(story: string, project = slug) {
  const id = randomUUID();
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${project}/contributions`,
    payload: { id, category: 'meeting-places', geometry: { type: 'Point', coordinates: INSIDE }, story },
  });
  expect(response.statusCode).toBe(201);
  return id;
}

const publicIds = async (project = slug) =>
  (await app.inject({ url: `/api/projects/${project}/contributions` }))
    .json()
    .features.map((feature: { id: string }) => feature.id);

const queue = async (name: string, session = moderator) =>
  app.inject({
    url: `/api/staff/projects/${slug}/moderation?queue=${name}`,
    headers: { cookie: session.cookie },
  });

const moderate = (id: string, body: Record<string, unknown>, session = moderator) =>
  app.inject({
    method: 'POST',
    url: `/api/staff/contributions/${id}/moderation`,
    headers: session.headers(),
    payload: body,
  });

describe('moderation', () => {
  it('hides a story from every public output with a reason, records it, and restores it', async () => {
    const id = await contribute('A story that turns out to be unkind');
    expect(await publicIds()).toContain(id);

    expect((await moderate(id, { action: 'hide' })).statusCode).toBe(400);
    const hidden = await moderate(id, { action: 'hide', reason: 'Hurtful to a neighbour' });
    expect(hidden.statusCode).toBe(204);
    expect(await publicIds()).not.toContain(id);
    const items = (await queue('hidden')).json().items;
    expect(items.find((item: { id: string }) => item.id === id)).toMatchObject({
      status: 'hidden',
      moderationReason: 'Hurtful to a neighbour',
    });
    const { rows } = await app.pg.pool.query(
      `SELECT action, details->>'reason' AS reason FROM audit_log WHERE target_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([{ action: 'contribution.hide', reason: 'Hurtful to a neighbour' }]);

    expect((await moderate(id, { action: 'restore' })).statusCode).toBe(204);
    expect(await publicIds()).toContain(id);
  });

  it('holds back stories with contact details for a moderator, and flags them', async () => {
    const id = await contribute('Ring meg på 912 34 567 om benken');
    expect(await publicIds()).not.toContain(id);
    const pending = (await queue('pending')).json().items.find((item: { id: string }) => item.id === id);
    expect(pending.flags).toEqual([{ source: 'automatic', reason: 'phone', createdAt: expect.any(String) }]);
    expect((await moderate(id, { action: 'publish' })).statusCode).toBe(204);
    expect(await publicIds()).toContain(id);
    const flagged = (await queue('flagged')).json().items.map((item: { id: string }) => item.id);
    expect(flagged).not.toContain(id);
  });

  it('lets residents report a public story into the flagged queue', async () => {
    const id = await contribute('Something disputed');
    const report = await app.inject({
      method: 'POST',
      url: `/api/contributions/${id}/report`,
      payload: { reason: 'This names my neighbour' },
    });
    expect(report.statusCode).toBe(202);
    const flagged = (await queue('flagged')).json().items.find((item: { id: string }) => item.id === id);
    expect(flagged.flags[0]).toMatchObject({ source: 'report', reason: 'This names my neighbour' });
  });

  it('refuses staff of another project and anonymous callers, changing nothing', async () => {
    const id = await contribute('Stays as it is');
    expect((await queue('all', outsider)).statusCode).toBe(403);
    const hideAsOutsider = await moderate(id, { action: 'hide', reason: 'not mine to hide' }, outsider);
    expect(hideAsOutsider.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/staff/contributions/${id}/moderation`,
      payload: { action: 'hide', reason: 'anonymous' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await publicIds()).toContain(id);
  });

  it('erases a participant on request: all their contributions go', async () => {
    const token = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) {
      await app.inject({
        method: 'POST',
        url: `/api/projects/${slug}/contributions`,
        headers: { authorization: `Bearer ${token}` },
        payload: { id, category: 'landmarks', geometry: { type: 'Point', coordinates: INSIDE } },
      });
    }
    const planner = await app.inject({
      method: 'DELETE',
      url: `/api/staff/contributions/${ids[0]}/participant`,
      headers: moderator.headers(),
    });
    expect(planner.statusCode).toBe(403);
    const admin = await signIn(app, await createStaffUser(app, ['admin']));
    const erased = await app.inject({
      method: 'DELETE',
      url: `/api/staff/contributions/${ids[0]}/participant`,
      headers: admin.headers(),
    });
    expect(erased.statusCode).toBe(204);
    const { rows } = await app.pg.pool.query(
      'SELECT count(*)::int AS n FROM contributions WHERE id = ANY($1)',
      [ids],
    );
    expect(rows[0].n).toBe(0);
  });
});
