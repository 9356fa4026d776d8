import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { OutboxItem } from './outbox-item.ts';
import type { outboxItemSchema as OutboxItemSchema } from './outbox-item-schema.ts';

/** Where outbox items are kept between tries (and reloads). */
export interface OutboxStore {
  /** False for the in-memory fallback: items are lost when the page closes. */
  readonly persistent: boolean;
  /** Every readable item, oldest first. */
  list(): Promise<OutboxItem[]>;
  get(id: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
  /** Deletes `oldId` and puts `item` in one step (an item that must take a new id). */
  replace(oldId: string, item: OutboxItem): Promise<void>;
}

const DATABASE_NAME = 'nabolag-outbox';
const DATABASE_VERSION = 1;
const ITEMS = 'items';

interface OutboxDatabase extends DBSchema {
  // Values are checked with the schema on the way out, not trusted.
  items: { key: string; value: unknown };
}

const byCreated = (a: OutboxItem, b: OutboxItem) => a.createdAt - b.createdAt;

/**
 * An item as read back, or `undefined` when it does not parse (written by a newer app, or
 * damaged). Such an item is left where it is — never deleted here — and reported once.
 */
function readItem(schema: typeof OutboxItemSchema, value: unknown): OutboxItem | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const key = typeof value === 'object' && value !== null && 'id' in value ? String(value.id) : '?';
  if (!reportedUnreadable.has(key)) {
    reportedUnreadable.add(key);
    console.warn(
      `outbox: item ${key} cannot be read by this version; it is left in IndexedDB`,
      parsed.error.issues,
    );
  }
  return undefined;
}

const reportedUnreadable = new Set<string>();

/** The items' schema (and zod), loaded the first time there is an item to read. */
const loadItemSchema = async () => (await import('./outbox-item-schema.ts')).outboxItemSchema;

/** The outbox in IndexedDB (`nabolag-outbox`, store `items`, keyed by contribution id). */
export async function openIndexedDbOutbox(): Promise<OutboxStore> {
  const database: IDBPDatabase<OutboxDatabase> = await openDB<OutboxDatabase>(
    DATABASE_NAME,
    DATABASE_VERSION,
    {
      upgrade(upgrading) {
        if (!upgrading.objectStoreNames.contains(ITEMS))
          upgrading.createObjectStore(ITEMS, { keyPath: 'id' });
      },
      // Another tab runs a newer app and wants to upgrade the database: let it.
      blocking() {
        database.close();
      },
    },
  );
  return {
    persistent: true,
    async list() {
      const values = await database.getAll(ITEMS);
      // An empty outbox (nearly always, on a page's start) needs no schema.
      if (values.length === 0) return [];
      const schema = await loadItemSchema();
      return values
        .map((value) => readItem(schema, value))
        .filter((item) => item !== undefined)
        .sort(byCreated);
    },
    async get(id) {
      const value = await database.get(ITEMS, id);
      return value === undefined ? undefined : readItem(await loadItemSchema(), value);
    },
    async put(item) {
      await database.put(ITEMS, item);
    },
    async delete(id) {
      await database.delete(ITEMS, id);
    },
    async replace(oldId, item) {
      const transaction = database.transaction(ITEMS, 'readwrite');
      await Promise.all([transaction.store.delete(oldId), transaction.store.put(item), transaction.done]);
    },
  };
}

/** The outbox in memory: for browsers that refuse IndexedDB (some private modes), and tests. */
export function memoryOutboxStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    persistent: false,
    list: async () => [...items.values()].sort(byCreated),
    get: async (id) => items.get(id),
    put: async (item) => {
      items.set(item.id, item);
    },
    delete: async (id) => {
      items.delete(id);
    },
    replace: async (oldId, item) => {
      items.delete(oldId);
      items.set(item.id, item);
    },
  };
}

/** IndexedDB when the browser allows it, otherwise the in-memory store (and a warning). */
export async function openOutboxStore(): Promise<OutboxStore> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    return await openIndexedDbOutbox();
  } catch (error) {
    console.warn(
      'outbox: IndexedDB is not available; unsent places are kept only while the page is open',
      error,
    );
    return memoryOutboxStore();
  }
}
