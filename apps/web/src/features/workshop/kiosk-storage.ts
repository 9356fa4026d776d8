import { tabletIdSchema } from '@nabolag/schema';
import type { KeyValueStorage } from '../../lib/storage.ts';
import { toBase64Url } from '../contribute/participant-token.ts';

/**
 * What a workshop tablet remembers in `localStorage`: its own id, the table chosen per session,
 * the facilitator's PIN (as a salted hash), and the kiosk's current participant — kept apart
 * from the resident token of the project (`nabolag:participant:<slug>`) so that "Done — next
 * person" can replace it without touching anything else.
 */

const TABLET_KEY = 'nabolag:kiosk:tablet';
const PIN_KEY = 'nabolag:kiosk:pin';
const groupKey = (code: string) => `nabolag:kiosk:group:${code}`;

/** Storage key of the kiosk's current participant token in a project. */
export const kioskParticipantKey = (projectSlug: string) => `nabolag:kiosk:participant:${projectSlug}`;

/** Scope of the kiosk's first-send record (consent, background questions) in a project. */
export const kioskFirstSendScope = (projectSlug: string) => `kiosk:${projectSlug}`;

const randomId = (bytes: number) => toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));

/** This tablet's id, made once and kept (1–60 of A–Z a–z 0–9 _ -). */
export function tabletId(storage: KeyValueStorage, make: () => string = () => `t-${randomId(9)}`): string {
  const stored = storage.getItem(TABLET_KEY);
  if (stored !== null && tabletIdSchema.safeParse(stored).success) return stored;
  const id = make();
  storage.setItem(TABLET_KEY, id);
  return id;
}

/** The table chosen on this tablet for a session, if it is still one of the session's groups. */
export function storedGroup(
  storage: KeyValueStorage,
  code: string,
  groups: readonly string[],
): string | null {
  const stored = storage.getItem(groupKey(code));
  return stored !== null && groups.includes(stored) ? stored : null;
}

export function rememberGroup(storage: KeyValueStorage, code: string, group: string): void {
  storage.setItem(groupKey(code), group);
}

/** A facilitator's PIN: 4 to 8 digits. */
export const isValidPin = (pin: string) => /^\d{4,8}$/.test(pin);

interface StoredPin {
  salt: string;
  hash: string;
}

async function hashPin(pin: string, salt: string): Promise<string> {
  const data = new TextEncoder().encode(`${salt}:${pin}`);
  if (globalThis.crypto?.subtle) {
    return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
  }
  // Plain http on a school network has no SubtleCrypto: FNV-1a, enough to keep the PIN
  // from being read off the tablet in passing (it guards a kiosk, not a secret).
  let hash = 0x811c9dc5;
  for (let round = 0; round < 1000; round += 1) {
    for (const byte of data) hash = Math.imul(hash ^ byte ^ round, 0x01000193) >>> 0;
  }
  return `fnv-${hash.toString(16)}`;
}

function readPin(storage: KeyValueStorage): StoredPin | null {
  const raw = storage.getItem(PIN_KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as StoredPin).salt === 'string' &&
      typeof (parsed as StoredPin).hash === 'string'
    ) {
      return parsed as StoredPin;
    }
  } catch {
    // not ours: set again
  }
  return null;
}

/** Whether the facilitator has set a PIN on this tablet. */
export const hasPin = (storage: KeyValueStorage) => readPin(storage) !== null;

export async function setPin(storage: KeyValueStorage, pin: string): Promise<void> {
  const salt = randomId(12);
  storage.setItem(PIN_KEY, JSON.stringify({ salt, hash: await hashPin(pin, salt) }));
}

export async function checkPin(storage: KeyValueStorage, pin: string): Promise<boolean> {
  const stored = readPin(storage);
  if (!stored || !isValidPin(pin)) return false;
  return (await hashPin(pin, stored.salt)) === stored.hash;
}
