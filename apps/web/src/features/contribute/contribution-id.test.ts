import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { newContributionId } from './contribution-id.ts';

const isUuid = (value: string) => z.uuid().safeParse(value).success;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('newContributionId', () => {
  it('makes a UUID', () => {
    expect(isUuid(newContributionId())).toBe(true);
  });

  it('makes a version 4 UUID where crypto.randomUUID is missing (plain http)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xab) });
    const id = newContributionId();
    expect(id).toBe('abababab-abab-4bab-abab-abababababab');
    expect(isUuid(id)).toBe(true);
  });
});
