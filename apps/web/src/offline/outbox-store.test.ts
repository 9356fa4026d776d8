import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { newOutboxItem, type OutboxItem } from './outbox-item.ts';
import { openIndexedDbOutbox } from './outbox-store.ts';

const item = (id: string, createdAt: number): OutboxItem =>
  newOutboxItem(
    {
      projectSlug: 'torstrand',
      body: { id, category: 'meeting-places', geometry: { type: 'Point', coordinates: [10.03, 59.05] } },
      participantToken: 'b'.repeat(43),
    },
    createdAt,
  );

const first = '0b7f9c3e-2d1a-4f6b-8c5d-9e0a1b2c3d01';
const second = '0b7f9c3e-2d1a-4f6b-8c5d-9e0a1b2c3d02';

// fake-indexeddb keeps its databases for the whole file: each test uses its own ids and cleans up.
describe('the IndexedDB outbox', () => {
  it('keeps items across openings, oldest first', async () => {
    const store = await openIndexedDbOutbox();
    await store.put(item(second, 2));
    await store.put(item(first, 1));
    const reopened = await openIndexedDbOutbox();
    expect((await reopened.list()).map((stored) => stored.id)).toEqual([first, second]);
    expect(await reopened.get(first)).toEqual(item(first, 1));
    await reopened.delete(first);
    await reopened.delete(second);
    expect(await reopened.list()).toEqual([]);
  });

  it('swaps an item for one with a new id in one step', async () => {
    const store = await openIndexedDbOutbox();
    await store.put(item(first, 1));
    await store.replace(first, item(second, 1));
    expect((await store.list()).map((stored) => stored.id)).toEqual([second]);
    await store.delete(second);
  });

  it('skips, and keeps, an item it cannot read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = await openIndexedDbOutbox();
    const request = indexedDB.open('nabolag-outbox');
    const database = await new Promise<IDBDatabase>((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    const written = database.transaction('items', 'readwrite');
    written.objectStore('items').put({ id: 'from-a-newer-app', version: 99 });
    await new Promise((resolve) => {
      written.oncomplete = resolve;
    });
    database.close();

    expect(await store.list()).toEqual([]);
    expect(await store.get('from-a-newer-app')).toBeUndefined();
    const check = await new Promise<unknown>((resolve) => {
      const reopen = indexedDB.open('nabolag-outbox');
      reopen.onsuccess = () => {
        const read = reopen.result.transaction('items').objectStore('items').get('from-a-newer-app');
        read.onsuccess = () => resolve(read.result);
      };
    });
    expect(check).toEqual({ id: 'from-a-newer-app', version: 99 });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
