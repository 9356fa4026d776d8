/**
 * The part of the Web Storage API the app uses, so that code which remembers things can be
 * tested with a plain object and keeps working where storage is disabled.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** An in-memory store: what the app falls back to when the browser refuses localStorage. */
export function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
  };
}

let fallback: KeyValueStorage | undefined;

/**
 * `localStorage` when the browser allows it; otherwise (private modes, disabled cookies, kiosk
 * profiles) a store that lasts as long as the page, so nothing throws.
 */
export function browserStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    const probe = '__nabolag_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    fallback ??= memoryStorage();
    return fallback;
  }
}
