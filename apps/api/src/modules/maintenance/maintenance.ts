import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { pruneAnalysisChanges } from '../analysis/analysis-cache.ts';
import { foldCellTotals } from '../analysis/cell-totals.ts';
import { purgeExpiredSessions } from '../auth/sessions.repository.ts';
import { purgeExpiredPersonalData } from '../projects/projects.repository.ts';

/** How often the server tidies up, in milliseconds. */
export const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Housekeeping that keeps promises made to residents: background answers deleted when a
 * project's retention period has passed, expired staff sessions and old rate-limit counters
 * removed, pending per-cell total changes folded. Safe to run from several processes at once.
 */
export async function runMaintenance(pool: pg.Pool, log: FastifyBaseLogger): Promise<void> {
  const purged = await purgeExpiredPersonalData(pool);
  if (purged.length > 0)
    log.info({ projects: purged }, 'background answers deleted after the retention period');
  await purgeExpiredSessions(pool);
  await pool.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 hour'`);
  await pruneAnalysisChanges(pool);
  // Folds what no reader has asked for yet, so the backlog a quiet project leaves stays small.
  await foldCellTotals(pool, undefined, { wait: false });
}

/** Runs maintenance now and then every hour; returns a function that stops it. */
export function scheduleMaintenance(pool: pg.Pool, log: FastifyBaseLogger): () => void {
  const tick = () =>
    runMaintenance(pool, log).catch((error: unknown) => log.warn({ err: error }, 'maintenance failed'));
  void tick();
  const timer = setInterval(tick, MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
