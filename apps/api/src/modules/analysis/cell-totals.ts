import type { Queryable } from '../../db/queryable.ts';

/**
 * Brings the per-cell totals (`cell_totals`, `cell_participant_counts`) of these projects up to
 * date: the contributions triggers only append changes to `cell_total_deltas` (migration 0014),
 * so that concurrent writers share no row; every reader of the totals folds them in first. Folds
 * of one project wait for each other (an advisory lock held to the end of the transaction: call
 * it on the pool, or early in a short transaction). Changes of transactions that have not
 * committed stay pending; their commit moves the project's analysis version, so a result cached
 * meanwhile (analysis-cache.ts) is not served for the new data. Without `projectIds`: every
 * project with pending changes. `wait: false` skips projects another transaction is folding
 * (their totals are then read as of before that fold): for lists of many projects, which must
 * not wait behind one project's large backlog (a bulk load folds for minutes). Returns the number
 * of change rows folded.
 */
export async function foldCellTotals(
  db: Queryable,
  projectIds?: readonly string[],
  options: { wait: boolean } = { wait: true },
): Promise<number> {
  const { rows } = await db.query<{ folded: number }>(
    'SELECT nabolag_fold_cell_totals($1::uuid[], $2::boolean) AS folded',
    [projectIds ?? null, options.wait],
  );
  return rows[0]?.folded ?? 0;
}
