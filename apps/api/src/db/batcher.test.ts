// The batcher (batcher.ts): what arrives while a batch runs goes together in the next, each
// caller gets its own result after its batch is done, and a failing item fails alone.
import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.ts';

/** A run function whose batches are recorded and finish only when the test says so. */
function controlledRun<T>(answer: (item: T) => string = (item) => `done:${String(item)}`) {
  const batches: T[][] = [];
  const finishers: Array<(fail?: boolean) => void> = [];
  const run = (items: T[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finishers.push((fail) => (fail ? reject(new Error('batch failed')) : resolve(items.map(answer))));
    });
  return { run, batches, finishers };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('createBatcher', () => {
  it('starts a lone item at once and answers it after its run', async () => {
    const { run, batches, finishers } = controlledRun<number>();
    const batcher = createBatcher({ run, maxBatch: 10, concurrency: 1 });
    let settled = false;
    const result = batcher.add(1).then((value) => {
      settled = true;
      return value;
    });
    await turn();
    expect(batches).toEqual([[1]]);
    expect(settled).toBe(false);
    finishers[0]?.();
    expect(await result).toBe('done:1');
  });

  it('gathers what arrives while a batch runs into the next one, at most maxBatch', async () => {
    const { run, batches, finishers } = controlledRun<number>();
    const batcher = createBatcher({ run, maxBatch: 3, concurrency: 1 });
    const results = [batcher.add(1)];
    await turn();
    results.push(batcher.add(2), batcher.add(3), batcher.add(4), batcher.add(5));
    await turn();
    expect(batches).toEqual([[1]]);
    expect(batcher.pending).toBe(5);
    finishers[0]?.();
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finishers[1]?.();
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    finishers[2]?.();
    expect(await Promise.all(results)).toEqual(['done:1', 'done:2', 'done:3', 'done:4', 'done:5']);
    await turn();
    expect(batcher.pending).toBe(0);
  });

  it('runs at most `concurrency` batches at once', async () => {
    const { run, batches, finishers } = controlledRun<number>();
    const batcher = createBatcher({ run, maxBatch: 1, concurrency: 2 });
    const results = [1, 2, 3].map((item) => batcher.add(item));
    await turn();
    expect(batches).toEqual([[1], [2]]);
    finishers[1]?.();
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2], [3]]);
    finishers[0]?.();
    finishers[2]?.();
    expect(await Promise.all(results)).toEqual(['done:1', 'done:2', 'done:3']);
  });

  it('never puts two items with one key in a batch, and keeps the order of the rest', async () => {
    const { run, batches, finishers } = controlledRun<string>();
    const batcher = createBatcher({
      run,
      maxBatch: 10,
      concurrency: 1,
      keyOf: (item) => item.split(':')[0] ?? '',
    });
    const results = ['a:1', 'b:1', 'a:2', 'c:1', 'a:3'].map((item) => batcher.add(item));
    await turn();
    expect(batches).toEqual([['a:1', 'b:1', 'c:1']]);
    finishers[0]?.();
    await turn();
    await turn();
    expect(batches[1]).toEqual(['a:2']);
    finishers[1]?.();
    await turn();
    await turn();
    expect(batches[2]).toEqual(['a:3']);
    finishers[2]?.();
    expect(await Promise.all(results)).toEqual(['done:a:1', 'done:b:1', 'done:a:2', 'done:c:1', 'done:a:3']);
  });

  it('runs the items of a failed batch one by one, so only the bad one fails', async () => {
    const calls: number[][] = [];
    const batcher = createBatcher<number, number>({
      run: async (items) => {
        calls.push(items);
        if (items.includes(13)) throw new Error(`cannot store ${items.join(',')}`);
        return items.map((item) => item * 2);
      },
      maxBatch: 10,
      concurrency: 1,
    });
    const results = await Promise.allSettled([12, 13, 14].map((item) => batcher.add(item)));
    expect(calls[0]).toEqual([12, 13, 14]);
    expect(calls.slice(1).sort()).toEqual([[12], [13], [14]]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 24 });
    expect(results[1]?.status).toBe('rejected');
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('cannot store 13');
    expect(results[2]).toEqual({ status: 'fulfilled', value: 28 });
  });

  it('refuses sizes below one', () => {
    const run = async (items: number[]) => items;
    expect(() => createBatcher({ run, maxBatch: 0, concurrency: 1 })).toThrow();
    expect(() => createBatcher({ run, maxBatch: 1, concurrency: 0 })).toThrow();
  });
});
