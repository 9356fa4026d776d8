/** How long the outbox waits between tries of one item. */
export interface BackoffOptions {
  /** Wait after the first failed try, in milliseconds. */
  baseMs: number;
  /** Longest wait, in milliseconds, however often it failed. */
  capMs: number;
}

/** 1 s, 2 s, 4 s, … up to a minute: quick after a blip, gentle on a server that is down. */
export const OUTBOX_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 60_000 };

/**
 * Milliseconds to wait before the next try of an item that has failed `failedAttempts` times
 * (1 or more): exponential, capped, with "equal jitter" — a random point in the upper half of
 * the step, so that 60 tablets that lost the Wi-Fi together do not all come back in the same
 * millisecond, and no wait is ever shorter than half its step.
 *
 * @param random a number in [0, 1), `Math.random` by default (tests pass their own).
 */
export function retryDelayMs(
  failedAttempts: number,
  random: () => number = Math.random,
  { baseMs, capMs }: BackoffOptions = OUTBOX_BACKOFF,
): number {
  const exponent = Math.max(0, Math.floor(failedAttempts) - 1);
  // 2 ** 1024 is Infinity; cap the exponent long before floating point does it for us.
  const step = Math.min(capMs, baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(step / 2 + (step / 2) * random());
}
