import type { ContributionCreate } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../api/client.ts';
import type { OutboxItem } from './outbox-item.ts';
import { memoryOutboxStore, type OutboxStore } from './outbox-store.ts';
import { createOutboxSync, type OutboxEvent, type OutboxTransport } from './outbox-sync.ts';

const TOKEN = 'a'.repeat(43);
const ids = [
  '3f0f2a4e-6a53-4c4e-9a36-0d6f4f1b8a01',
  '3f0f2a4e-6a53-4c4e-9a36-0d6f4f1b8a02',
  '3f0f2a4e-6a53-4c4e-9a36-0d6f4f1b8a03',
];

const body = (id: string): ContributionCreate => ({
  id,
  category: 'meeting-places',
  geometry: { type: 'Point', coordinates: [10.03, 59.05] },
  story: 'the bench by the river',
});

const created: ApiResult<unknown> = { ok: true, status: 201, value: { id: ids[0] } };
const noAnswer: ApiResult<unknown> = {
  ok: false,
  error: { code: 'NETWORK', status: null, message: 'offline' },
};
const outside: ApiResult<unknown> = {
  ok: false,
  error: { code: 'OUTSIDE_PROJECT_AREA', status: 400, message: 'outside' },
};

/** A transport that answers from a script and records what was sent, and what the store held then. */
function scriptedTransport(
  store: OutboxStore,
  answers: ApiResult<unknown>[],
  photoAnswers: ApiResult<unknown>[] = [],
) {
  const sent: { id: string; storedWhenSent: boolean }[] = [];
  const photos: string[] = [];
  const transport: OutboxTransport = {
    async sendContribution(item) {
      sent.push({ id: item.body.id, storedWhenSent: (await store.get(item.id)) !== undefined });
      return answers.shift() ?? created;
    },
    async uploadPhoto(item) {
      photos.push(item.id);
      return photoAnswers.shift() ?? { ok: true, status: 201, value: {} };
    },
  };
  return { transport, sent, photos };
}

function setUp(answers: ApiResult<unknown>[] = [], photoAnswers: ApiResult<unknown>[] = []) {
  const store = memoryOutboxStore();
  const clock = { now: 1_000_000 };
  const online = { value: true };
  const { transport, sent, photos } = scriptedTransport(store, answers, photoAnswers);
  const events: OutboxEvent[] = [];
  const newIds = [ids[2] as string];
  const sync = createOutboxSync({
    store,
    transport,
    now: () => clock.now,
    random: () => 0.5,
    isOnline: () => online.value,
    newId: () => newIds.shift() ?? 'no more ids',
    // Timers never fire by themselves: each test says when time passes.
    setTimer: () => 0,
    clearTimer: () => undefined,
  });
  sync.onEvent((event) => events.push(event));
  const enqueue = (id = ids[0] as string, photo: Blob | null = null) =>
    sync.enqueue({ projectSlug: 'torstrand', body: body(id), participantToken: TOKEN, photo });
  return { store, clock, online, sync, sent, photos, events, enqueue };
}

describe('the outbox sync loop', () => {
  it('keeps a contribution on the device before it sends it, and removes it once the server has it', async () => {
    const { store, sync, sent, events, enqueue } = setUp([created]);
    await enqueue();
    await sync.sendDue();
    expect(sent).toEqual([{ id: ids[0], storedWhenSent: true }]);
    expect(await store.list()).toEqual([]);
    expect(events).toContainEqual({
      type: 'sent',
      id: ids[0],
      projectSlug: 'torstrand',
      body: body(ids[0] as string),
    });
  });

  it('counts a 200 for a repeated id as sent', async () => {
    const { store, sync, enqueue } = setUp([{ ok: true, status: 200, value: {} }]);
    await enqueue();
    await sync.sendDue();
    expect(await store.list()).toEqual([]);
  });

  it('keeps an item that got no answer and sends it again, with the same id, once its back-off is over', async () => {
    const { store, clock, sync, sent, enqueue } = setUp([noAnswer, created]);
    await enqueue();
    await sync.sendDue();
    const [waiting] = await store.list();
    expect(waiting).toMatchObject({
      state: 'waiting',
      attempts: 1,
      lastError: { code: 'NETWORK', status: null },
    });
    // First failure: a step of 1 s, jitter 0.5 -> 750 ms.
    expect(waiting?.nextAttemptAt).toBe(clock.now + 750);

    await sync.sendDue();
    expect(sent).toHaveLength(1); // not due yet

    clock.now += 750;
    await sync.sendDue();
    expect(sent.map((send) => send.id)).toEqual([ids[0], ids[0]]);
    expect(await store.list()).toEqual([]);
  });

  it('sends every waiting item at once on "send now", back-off or not', async () => {
    const { store, sync, sent, enqueue } = setUp([noAnswer, created]);
    await enqueue();
    await sync.sendDue();
    await sync.sendNow();
    expect(sent).toHaveLength(2);
    expect(await store.list()).toEqual([]);
  });

  it('marks an item the server refuses as failed, keeps it and stops sending it', async () => {
    const { store, sync, sent, events, enqueue } = setUp([outside]);
    await enqueue();
    await sync.sendDue();
    await sync.sendNow();
    expect(sent).toHaveLength(1);
    const [failed] = await store.list();
    expect(failed).toMatchObject({
      id: ids[0],
      state: 'failed',
      lastError: { code: 'OUTSIDE_PROJECT_AREA', status: 400 },
    });
    expect(events.at(-1)).toMatchObject({ type: 'failed', id: ids[0], stage: 'contribution' });
  });

  it('puts a failed item back in line on retry', async () => {
    const { store, sync, sent, enqueue } = setUp([outside, created]);
    await enqueue();
    await sync.sendDue();
    await sync.retry(ids[0] as string);
    await sync.sendDue();
    expect(sent.map((send) => send.id)).toEqual([ids[0], ids[0]]);
    expect(await store.list()).toEqual([]);
  });

  it('gives an item whose id is taken a new id on retry', async () => {
    const conflict: ApiResult<unknown> = {
      ok: false,
      error: { code: 'ID_CONFLICT', status: 409, message: 'taken' },
    };
    const { sync, sent, enqueue } = setUp([conflict, created]);
    await enqueue();
    await sync.sendDue();
    await sync.retry(ids[0] as string);
    await sync.sendDue();
    expect(sent.map((send) => send.id)).toEqual([ids[0], ids[2]]);
  });

  it('sends nothing while the browser is offline, and everything when it is back', async () => {
    const { store, online, sync, sent, enqueue } = setUp();
    online.value = false;
    await enqueue(ids[0]);
    await enqueue(ids[1]);
    await sync.sendNow();
    expect(sent).toEqual([]);
    expect(sync.getSnapshot()).toMatchObject({ online: false });
    expect(sync.getSnapshot().items).toHaveLength(2);

    online.value = true;
    sync.connectivityChanged();
    await sync.sendDue(); // waits for the pass that connectivityChanged started
    expect(sent.map((send) => send.id)).toEqual([ids[0], ids[1]]);
    expect(await store.list()).toEqual([]);
  });

  it('tries anyway when the person presses "Send now" while the browser says it is offline', async () => {
    const { store, online, sync, sent, enqueue } = setUp();
    online.value = false;
    await enqueue();
    await sync.sendNow({ evenOffline: true });
    expect(sent.map((send) => send.id)).toEqual([ids[0]]);
    expect(await store.list()).toEqual([]);
  });

  it('uploads the photo after the contribution is acknowledged, retrying the photo alone', async () => {
    const { store, sync, sent, photos, events, enqueue } = setUp([created], [noAnswer]);
    await enqueue(ids[0], new Blob(['jpeg bytes'], { type: 'image/jpeg' }));
    await sync.sendDue();
    expect(sent).toHaveLength(1);
    expect(photos).toEqual([ids[0]]);
    const [item] = await store.list();
    expect(item).toMatchObject({ stage: 'photo', state: 'waiting', attempts: 1 });
    expect(events.map((event) => event.type)).toEqual(['sent', 'retrying']);

    await sync.sendNow();
    expect(sent).toHaveLength(1);
    expect(photos).toEqual([ids[0], ids[0]]);
    expect(await store.list()).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'photo-sent', id: ids[0], projectSlug: 'torstrand' });
  });

  it('leaves an item alone while another tab holds its lock', async () => {
    const store = memoryOutboxStore();
    const { transport, sent } = scriptedTransport(store, []);
    const sync = createOutboxSync({
      store,
      transport,
      newId: () => 'unused',
      lockItem: async () => undefined,
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    await sync.enqueue({ projectSlug: 'torstrand', body: body(ids[0] as string), participantToken: TOKEN });
    await sync.sendNow();
    expect(sent).toEqual([]);
    expect(await store.list()).toHaveLength(1);
  });

  it('never sends the same item twice at once when passes are asked for together', async () => {
    const store = memoryOutboxStore();
    let inFlight = 0;
    let mostInFlight = 0;
    const sent: string[] = [];
    const sync = createOutboxSync({
      store,
      newId: () => 'unused',
      setTimer: () => 0,
      clearTimer: () => undefined,
      transport: {
        async sendContribution(item) {
          inFlight += 1;
          mostInFlight = Math.max(mostInFlight, inFlight);
          sent.push(item.id);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight -= 1;
          return created;
        },
        uploadPhoto: async () => created,
      },
    });
    await sync.enqueue({ projectSlug: 'torstrand', body: body(ids[0] as string), participantToken: TOKEN });
    await Promise.all([sync.sendNow(), sync.sendNow(), sync.sendDue()]);
    expect(mostInFlight).toBe(1);
    expect(sent).toEqual([ids[0]]);
  });

  it('hands an item back and forgets it on take', async () => {
    const { store, online, sync, enqueue } = setUp();
    online.value = false;
    await enqueue();
    const taken: OutboxItem | undefined = await sync.take(ids[0] as string);
    expect(taken?.body).toEqual(body(ids[0] as string));
    expect(await store.list()).toEqual([]);
    expect(sync.getSnapshot().items).toEqual([]);
  });
});
