import { createContribution } from '../api/nabolag-api.ts';
import { uploadPhoto } from '../api/photos.ts';
import { newContributionId } from '../features/contribute/contribution-id.ts';
import { openOutboxStore } from './outbox-store.ts';
import { createOutboxSync, type OutboxChannel, type OutboxMessage, type OutboxSync } from './outbox-sync.ts';

const CHANNEL_NAME = 'nabolag-outbox';
const LOCK_PREFIX = 'nabolag-outbox:';

/** Web Locks where the browser has them (secure contexts: https and localhost). */
function lockItem<T>(id: string, task: () => Promise<T>): Promise<T | undefined> {
  if (!('locks' in navigator) || !navigator.locks) return task();
  // The lock is held until the callback's promise settles; `request` resolves with its value.
  return navigator.locks.request(`${LOCK_PREFIX}${id}`, { ifAvailable: true }, (lock) =>
    lock ? task() : undefined,
  ) as Promise<T | undefined>;
}

function broadcastChannel(): OutboxChannel | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  return {
    post: (message) => channel.postMessage(message),
    listen: (listener) => {
      channel.addEventListener('message', (event: MessageEvent<OutboxMessage>) => listener(event.data));
    },
  };
}

let instance: OutboxSync | undefined;

/** This tab's outbox (one per tab, made on first use). */
export function outbox(): OutboxSync {
  if (instance) return instance;
  const channel = broadcastChannel();
  instance = createOutboxSync({
    store: openOutboxStore(),
    transport: {
      sendContribution: (item, signal) =>
        createContribution(item.projectSlug, item.body, item.participantToken, (input, init) =>
          globalThis.fetch(input, { ...init, signal }),
        ),
      uploadPhoto: (item, photo, signal) => uploadPhoto(item.id, photo, item.participantToken, { signal }),
    },
    isOnline: () => navigator.onLine !== false,
    lockItem,
    newId: newContributionId,
    ...(channel ? { channel } : {}),
  });
  return instance;
}

let started = false;

/**
 * Starts this tab's sync loop: sends what a previous page left in the outbox, and sends again
 * whenever the browser comes back online or the page becomes visible. Call once, at start-up.
 */
export function startOutbox(): void {
  if (started) return;
  started = true;
  const sync = outbox();
  window.addEventListener('online', () => sync.connectivityChanged());
  window.addEventListener('offline', () => sync.connectivityChanged());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sync.sendNow();
  });
  void sync.sendNow();
}
