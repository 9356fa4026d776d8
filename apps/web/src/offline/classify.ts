import type { ApiResult } from '../api/client.ts';

/** What went wrong on the last try of an outbox item: the API's error code and the HTTP status. */
export interface OutboxError {
  /** An API error code, `NETWORK` (no answer, or no answer in time) or `UNEXPECTED_RESPONSE`. */
  code: string;
  /** `null` when no answer came. */
  status: number | null;
}

/** What the outbox does with an item after one try. */
export type SendVerdict =
  /** The server has it (201 the first time, 200 for a repeat): remove it from the outbox. */
  | { kind: 'done' }
  /** Try again later, not before `notBeforeMs` from now (0: the back-off alone decides). */
  | { kind: 'retry'; error: OutboxError; notBeforeMs: number }
  /** The server will never take it as it is: keep it, show why, let the person fix or discard it. */
  | { kind: 'failed'; error: OutboxError };

/** Statuses that say "not now" rather than "not this": timeout and too many requests. */
const TRY_AGAIN_STATUSES = new Set([408, 429]);

/** The server's `details.retryAfterSeconds` (a 429's), in seconds, if it names one. */
function retryAfterSeconds(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const seconds = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * Sorts the outcome of one send. No answer, 5xx, 408 and 429 are passing troubles (retry, after
 * the server's `retryAfterSeconds` when it names one); any other 4xx is a verdict on the content
 * (failed). A 2xx counts only with a body that matches the contract: a captive portal's "200 OK"
 * login page on a workshop's Wi-Fi is not the server saying yes.
 */
export function classifySendResult(result: ApiResult<unknown>): SendVerdict {
  if (result.ok) return { kind: 'done' };
  const { code, status, details } = result.error;
  const error: OutboxError = { code, status };
  if (status === null || status < 400 || status >= 500 || TRY_AGAIN_STATUSES.has(status)) {
    const seconds = retryAfterSeconds(details);
    return { kind: 'retry', error, notBeforeMs: seconds === undefined ? 0 : seconds * 1000 };
  }
  return { kind: 'failed', error };
}
