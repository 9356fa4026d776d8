import type { ContributionCreate } from '@nabolag/schema';
import type { ApiResult } from '../api/client.ts';
import { retryDelayMs } from './backoff.ts';
import { classifySendResult, type OutboxError, type SendVerdict } from './classify.ts';
import { newOutboxItem, type OutboxEntry, type OutboxItem } from './outbox-item.ts';
import type { OutboxStore } from './outbox-store.ts';

/** What the page shows of the outbox; a new object after every change (for `useSyncExternalStore`). */
export interface OutboxSnapshot {
  /** Every item of every project, oldest first. */
  items: readonly OutboxItem[];
  /** Ids this tab is sending right now. */
  sending: ReadonlySet<string>;
  /** The browser's own idea of being online (`navigator.onLine`): false means surely offline. */
  online: boolean;
  /** False when the outbox lives in memory only (the browser refused IndexedDB). */
  persistent: boolean;
  /** False until the stored items have been read once. */
  loaded: boolean;
}

/** What happened to an item, for the page that sent it (and other tabs, through the channel). */
export type OutboxEvent =
  /** The server has the contribution (its photo may still be on its way). */
  | { type: 'sent'; id: string; projectSlug: string; body: ContributionCreate }
  /** A try failed in passing; the item waits and is tried again. */
  | { type: 'retrying'; id: string; projectSlug: string; error: OutboxError }
  /** The server refused the contribution (or its photo) for good; the item waits for the person. */
  | { type: 'failed'; id: string; projectSlug: string; stage: OutboxItem['stage']; error: OutboxError }
  /** The photo of a sent contribution is uploaded; the item is gone. */
  | { type: 'photo-sent'; id: string; projectSlug: string };

/** The two requests the outbox makes. Both must resolve (not reject) for every HTTP answer. */
export interface OutboxTransport {
  sendContribution(item: OutboxItem, signal: AbortSignal): Promise<ApiResult<unknown>>;
  uploadPhoto(item: OutboxItem, photo: Blob, signal: AbortSignal): Promise<ApiResult<unknown>>;
}

/** Messages between tabs of the same browser, so that every tab shows the same outbox. */
export type OutboxMessage = { type: 'changed' } | Extract<OutboxEvent, { type: 'sent' }>;

export interface OutboxChannel {
  post(message: OutboxMessage): void;
  listen(listener: (message: OutboxMessage) => void): void;
}

export interface OutboxSyncOptions {
  store: OutboxStore | Promise<OutboxStore>;
  transport: OutboxTransport;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** In [0, 1), for the back-off's jitter. */
  random?: () => number;
  isOnline?: () => boolean;
  /**
   * Runs `task` while holding the item's lock across tabs, or resolves to `undefined` without
   * running it when another tab holds the lock (it is sending that item). Without Web Locks the
   * task simply runs: the server's idempotent id makes a double send harmless.
   */
  lockItem?: <T>(id: string, task: () => Promise<T>) => Promise<T | undefined>;
  channel?: OutboxChannel;
  /** A new contribution id, for an item whose id the server says is taken by something else. */
  newId: () => string;
  /** How long one request may take before it counts as lost, in milliseconds. */
  timeoutsMs?: { contribution: number; photo: number };
  /** The longest sleep between passes while anything waits, in milliseconds. */
  maxSleepMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * `due`: items whose back-off is over. `all`: every waiting item, now (online again, page shown
 * again). `forced`: the same even when the browser says it is offline (the person pressed
 * "Send now": they may know better, e.g. on a local network the browser does not count).
 */
type PassScope = 'due' | 'all' | 'forced';

const SCOPE_RANK: Record<PassScope, number> = { due: 0, all: 1, forced: 2 };
const widerScope = (a: PassScope | null, b: PassScope): PassScope =>
  a !== null && SCOPE_RANK[a] > SCOPE_RANK[b] ? a : b;

export type OutboxSync = ReturnType<typeof createOutboxSync>;

const DEFAULT_TIMEOUTS = { contribution: 30_000, photo: 120_000 };
const DEFAULT_MAX_SLEEP_MS = 60_000;

const timedOut = (): ApiResult<never> => ({
  ok: false,
  error: { code: 'NETWORK', status: null, message: 'no answer in time' },
});

/**
 * The outbox's sync loop: every contribution is stored first (`enqueue`), then sent with
 * retries — back-off with jitter after each failed try; every waiting item at once when the
 * browser comes back online, when the page becomes visible again, on "Send now" and at start.
 * A 2xx removes the item (after its photo, if it has one, is uploaded, itself retried); a 4xx
 * other than 408/429 marks it failed and keeps it for the person to fix or discard. Passes never
 * overlap within a tab; across tabs each item is sent under its own lock.
 */
export function createOutboxSync(options: OutboxSyncOptions) {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const isOnline = options.isOnline ?? (() => true);
  const lockItem = options.lockItem ?? ((_id, task) => task());
  const timeouts = options.timeoutsMs ?? DEFAULT_TIMEOUTS;
  const maxSleepMs = options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const storeReady = Promise.resolve(options.store);

  let snapshot: OutboxSnapshot = {
    items: [],
    sending: new Set(),
    online: isOnline(),
    persistent: true,
    loaded: false,
  };
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: OutboxEvent) => void>();
  let timer: unknown;
  let currentPass: Promise<void> | null = null;
  let queuedScope: PassScope | null = null;

  function setSnapshot(change: Partial<OutboxSnapshot>) {
    snapshot = { ...snapshot, ...change };
    for (const listener of listeners) listener();
  }

  function emit(event: OutboxEvent) {
    for (const listener of eventListeners) listener(event);
  }

  async function refresh() {
    const store = await storeReady;
    setSnapshot({
      items: await store.list(),
      persistent: store.persistent,
      loaded: true,
      online: isOnline(),
    });
  }

  /** After a change made here: show it, and tell the other tabs. */
  async function changed() {
    await refresh();
    options.channel?.post({ type: 'changed' });
  }

  function markSending(id: string, sending: boolean) {
    const next = new Set(snapshot.sending);
    if (sending) next.add(id);
    else next.delete(id);
    setSnapshot({ sending: next });
  }

  /** Runs one request with a time limit; a rejection (abort, or a bug) counts as no answer. */
  async function withTimeout(
    request: (signal: AbortSignal) => Promise<ApiResult<unknown>>,
    ms: number,
  ): Promise<ApiResult<unknown>> {
    const controller = new AbortController();
    const handle = setTimer(() => controller.abort(), ms);
    try {
      return await request(controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) console.warn('outbox: a request failed unexpectedly', error);
      return timedOut();
    } finally {
      clearTimer(handle);
    }
  }

  /** Records a try that did not get through (unless the item was discarded meanwhile). */
  async function recordFailure(
    store: OutboxStore,
    item: OutboxItem,
    verdict: Exclude<SendVerdict, { kind: 'done' }>,
  ) {
    if (!(await store.get(item.id))) return;
    const attempts = item.attempts + 1;
    if (verdict.kind === 'retry') {
      const wait = Math.max(retryDelayMs(attempts, random), verdict.notBeforeMs);
      await store.put({ ...item, attempts, lastError: verdict.error, nextAttemptAt: now() + wait });
      emit({ type: 'retrying', id: item.id, projectSlug: item.projectSlug, error: verdict.error });
    } else {
      await store.put({ ...item, attempts, state: 'failed', lastError: verdict.error });
      emit({
        type: 'failed',
        id: item.id,
        projectSlug: item.projectSlug,
        stage: item.stage,
        error: verdict.error,
      });
    }
  }

  /** One try of one item (read afresh: another tab, or the person, may have changed it). */
  async function tryItem(id: string, scope: PassScope) {
    const store = await storeReady;
    let item = await store.get(id);
    if (item?.state !== 'waiting') return;
    if (scope === 'due' && item.nextAttemptAt > now()) return;
    markSending(id, true);
    try {
      if (item.stage === 'contribution') {
        const sending = item;
        const result = await withTimeout(
          (signal) => options.transport.sendContribution(sending, signal),
          timeouts.contribution,
        );
        const verdict = classifySendResult(result);
        if (verdict.kind !== 'done') {
          await recordFailure(store, item, verdict);
          return;
        }
        if (item.photo) {
          item = { ...item, stage: 'photo', attempts: 0, nextAttemptAt: now(), lastError: null };
          await store.put(item);
        } else {
          await store.delete(id);
        }
        const sent = { type: 'sent', id, projectSlug: item.projectSlug, body: item.body } as const;
        emit(sent);
        options.channel?.post(sent);
        await refresh();
      }
      const photo = item.photo;
      if (item.stage === 'photo' && photo) {
        const uploading = item;
        const result = await withTimeout(
          (signal) => options.transport.uploadPhoto(uploading, photo, signal),
          timeouts.photo,
        );
        const verdict = classifySendResult(result);
        if (verdict.kind !== 'done') {
          await recordFailure(store, item, verdict);
          return;
        }
        await store.delete(id);
        emit({ type: 'photo-sent', id, projectSlug: item.projectSlug });
      } else if (item.stage === 'photo') {
        await store.delete(id); // a photo stage without a photo has nothing left to do
      }
    } finally {
      markSending(id, false);
      await refresh();
    }
  }

  /** Sleeps until the next item is due (at most `maxSleepMs`), then runs a pass. */
  function scheduleNext() {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const waiting = snapshot.items.filter((item) => item.state === 'waiting');
    if (waiting.length === 0) return;
    const nextDue = Math.min(...waiting.map((item) => item.nextAttemptAt));
    const sleep = snapshot.online ? Math.min(maxSleepMs, Math.max(0, nextDue - now())) : maxSleepMs;
    timer = setTimer(() => {
      timer = undefined;
      void requestPass('due');
    }, sleep);
  }

  async function pass(scope: PassScope) {
    const store = await storeReady;
    await refresh();
    if (scope === 'forced' || isOnline()) {
      const startedAt = now();
      const due = snapshot.items.filter(
        (item) => item.state === 'waiting' && (scope !== 'due' || item.nextAttemptAt <= startedAt),
      );
      for (const item of due) {
        if (scope !== 'forced' && !isOnline()) break;
        await lockItem(item.id, () => tryItem(item.id, scope));
      }
      if (due.length > 0) options.channel?.post({ type: 'changed' });
    }
    setSnapshot({ items: await store.list(), online: isOnline() });
  }

  /**
   * Runs a pass now, or right after the one under way (never two at once in a tab). Resolves
   * when the outbox is idle again.
   */
  function requestPass(scope: PassScope): Promise<void> {
    if (currentPass) {
      queuedScope = widerScope(queuedScope, scope);
      return currentPass;
    }
    currentPass = (async () => {
      try {
        let next: PassScope | null = scope;
        while (next) {
          queuedScope = null;
          try {
            await pass(next);
          } catch (error) {
            // Storage trouble (quota, a closed database): try again on the next wake-up.
            console.warn('outbox: a sync pass failed', error);
          }
          next = queuedScope;
        }
        scheduleNext();
      } finally {
        currentPass = null;
      }
    })();
    return currentPass;
  }

  options.channel?.listen((message) => {
    if (message.type === 'sent') emit(message);
    void refresh();
  });

  return {
    getSnapshot: () => snapshot,

    /** For `useSyncExternalStore`: called after every change of the snapshot. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    onEvent(listener: (event: OutboxEvent) => void): () => void {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },

    /**
     * Stores the contribution (the promise resolves once it is safe on this device), then starts
     * sending it in the background.
     */
    async enqueue(entry: OutboxEntry): Promise<OutboxItem> {
      const store = await storeReady;
      const item = newOutboxItem(entry, now());
      await store.put(item);
      await changed();
      void requestPass('due');
      return item;
    },

    /**
     * Tries every waiting item now, whatever its back-off says; with `evenOffline`, also when the
     * browser says it is offline ("Send now" pressed by the person).
     */
    sendNow: ({ evenOffline = false }: { evenOffline?: boolean } = {}) =>
      requestPass(evenOffline ? 'forced' : 'all'),

    /** Tries only the items that are due (the timer's pass); for start-up use `sendNow`. */
    sendDue: () => requestPass('due'),

    /** The browser says it is online again (or offline): update, and send at once when online. */
    connectivityChanged() {
      setSnapshot({ online: isOnline() });
      if (isOnline()) void requestPass('all');
      else scheduleNext();
    },

    /**
     * Puts a failed item back in line (after the person fixed what was wrong elsewhere, or the
     * project reopened). An item whose id the server says is taken gets a new one.
     */
    async retry(id: string) {
      const store = await storeReady;
      const item = await store.get(id);
      if (item?.state !== 'failed') return;
      const retried: OutboxItem = {
        ...item,
        state: 'waiting',
        attempts: 0,
        nextAttemptAt: now(),
        lastError: null,
      };
      if (item.stage === 'contribution' && item.lastError?.code === 'ID_CONFLICT') {
        const newId = options.newId();
        await store.replace(id, { ...retried, id: newId, body: { ...item.body, id: newId } });
      } else {
        await store.put(retried);
      }
      await changed();
      void requestPass('due');
    },

    /**
     * Removes an item and hands it back (to put it in the form again, or because the person
     * discarded it). Items being sent right now stay: `undefined`.
     */
    async take(id: string): Promise<OutboxItem | undefined> {
      if (snapshot.sending.has(id)) return undefined;
      const store = await storeReady;
      const item = await store.get(id);
      if (!item) return undefined;
      await store.delete(id);
      await changed();
      return item;
    },

    /** Reads the stored items again (another tab changed them). */
    refresh,

    /** Stops the timer (tests; a page never needs to). */
    stop() {
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
  };
}
