import type { z } from 'zod';
import type { outboxItemSchema } from './outbox-item-schema.ts';

/**
 * One contribution on its way to the server, as it is kept in the browser (IndexedDB) until the
 * server has acknowledged it: see `outboxItemSchema` (outbox-item-schema.ts).
 */
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** What the contribute form hands to the outbox. */
export interface OutboxEntry {
  projectSlug: string;
  body: OutboxItem['body'];
  participantToken: string;
  photo?: Blob | null | undefined;
}

/** A new item for `entry`, due at once. */
export function newOutboxItem(entry: OutboxEntry, now: number): OutboxItem {
  return {
    version: 1,
    id: entry.body.id,
    projectSlug: entry.projectSlug,
    body: entry.body,
    participantToken: entry.participantToken,
    photo: entry.photo ?? null,
    stage: 'contribution',
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
  };
}

/** What one project's outbox holds, in the words the page shows it. */
export interface OutboxSummary {
  /** Places the server does not have yet (waiting or failed): the map draws them hollow. */
  unsent: OutboxItem[];
  /** Places that will be sent by themselves. */
  waiting: number;
  /** Places the server refused: they need the person. */
  failed: number;
  /** Photos of places already sent, still on their way (or refused). */
  photos: OutboxItem[];
}

export function summarizeOutbox(items: readonly OutboxItem[], projectSlug: string): OutboxSummary {
  const mine = items.filter((item) => item.projectSlug === projectSlug);
  const unsent = mine.filter((item) => item.stage === 'contribution');
  return {
    unsent,
    waiting: unsent.filter((item) => item.state === 'waiting').length,
    failed: unsent.filter((item) => item.state === 'failed').length,
    photos: mine.filter((item) => item.stage === 'photo'),
  };
}
