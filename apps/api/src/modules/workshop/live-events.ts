import type pg from 'pg';
import type { SessionBus } from './event-bus.ts';
import { appendSessionEvent, findLiveContribution } from './workshop.repository.ts';

/**
 * Tells a contribution's workshop session (if it has one) what it looks like now: new, changed,
 * published or hidden. Call after the change is committed.
 */
export async function announceContribution(
  pool: pg.Pool,
  bus: SessionBus,
  contributionId: string,
): Promise<void> {
  const live = await findLiveContribution(pool, contributionId);
  if (!live?.sessionId) return;
  const event =
    live.contribution.status === 'hidden'
      ? ({ type: 'contribution-hidden', id: contributionId } as const)
      : ({ type: 'contribution', contribution: live.contribution } as const);
  await appendSessionEvent(pool, live.sessionId, event);
  await bus.notify(live.sessionId);
}

/** Tells a session that one of its contributions is gone. */
export async function announceRemoval(
  pool: pg.Pool,
  bus: SessionBus,
  sessionId: string | null,
  contributionId: string,
): Promise<void> {
  if (!sessionId) return;
  await appendSessionEvent(pool, sessionId, { type: 'contribution-removed', id: contributionId });
  await bus.notify(sessionId);
}

/** The session of a contribution, read before it is deleted. */
export async function sessionOfContribution(pool: pg.Pool, contributionId: string): Promise<string | null> {
  const { rows } = await pool.query<{ sessionId: string | null }>(
    'SELECT session_id AS "sessionId" FROM contributions WHERE id = $1',
    [contributionId],
  );
  return rows[0]?.sessionId ?? null;
}
