import { participantTokenSchema } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../lib/storage.ts';
import {
  generateParticipantToken,
  participantTokenFor,
  storedParticipantToken,
  toBase64Url,
} from './participant-token.ts';

const isValid = (token: string) => participantTokenSchema.safeParse(token).success;

describe('generateParticipantToken', () => {
  it('makes 43 characters that the contract accepts as a token', () => {
    const token = generateParticipantToken();
    expect(token).toHaveLength(43);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,128}$/);
    expect(isValid(token)).toBe(true);
  });

  it('makes a different token each time', () => {
    expect(generateParticipantToken()).not.toBe(generateParticipantToken());
  });
});

describe('toBase64Url', () => {
  it('uses - and _ instead of + and / and drops padding', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(toBase64Url(new Uint8Array([0xff]))).toBe('_w');
  });
});

describe('participantTokenFor', () => {
  it('keeps one token per project', () => {
    const storage = memoryStorage();
    const first = participantTokenFor('torstrand', storage, isValid);
    expect(participantTokenFor('torstrand', storage, isValid)).toBe(first);
    expect(participantTokenFor('other-place', storage, isValid)).not.toBe(first);
  });

  it('replaces a stored value that is not a valid token', () => {
    const storage = memoryStorage();
    storage.setItem('nabolag:participant:torstrand', 'too short');
    const token = participantTokenFor('torstrand', storage, isValid);
    expect(isValid(token)).toBe(true);
    expect(storage.getItem('nabolag:participant:torstrand')).toBe(token);
  });
});

describe('storedParticipantToken', () => {
  it('is null where this browser has no token for the project, and makes none', () => {
    const storage = memoryStorage();
    expect(storedParticipantToken('torstrand', storage, isValid)).toBeNull();
    expect(storage.getItem('nabolag:participant:torstrand')).toBeNull();
  });

  it('is the token participantTokenFor made', () => {
    const storage = memoryStorage();
    const token = participantTokenFor('torstrand', storage, isValid);
    expect(storedParticipantToken('torstrand', storage, isValid)).toBe(token);
  });

  it('is null for a stored value that is not a token', () => {
    const storage = memoryStorage();
    storage.setItem('nabolag:participant:torstrand', 'short');
    expect(storedParticipantToken('torstrand', storage, isValid)).toBeNull();
  });
});
