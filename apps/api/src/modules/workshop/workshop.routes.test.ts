import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import {
  createOrganisation,
  createStaffUser,
  createTestApp,
  createTestProject,
  INSIDE,
  signIn,
} from '../../testing/test-app.ts';

let app: FastifyInstance;
let baseUrl: string;
let slug: string;
let facilitator: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  app = await createTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  slug = await createTestProject(app);
  facilitator = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'facilitator' }]));
});
afterAll(async () => {
  await app.close();
});

async function createSession(groups: string[] = []) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/sessions`,
    headers: facilitator.headers(),
    payload: { title: 'Workshop at the community house', place: 'Torstrand', heldOn: '2026-11-26', groups },
  });
  expect(response.statusCode).toBe(201);
  return response.json().code as string;
}

interface StreamEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** Reads a session's server-sent events until `until` says stop or the time is up. */
async function readStream(
  code: string,
  options: { lastEventId?: string; until: (events: StreamEvent[]) => boolean; timeoutMs?: number },
): Promise<StreamEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const events: StreamEvent[] = [];
  try {
    const response = await fetch(`${baseUrl}/api/sessions/${code}/stream`, {
      headers: options.lastEventId ? { 'last-event-id': options.lastEventId } : {},
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!options.until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
        );
        if (fields.id && fields.data)
          events.push({ id: fields.id, type: fields.event ?? 'message', data: JSON.parse(fields.data) });
        end = buffer.indexOf('\n\n');
      }
    }
    await reader.cancel().catch(() => undefined);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

function contribute(code: string, options: { tablet?: string; story?: string; group?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    payload: {
      id: randomUUID(),
      category: 'meeting-places',
      geometry: { type: 'Point', coordinates: INSIDE },
      story: options.story ?? 'From the workshop',
      session: code.toLowerCase(),
      ...(options.tablet ? { tablet: options.tablet } : {}),
      ...(options.group ? { sessionGroup: options.group } : {}),
    },
  });
}

describe('workshop sessions', () => {
  it('gives a facilitator a short, unambiguous join code that tablets can look up', async () => {
    const code = await createSession(['Bord 1', 'Bord 2']);
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    const session = await app.inject({ url: `/api/sessions/${code.toLowerCase()}` });
    expect(session.json()).toMatchObject({
      code,
      project: slug,
      status: 'open',
      groups: ['Bord 1', 'Bord 2'],
    });
    expect((await app.inject({ url: '/api/sessions/ZZZZZZ' })).statusCode).toBe(400);
  });

  it('tags contributions with the session, group and tablet, and refuses them once paused', async () => {
    const code = await createSession(['Bord 1']);
    expect((await contribute(code, { tablet: 'tablet-1', group: 'Bord 1' })).statusCode).toBe(201);
    const paused = await app.inject({
      method: 'PATCH',
      url: `/api/sessions/${code}`,
      headers: facilitator.headers(),
      payload: { status: 'paused' },
    });
    expect(paused.json().status).toBe('paused');
    const refused = await contribute(code, { tablet: 'tablet-1' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SESSION_NOT_OPEN');

    const summary = await app.inject({
      url: `/api/staff/sessions/${code}/summary`,
      headers: { cookie: facilitator.cookie },
    });
    expect(summary.json()).toMatchObject({
      total: 1,
      byCategory: { 'meeting-places': 1 },
      byGroup: { 'Bord 1': 1 },
      tablets: [{ tablet: 'tablet-1', contributions: 1 }],
    });
  });

  it('streams each new contribution once, in order, and resumes from Last-Event-ID', async () => {
    const code = await createSession();
    const first = await readStream(code, {
      until: (events) => events.length >= 2,
      timeoutMs: 1_500,
    });
    // Nothing happened yet: the stream had nothing to send.
    expect(first).toEqual([]);

    const listening = readStream(code, { until: (events) => events.length >= 3 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ids: string[] = [];
    for (const story of ['one', 'two', 'three']) {
      const response = await contribute(code, { story });
      ids.push(response.json().id);
    }
    const live = await listening;
    expect(live.map((event) => (event.data.contribution as { id: string }).id)).toEqual(ids);
    expect(live.map((event) => (event.data.contribution as { story: string }).story)).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect(JSON.stringify(live)).not.toMatch(/participant/);

    // A client that saw only the first event gets the other two on reconnecting, each once.
    const resumed = await readStream(code, {
      lastEventId: live[0]?.id as string,
      until: (events) => events.length >= 2,
    });
    expect(resumed.map((event) => event.id)).toEqual([live[1]?.id, live[2]?.id]);
  });

  it('keeps pending stories off the stream and tells it when a moderator hides a pin', async () => {
    const code = await createSession();
    const listening = readStream(code, { until: (events) => events.length >= 2 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const held = await contribute(code, { story: 'Ring 912 34 567' });
    const admin = await signIn(app, await createStaffUser(app, ['admin']));
    await app.inject({
      method: 'POST',
      url: `/api/staff/contributions/${held.json().id}/moderation`,
      headers: admin.headers(),
      payload: { action: 'hide', reason: 'contact details' },
    });
    const events = await listening;
    expect(events[0]).toMatchObject({
      type: 'contribution',
      data: { contribution: { story: null, status: 'pending' } },
    });
    expect(events[1]).toMatchObject({ type: 'contribution-hidden', data: { id: held.json().id } });
  });

  it('delivers every acknowledged contribution exactly once to a client that drops and resumes, with 10 tablets at once', async () => {
    const code = await createSession();
    const tablets = Array.from({ length: 10 }, (_, index) => `tablet-${index + 1}`);
    const acknowledged = new Set<string>();
    const sending = Promise.all(
      tablets.map(async (tablet) => {
        for (let pin = 0; pin < 5; pin += 1) {
          const response = await contribute(code, { tablet, story: `${tablet} pin ${pin}` });
          if (response.statusCode === 201) acknowledged.add(response.json().id);
        }
      }),
    );

    // A projector that keeps losing its connection: read a few events, drop, resume.
    const seen: StreamEvent[] = [];
    let lastEventId: string | undefined;
    const deadline = Date.now() + 20_000;
    await sending;
    while (seen.length < acknowledged.size && Date.now() < deadline) {
      const batch = await readStream(code, {
        ...(lastEventId ? { lastEventId } : {}),
        until: (events) => events.length >= 7,
        timeoutMs: 3_000,
      });
      seen.push(...batch);
      lastEventId = batch.at(-1)?.id ?? lastEventId;
    }
    const contributionIds = seen.map((event) => (event.data.contribution as { id: string }).id);
    expect(acknowledged.size).toBe(50);
    expect(contributionIds.length).toBe(50);
    expect(new Set(contributionIds)).toEqual(acknowledged);
    const eventIds = seen.map((event) => BigInt(event.id));
    expect(eventIds).toEqual([...eventIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('reports tablets that check in, with their unsent pins', async () => {
    const code = await createSession(['Bord 1']);
    const heartbeat = await app.inject({
      method: 'POST',
      url: `/api/sessions/${code}/tablets/tablet-7`,
      payload: { group: 'Bord 1', pending: 3 },
    });
    expect(heartbeat.statusCode).toBe(204);
    const summary = await app.inject({
      url: `/api/staff/sessions/${code}/summary`,
      headers: { cookie: facilitator.cookie },
    });
    expect(summary.json().tablets).toEqual([
      {
        tablet: 'tablet-7',
        name: null,
        ordinal: 1,
        group: 'Bord 1',
        contributions: 0,
        pending: 3,
        lastSeenAt: expect.any(String),
      },
    ]);
    const events = await readStream(code, { until: (all) => all.length >= 1 });
    expect(events[0]).toMatchObject({ type: 'tablet', data: { tablet: 'tablet-7', pending: 3 } });
  });

  it('lets a facilitator enter places from a paper map, marked as entered on behalf of a participant', async () => {
    const code = await createSession(['Bord 1']);
    const enter = (paperParticipant?: string) =>
      app.inject({
        method: 'POST',
        url: `/api/staff/sessions/${code}/contributions`,
        headers: facilitator.headers(),
        payload: {
          id: randomUUID(),
          category: 'landmarks',
          geometry: { type: 'Point', coordinates: INSIDE },
          story: 'Fra papirkart',
          sessionGroup: 'Bord 1',
          ...(paperParticipant ? { paperParticipant } : {}),
        },
      });
    const first = await enter('Papirkart 1');
    const second = await enter('Papirkart 1');
    const other = await enter();
    expect([first.statusCode, second.statusCode, other.statusCode]).toEqual([201, 201, 201]);
    expect(first.json()).toEqual({ id: expect.any(String) });
    const { rows } = await app.pg.pool.query(
      'SELECT participant_id, entered_by, session_group FROM contributions WHERE id = ANY($1) ORDER BY created_at',
      [[first.json().id, second.json().id, other.json().id]],
    );
    expect(rows[0].participant_id).toBe(rows[1].participant_id);
    expect(rows[2].participant_id).not.toBe(rows[0].participant_id);
    expect(rows.every((row: { entered_by: string | null }) => row.entered_by !== null)).toBe(true);
    expect(rows[0].session_group).toBe('Bord 1');

    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/staff/sessions/${code}/contributions`,
      payload: { id: randomUUID(), category: 'landmarks', geometry: { type: 'Point', coordinates: INSIDE } },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('numbers tablets per table in the order they joined, and lets a facilitator name one', async () => {
    const code = await createSession(['Bord 1', 'Bord 2']);
    const report = (tablet: string, group: string) =>
      app.inject({
        method: 'POST',
        url: `/api/sessions/${code}/tablets/${tablet}`,
        payload: { group, pending: 0 },
      });
    // Joined one after another: z first, then a (the order is the joining, not the id).
    expect((await report('tablet-z', 'Bord 2')).statusCode).toBe(204);
    expect((await report('tablet-a', 'Bord 2')).statusCode).toBe(204);
    expect((await report('tablet-m', 'Bord 1')).statusCode).toBe(204);
    const tablets = async () =>
      (
        await app.inject({
          url: `/api/staff/sessions/${code}/summary`,
          headers: { cookie: facilitator.cookie },
        })
      ).json().tablets as Array<{ tablet: string; name: string | null; ordinal: number; group: string }>;
    expect((await tablets()).map(({ tablet, ordinal, group }) => [tablet, group, ordinal])).toEqual([
      ['tablet-m', 'Bord 1', 1],
      ['tablet-z', 'Bord 2', 1],
      ['tablet-a', 'Bord 2', 2],
    ]);

    const rename = await app.inject({
      method: 'PUT',
      url: `/api/staff/sessions/${code}/tablets/tablet-a`,
      headers: facilitator.headers(),
      payload: { name: '  Vindusbordet  ' },
    });
    expect(rename.statusCode).toBe(200);
    expect(rename.json()).toMatchObject({
      tablet: 'tablet-a',
      name: 'Vindusbordet',
      ordinal: 2,
      group: 'Bord 2',
    });
    // A heartbeat afterwards keeps the name and the place in the order.
    expect((await report('tablet-a', 'Bord 2')).statusCode).toBe(204);
    expect((await tablets()).find((entry) => entry.tablet === 'tablet-a')).toMatchObject({
      name: 'Vindusbordet',
      ordinal: 2,
    });
    const { rows } = await app.pg.pool.query(
      `SELECT details FROM audit_log WHERE action = 'session.tablet-rename' AND target_id = $1`,
      [code],
    );
    expect(rows.map((row: { details: unknown }) => row.details)).toEqual([
      { tablet: 'tablet-a', name: 'Vindusbordet' },
    ]);

    // The tablet itself reads its name and place (public: it only knows its own id).
    const own = await app.inject({ url: `/api/sessions/${code}/tablets/tablet-a` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ tablet: 'tablet-a', name: 'Vindusbordet', ordinal: 2, group: 'Bord 2' });
    expect((await app.inject({ url: `/api/sessions/${code}/tablets/never-seen` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/sessions/${code}/tablets/bad id!` })).statusCode).toBe(400);

    // null: back to the default name.
    const reset = await app.inject({
      method: 'PUT',
      url: `/api/staff/sessions/${code}/tablets/tablet-a`,
      headers: facilitator.headers(),
      payload: { name: null },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().name).toBeNull();
  });

  it('names a tablet known only from its places (it never reported in)', async () => {
    const code = await createSession(['Bord 1']);
    const sent = await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      payload: {
        id: randomUUID(),
        category: 'landmarks',
        geometry: { type: 'Point', coordinates: INSIDE },
        session: code,
        sessionGroup: 'Bord 1',
        tablet: 'quiet-tablet',
      },
    });
    expect(sent.statusCode).toBe(201);
    const rename = await app.inject({
      method: 'PUT',
      url: `/api/staff/sessions/${code}/tablets/quiet-tablet`,
      headers: facilitator.headers(),
      payload: { name: 'Nettbrett ved døra' },
    });
    expect(rename.statusCode).toBe(200);
    expect(rename.json()).toMatchObject({
      tablet: 'quiet-tablet',
      name: 'Nettbrett ved døra',
      group: 'Bord 1',
      contributions: 1,
      ordinal: 1,
    });
  });

  it('refuses to rename a tablet without a facilitator of the project, with a bad name or an unknown tablet, and changes nothing', async () => {
    const code = await createSession(['Bord 1']);
    await app.inject({
      method: 'POST',
      url: `/api/sessions/${code}/tablets/tablet-1`,
      payload: { group: 'Bord 1', pending: 0 },
    });
    const other = await createTestProject(app);
    const outsider = await signIn(
      app,
      await createStaffUser(app, [], [{ project: other, role: 'facilitator' }]),
    );
    const elsewhere = await createOrganisation(app);
    const otherOrganisationAdmin = await signIn(
      app,
      await createStaffUser(app, ['admin'], [], { organisation: elsewhere.slug }),
    );
    const put = (
      payload: Record<string, unknown>,
      headers: Record<string, string> = facilitator.headers(),
      tablet = 'tablet-1',
    ) =>
      app.inject({ method: 'PUT', url: `/api/staff/sessions/${code}/tablets/${tablet}`, headers, payload });

    expect((await put({ name: 'Hei' }, {})).statusCode).toBe(401);
    expect((await put({ name: 'Hei' }, outsider.headers())).statusCode).toBe(403);
    expect([403, 404]).toContain((await put({ name: 'Hei' }, otherOrganisationAdmin.headers())).statusCode);
    // CSRF: the cookie alone does not do.
    expect((await put({ name: 'Hei' }, { cookie: facilitator.cookie })).statusCode).toBe(403);
    for (const payload of [
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(41) },
      { name: 'Bord\nto' },
      { name: 42 },
      {},
      { name: 'Hei', extra: true },
    ]) {
      const response = await put(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await put({ name: 'Hei' }, facilitator.headers(), 'no-such-tablet')).statusCode).toBe(404);
    expect((await put({ name: 'Hei' }, facilitator.headers(), 'bad id!')).statusCode).toBe(400);
    const unknownSession = await app.inject({
      method: 'PUT',
      url: '/api/staff/sessions/ZZZZZZ/tablets/tablet-1',
      headers: facilitator.headers(),
      payload: { name: 'Hei' },
    });
    expect(unknownSession.json().code).toBe('UNKNOWN_SESSION');

    const { rows } = await app.pg.pool.query(
      `SELECT st.name FROM session_tablets st JOIN sessions s ON s.id = st.session_id WHERE s.code = $1`,
      [code],
    );
    expect(rows).toEqual([{ name: null }]);
    const audit = await app.pg.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'session.tablet-rename' AND target_id = $1`,
      [code],
    );
    expect(audit.rowCount).toBe(0);
  });

  it('refuses session creation to anonymous callers and to staff of other projects', async () => {
    const other = await createTestProject(app);
    const outsider = await signIn(
      app,
      await createStaffUser(app, [], [{ project: other, role: 'facilitator' }]),
    );
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/sessions`,
      payload: { title: 'x' },
    });
    expect(anonymous.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/sessions`,
      headers: outsider.headers(),
      payload: { title: 'x' },
    });
    expect(wrong.statusCode).toBe(403);
  });
});

// Only a real PostgreSQL can notify across connections; the embedded database runs one process.
if (inject('databaseKind') === 'postgres') {
  describe('two API processes on one PostgreSQL', () => {
    it('a pin posted to one reaches a stream served by the other (LISTEN/NOTIFY)', async () => {
      const second = await buildApp({
        databaseUrl: inject('databaseUrl'),
        databaseKind: 'postgres',
        poolSize: 2,
      });
      await second.listen({ port: 0, host: '127.0.0.1' });
      const secondUrl = `http://127.0.0.1:${(second.server.address() as AddressInfo).port}`;
      try {
        const code = await createSession();
        const controller = new AbortController();
        const response = await fetch(`${secondUrl}/api/sessions/${code}/stream`, {
          signal: controller.signal,
        });
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        await reader.read(); // the retry line: the stream is open
        const startedAt = Date.now();
        const posted = await contribute(code, { story: 'across processes' });
        let text = '';
        while (!text.includes(posted.json().id)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        controller.abort();
        expect(text).toContain(posted.json().id);
        // Well before the 5 s poll: the notification woke the other process's stream.
        expect(Date.now() - startedAt).toBeLessThan(2_000);
      } finally {
        await second.close();
      }
    });
  });
}
