import { describe, expect, it } from 'vitest';
import { newOutboxItem, type OutboxItem, summarizeOutbox } from './outbox-item.ts';
import { outboxItemSchema } from './outbox-item-schema.ts';

const item = (id: string, projectSlug: string, changes: Partial<OutboxItem> = {}): OutboxItem => ({
  ...newOutboxItem(
    {
      projectSlug,
      body: { id, category: 'landmarks', geometry: { type: 'Point', coordinates: [10.03, 59.05] } },
      participantToken: 'c'.repeat(43),
    },
    1_000,
  ),
  ...changes,
});

const id = (last: number) => `7c1d2e3f-4a5b-4c6d-8e7f-00000000000${last}`;

describe('newOutboxItem', () => {
  it('makes an item that is due at once and passes its own schema', () => {
    const made = item(id(1), 'torstrand');
    expect(made).toMatchObject({
      stage: 'contribution',
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: 1_000,
    });
    expect(outboxItemSchema.safeParse(made).success).toBe(true);
  });

  it('is refused by the schema when the body carries another id', () => {
    const made = item(id(1), 'torstrand');
    expect(outboxItemSchema.safeParse({ ...made, body: { ...made.body, id: id(2) } }).success).toBe(false);
  });
});

describe('summarizeOutbox', () => {
  it('counts one project’s places waiting and refused, and its photos apart', () => {
    const summary = summarizeOutbox(
      [
        item(id(1), 'torstrand'),
        item(id(2), 'torstrand', { state: 'failed' }),
        item(id(3), 'torstrand', { stage: 'photo' }),
        item(id(4), 'another-place'),
      ],
      'torstrand',
    );
    expect(summary.unsent.map((unsent) => unsent.id)).toEqual([id(1), id(2)]);
    expect(summary.waiting).toBe(1);
    expect(summary.failed).toBe(1);
    expect(summary.photos.map((photo) => photo.id)).toEqual([id(3)]);
  });
});
