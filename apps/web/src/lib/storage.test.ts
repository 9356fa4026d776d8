import { describe, expect, it } from 'vitest';
import { browserStorage, memoryStorage } from './storage.ts';

describe('memoryStorage', () => {
  it('returns what was set and null for what was not', () => {
    const storage = memoryStorage();
    storage.setItem('a', '1');
    expect(storage.getItem('a')).toBe('1');
    expect(storage.getItem('b')).toBeNull();
  });
});

describe('browserStorage', () => {
  it('falls back to a working store where there is no localStorage', () => {
    const storage = browserStorage();
    storage.setItem('key', 'value');
    expect(storage.getItem('key')).toBe('value');
  });
});
