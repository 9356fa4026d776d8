import type pg from 'pg';
import { createBatcher } from '../../db/batcher.ts';
import {
  type StoreContributionInput,
  type StoreContributionVerdict,
  storeContributions,
} from './store-contribution.repository.ts';

/**
 * The most contributions stored in one statement. Past a few dozen rows a bigger batch saves
 * little (docs/benchmarks.md, "Write path: batches").
 */
export const MAX_WRITE_BATCH = 64;
/**
 * The most store statements one API process runs at once. Under load each statement carries
 * more contributions, rather than more statements competing for the database's cores.
 */
export const WRITE_CONCURRENCY = 4;

export interface ContributionWriter {
  /** Stores a contribution (together with others that arrive meanwhile); settles after the commit. */
  store(input: StoreContributionInput): Promise<StoreContributionVerdict>;
}

/**
 * Stores new contributions through a batcher (db/batcher.ts): when the database is busy,
 * contributions that arrive meanwhile go in one statement and one commit. Each caller gets its
 * own verdict, as if its contribution had been stored alone; a batch that fails is stored again
 * one by one, so one bad contribution cannot fail the others.
 */
export function createContributionWriter(pool: pg.Pool, options: { prepared: boolean }): ContributionWriter {
  const batcher = createBatcher<StoreContributionInput, StoreContributionVerdict>({
    run: (inputs) => storeContributions(pool, inputs, { prepared: options.prepared }),
    maxBatch: MAX_WRITE_BATCH,
    concurrency: WRITE_CONCURRENCY,
    // Two requests with one id (a retry racing its original) are stored one after the other.
    keyOf: (input) => input.id,
  });
  return { store: (input) => batcher.add(input) };
}
