import type { ModerationItem } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { applyAction, belongsInQueue, canFeature, rollBack } from './moderation-queue.ts';

const item = (id: string, changes: Partial<ModerationItem> = {}): ModerationItem => ({
  id,
  category: 'meeting-places',
  geometry: { type: 'Point', coordinates: [10.01, 59.05] },
  story: 'Benken ved elva',
  photo: null,
  status: 'pending',
  moderationReason: null,
  session: null,
  createdAt: '2025-06-03T12:00:00Z',
  flags: [],
  featured: false,
  ...changes,
});

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('applyAction', () => {
  it('takes a published item out of the pending queue', () => {
    const result = applyAction([item(A), item(B)], A, { action: 'publish' }, 'pending');
    expect(result.map((entry) => entry.id)).toEqual([B]);
  });

  it('changes an item in place in the queue of all, closing its flags', () => {
    const flagged = item(A, {
      status: 'published',
      flags: [{ source: 'report', reason: 'rude', createdAt: '' }],
    });
    const [hidden] = applyAction([flagged], A, { action: 'hide', reason: ' Hurtful ' }, 'all');
    expect(hidden).toMatchObject({ id: A, status: 'hidden', moderationReason: 'Hurtful', flags: [] });
  });

  it('keeps a hidden item in the hidden queue', () => {
    const result = applyAction([item(A)], A, { action: 'hide', reason: 'Hurtful' }, 'hidden');
    expect(result).toHaveLength(1);
  });

  it('removes a deleted item from every queue', () => {
    expect(applyAction([item(A), item(B)], B, { action: 'delete' }, 'all').map((entry) => entry.id)).toEqual([
      A,
    ]);
  });
});

describe('rollBack', () => {
  it('puts the original back at its place', () => {
    const original = item(B);
    const after = applyAction([item(A), original, item(C)], B, { action: 'delete' }, 'all');
    expect(rollBack(after, original, 1).map((entry) => entry.id)).toEqual([A, B, C]);
  });

  it('replaces the changed copy with the original', () => {
    const original = item(A);
    const after = applyAction([original], A, { action: 'hide', reason: 'Hurtful' }, 'all');
    expect(rollBack(after, original, 0)).toEqual([original]);
  });
});

describe('belongsInQueue', () => {
  it('puts an item with open flags in the flagged queue whatever its status', () => {
    const flagged = item(A, {
      status: 'published',
      flags: [{ source: 'automatic', reason: 'phone', createdAt: '' }],
    });
    expect(belongsInQueue(flagged, 'flagged')).toBe(true);
    expect(belongsInQueue(flagged, 'pending')).toBe(false);
  });
});

describe('featuring a story', () => {
  it('marks the item in place and keeps it in its queue', () => {
    const published = item(A, { status: 'published' });
    const result = applyAction([published, item(B)], A, { action: 'feature', featured: true }, 'all');
    expect(result).toEqual([{ ...published, featured: true }, item(B)]);
  });

  it('is offered for published stories without open flags only, and always to drop a featured one', () => {
    expect(canFeature(item(A, { status: 'published' }))).toBe(true);
    expect(canFeature(item(A, { status: 'pending' }))).toBe(false);
    expect(canFeature(item(A, { status: 'published', story: '  ' }))).toBe(false);
    expect(
      canFeature(
        item(A, {
          status: 'published',
          flags: [{ source: 'report', reason: 'rude', createdAt: '2025-06-03T12:00:00Z' }],
        }),
      ),
    ).toBe(false);
    expect(canFeature(item(A, { status: 'hidden', featured: true }))).toBe(true);
  });
});
