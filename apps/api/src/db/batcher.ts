/**
 * Gathers work that arrives while earlier work is still running, so that it can be done together:
 * with the database busy, contributions that come in meanwhile are stored in one statement and one
 * commit instead of one each (contribution-writer.ts).
 *
 * - Nothing waits for a timer. An item is started at the next turn of the event loop if fewer
 *   than `concurrency` batches are running; otherwise it waits for one to finish, and every item
 *   that waited then goes in the next batch (at most `maxBatch`). At low load a batch holds one
 *   item; under load batches grow with it.
 * - An item's promise settles with its own result once its batch is done (for a database write:
 *   committed), never before.
 * - Items with the same `keyOf` never share a batch: a later one waits for the next.
 * - When a batch fails, each of its items is run again on its own, so that one bad item fails
 *   alone. `run` must therefore be atomic: a failed batch has done nothing.
 */
export interface BatcherOptions<I, O> {
  /** Does a batch of items; answers one result per item, in order. All or nothing. */
  run: (items: I[]) => Promise<O[]>;
  /** The most items in one batch. */
  maxBatch: number;
  /** The most batches running at once. */
  concurrency: number;
  /** Items with the same key go in different batches. */
  keyOf?: (item: I) => string;
}

export interface Batcher<I, O> {
  add(item: I): Promise<O>;
  /** Batches and items waiting or running now (for tests and the health of the process). */
  readonly pending: number;
}

interface Entry<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export function createBatcher<I, O>(options: BatcherOptions<I, O>): Batcher<I, O> {
  if (options.maxBatch < 1 || options.concurrency < 1)
    throw new Error('createBatcher: sizes must be at least 1');
  const queue: Entry<I, O>[] = [];
  let running = 0;
  let inBatches = 0;
  let scheduled = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  }

  function drain() {
    scheduled = false;
    while (running < options.concurrency && queue.length > 0) {
      const batch = take();
      running += 1;
      inBatches += batch.length;
      void runBatch(batch).finally(() => {
        running -= 1;
        inBatches -= batch.length;
        if (queue.length > 0) schedule();
      });
    }
  }

  /** The next batch: the oldest items, at most one per key. */
  function take(): Entry<I, O>[] {
    const batch: Entry<I, O>[] = [];
    const held: Entry<I, O>[] = [];
    const keys = new Set<string>();
    while (queue.length > 0 && batch.length < options.maxBatch) {
      const entry = queue.shift() as Entry<I, O>;
      const key = options.keyOf?.(entry.item);
      if (key !== undefined && keys.has(key)) {
        held.push(entry);
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(entry);
    }
    queue.unshift(...held);
    return batch;
  }

  async function runOne(entry: Entry<I, O>) {
    try {
      const [result] = await options.run([entry.item]);
      entry.resolve(result as O);
    } catch (error) {
      entry.reject(error);
    }
  }

  async function runBatch(batch: Entry<I, O>[]) {
    if (batch.length === 1) return runOne(batch[0] as Entry<I, O>);
    let results: O[];
    try {
      results = await options.run(batch.map((entry) => entry.item));
    } catch {
      // One item may have failed the batch: each goes again on its own and fails (or not) alone.
      await Promise.all(batch.map(runOne));
      return;
    }
    batch.forEach((entry, index) => {
      entry.resolve(results[index] as O);
    });
  }

  return {
    add(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    get pending() {
      return queue.length + inBatches;
    },
  };
}
