const hex = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * A random (version 4) UUID for a new contribution: the idempotency key the server stores it
 * under. `crypto.randomUUID` exists only in secure contexts (https, localhost); workshop tablets
 * on a local network over plain http have `getRandomValues` alone, so build it from that there.
 */
export function newContributionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const digits = Array.from(bytes, hex).join('');
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}
