import type { KeyValueStorage } from '../../lib/storage.ts';

/** Random bytes in a participant token: 32 bytes = 256 bits, 43 characters of base64url. */
const TOKEN_BYTES = 32;

type RandomBytes = (length: number) => Uint8Array;

const cryptoRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/** Bytes as unpadded base64url (RFC 4648 §5), the alphabet `participantTokenSchema` accepts. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A new participant secret: 32 random bytes as base64url. */
export function generateParticipantToken(randomBytes: RandomBytes = cryptoRandomBytes): string {
  return toBase64Url(randomBytes(TOKEN_BYTES));
}

const storageKey = (projectSlug: string) => `nabolag:participant:${projectSlug}`;

/**
 * This browser's participant token for a project, made on first use and kept, so that every
 * contribution from here is linked to one participant and can be edited or deleted later.
 * The token is made here rather than by the server so that a retry after a lost reply (and,
 * later, the offline outbox) never depends on having received it.
 */
export function participantTokenFor(
  projectSlug: string,
  storage: KeyValueStorage,
  isValid: (token: string) => boolean,
  randomBytes: RandomBytes = cryptoRandomBytes,
): string {
  return participantTokenAt(storageKey(projectSlug), storage, isValid, randomBytes);
}

/**
 * The participant token kept under `key`, made on first use: a workshop kiosk keeps its
 * current participant under a key of its own and replaces it for each new person.
 */
export function participantTokenAt(
  key: string,
  storage: KeyValueStorage,
  isValid: (token: string) => boolean,
  randomBytes: RandomBytes = cryptoRandomBytes,
): string {
  const stored = storage.getItem(key);
  if (stored !== null && isValid(stored)) return stored;
  const token = generateParticipantToken(randomBytes);
  storage.setItem(key, token);
  return token;
}

/**
 * The token this browser already holds for a project, or `null`: for pages that show what the
 * participant gave (`/p/:slug/me`) and must not make a participant just by being opened.
 */
export function storedParticipantToken(
  projectSlug: string,
  storage: KeyValueStorage,
  isValid: (token: string) => boolean,
): string | null {
  const stored = storage.getItem(storageKey(projectSlug));
  return stored !== null && isValid(stored) ? stored : null;
}
