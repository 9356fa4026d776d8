import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, createTestProject, signIn } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;
let planner: Awaited<ReturnType<typeof signIn>>;
let facilitator: Awaited<ReturnType<typeof signIn>>;

const base = () => `/api/staff/projects/${slug}/updates`;
const UPDATE = {
  publishedOn: '2025-03-14',
  title: { nb: 'Vi bygger benker ved kirka', en: 'Benches by the church' },
  body: { nb: 'Arbeidet starter i mai.', en: 'Work starts in May.' },
  published: true,
};

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
  planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
  facilitator = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'facilitator' }]));
});
afterAll(async () => {
  await app.close();
});

const create = (payload: unknown, session = planner) =>
  app.inject({ method: 'POST', url: base(), headers: session.headers(), payload: payload as object });
const publicUpdates = async () => (await app.inject({ url: `/api/projects/${slug}/results` })).json().updates;

describe('planners’ updates', () => {
  it('are created, listed, edited, published and deleted, each in the audit log', async () => {
    const created = await create(UPDATE);
    expect(created.statusCode).toBe(201);
    const update = created.json();
    expect(update).toMatchObject({ ...UPDATE, id: expect.any(String), updatedAt: expect.any(String) });

    const draft = await create({
      ...UPDATE,
      publishedOn: '2025-05-02',
      title: { nb: 'Utkast' },
      published: false,
    });
    expect(draft.json()).toMatchObject({ published: false, body: {} });

    const list = await app.inject({ url: base(), headers: planner.headers() });
    expect(list.json().updates.map((entry: { publishedOn: string }) => entry.publishedOn)).toEqual([
      '2025-05-02',
      '2025-03-14',
    ]);
    // Residents see the published one only.
    expect((await publicUpdates()).map((entry: { id: string }) => entry.id)).toEqual([update.id]);

    const edited = await app.inject({
      method: 'PUT',
      url: `${base()}/${draft.json().id}`,
      headers: planner.headers(),
      payload: {
        ...UPDATE,
        publishedOn: '2025-06-01',
        title: { nb: 'Benkene er på plass' },
        published: true,
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: { nb: 'Benkene er på plass' }, published: true });
    // Newest date first.
    expect((await publicUpdates()).map((entry: { publishedOn: string }) => entry.publishedOn)).toEqual([
      '2025-06-01',
      '2025-03-14',
    ]);

    const removed = await app.inject({
      method: 'DELETE',
      url: `${base()}/${update.id}`,
      headers: planner.headers(),
    });
    expect(removed.statusCode).toBe(204);
    expect((await publicUpdates()).map((entry: { id: string }) => entry.id)).toEqual([draft.json().id]);
    const again = await app.inject({
      method: 'DELETE',
      url: `${base()}/${update.id}`,
      headers: planner.headers(),
    });
    expect(again.statusCode).toBe(404);

    const { rows } = await app.pg.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = ANY($1::text[]) ORDER BY id`,
      [[update.id, draft.json().id]],
    );
    expect(rows.map((row) => row.action)).toEqual([
      'project-update.create',
      'project-update.create',
      'project-update.edit',
      'project-update.delete',
    ]);
  });

  it('refuse bad input with a reason and store nothing', async () => {
    const { rows: before } = await app.pg.pool.query('SELECT count(*)::int AS n FROM project_updates');
    const cases: Array<[unknown, RegExp]> = [
      [{ ...UPDATE, publishedOn: '14.03.2025' }, /date/],
      [{ ...UPDATE, title: {} }, /title/],
      [{ ...UPDATE, title: { nb: '   ' } }, /empty/],
      [{ ...UPDATE, title: { nb: 'x'.repeat(201) } }, /title/],
      [{ ...UPDATE, body: { nb: 'x'.repeat(4001) } }, /4,000/],
      [{ ...UPDATE, title: { en: 'English only' } }, /default language \(nb\)/],
      [{ ...UPDATE, title: { ...UPDATE.title, de: 'Bänke' } }, /not offered in "de"/],
      [{ ...UPDATE, body: { sv: 'Bänkar' } }, /not offered in "sv"/],
      [{ ...UPDATE, published: 'yes' }, /published/],
    ];
    for (const [payload, reason] of cases) {
      const response = await create(payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().message).toMatch(reason);
    }
    const edit = await app.inject({
      method: 'PUT',
      url: `${base()}/not-a-uuid`,
      headers: planner.headers(),
      payload: UPDATE,
    });
    expect(edit.statusCode).toBe(400);
    const { rows: after } = await app.pg.pool.query('SELECT count(*)::int AS n FROM project_updates');
    expect(after).toEqual(before);
  });

  it('are the planners’ to write: a facilitator may not', async () => {
    expect((await create(UPDATE, facilitator)).statusCode).toBe(403);
    expect((await app.inject({ url: base(), headers: facilitator.headers() })).statusCode).toBe(403);
  });

  it('belong to their project: another project’s update id is not found', async () => {
    const other = await createTestProject(app);
    const admin = await signIn(app, await createStaffUser(app, ['admin']));
    const created = await app.inject({
      method: 'POST',
      url: `/api/staff/projects/${other}/updates`,
      headers: admin.headers(),
      payload: UPDATE,
    });
    expect(created.statusCode).toBe(201);
    const crossed = await app.inject({
      method: 'PUT',
      url: `${base()}/${created.json().id}`,
      headers: planner.headers(),
      payload: UPDATE,
    });
    expect(crossed.statusCode).toBe(404);
  });
});
