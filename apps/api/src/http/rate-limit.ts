import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

export interface RateLimitRule {
  /** What is counted, e.g. `login` or `contribute`. */
  name: string;
  /** Requests allowed per window. */
  limit: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

/**
 * Counts a request against a fixed window and refuses it with 429 past the limit. Counters live
 * in PostgreSQL (table `rate_limits`), so every API process behind a proxy shares them. The key
 * holds only a hash of what identifies the caller (an IP address is personal data), and counters
 * are deleted after an hour.
 */
export async function enforceRateLimit(
  app: FastifyInstance,
  rule: RateLimitRule,
  subject: string,
): Promise<void> {
  // Operators may turn limits off (NABOLAG_RATE_LIMITS=off), e.g. for a load benchmark.
  if (!app.rateLimits) return;
  const { hits, retry } = await countRequest(app, rule, subject);
  if (hits > rule.limit) refuse(retry);
}

/**
 * Refuses with 429 when the subject has used up its window, without counting this request: for
 * limits that count only failures (sign-in: a person who types the right password is not held
 * back by their earlier typos' count beyond the limit, and successes never count).
 */
export async function refuseIfLimited(
  app: FastifyInstance,
  rule: RateLimitRule,
  subject: string,
): Promise<void> {
  if (!app.rateLimits) return;
  const { rows } = await app.pg.pool.query<{ hits: number; retry: number }>(
    `SELECT hits, ceil(extract(epoch FROM window_start) + $2 - extract(epoch FROM now()))::int AS retry
     FROM rate_limits WHERE key = $1 AND window_start = to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)`,
    [keyFor(rule, subject), rule.windowSeconds],
  );
  const row = rows[0];
  if (row && row.hits >= rule.limit) refuse(row.retry);
}

/** Counts one request (or failure) of the subject in the current window. */
export async function countRequest(
  app: FastifyInstance,
  rule: RateLimitRule,
  subject: string,
): Promise<{ hits: number; retry: number }> {
  const pool = app.pg.pool;
  const { rows } = await pool.query<{ hits: number; retry: number }>(
    `INSERT INTO rate_limits (key, window_start, hits)
     VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
     ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
     RETURNING hits, ceil(extract(epoch FROM window_start) + $2 - extract(epoch FROM now()))::int AS retry`,
    [keyFor(rule, subject), rule.windowSeconds],
  );
  // Now and then, forget old windows.
  if (Math.random() < 0.01) {
    await pool.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 hour'`);
  }
  return rows[0] as { hits: number; retry: number };
}

/** A rule's counter for one subject, for a statement that counts the request itself (one round trip). */
export interface RateLimitCounter {
  key: string;
  windowSeconds: number;
  limit: number;
}

/**
 * The counter to bump for this request, for a repository statement that counts and acts in one
 * go (the contributions' write path); undefined when limits are off. Check its `hits` against
 * `limit` and throw `rateLimitExceeded` past it.
 */
export function rateLimitCounter(
  app: FastifyInstance,
  rule: RateLimitRule,
  subject: string,
): RateLimitCounter | undefined {
  if (!app.rateLimits) return undefined;
  return { key: keyFor(rule, subject), windowSeconds: rule.windowSeconds, limit: rule.limit };
}

/** The counter's key: the rule and a hash of the subject (never the address itself). */
function keyFor(rule: RateLimitRule, subject: string): string {
  return `${rule.name}:${createHash('sha256').update(subject).digest('base64url').slice(0, 22)}`;
}

function refuse(retrySeconds: number): never {
  throw rateLimitExceeded(retrySeconds);
}

/** The 429 for a caller who used up the window; `retrySeconds` until the next window opens. */
export function rateLimitExceeded(retrySeconds: number): AppError {
  const retryAfterSeconds = Math.max(1, retrySeconds);
  return new AppError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} seconds.`, {
    retryAfterSeconds,
  });
}

/** Failed sign-in attempts per address and e-mail: slows password guessing to a crawl. */
export const LOGIN_RATE: RateLimitRule = { name: 'login', limit: 10, windowSeconds: 15 * 60 };
/** Contributions from one address without a workshop session: generous for a household, not for a script. */
export const CONTRIBUTE_RATE: RateLimitRule = { name: 'contribute', limit: 60, windowSeconds: 60 };
/** Contributions in one workshop session: 60 tablets behind one address, each quick. */
export const WORKSHOP_CONTRIBUTE_RATE: RateLimitRule = {
  name: 'contribute-session',
  limit: 1200,
  windowSeconds: 60,
};
