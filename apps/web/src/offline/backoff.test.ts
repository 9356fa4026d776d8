import { describe, expect, it } from 'vitest';
import { OUTBOX_BACKOFF, retryDelayMs } from './backoff.ts';

const lowest = () => 0;
const highest = () => 0.999_999;

describe('retryDelayMs', () => {
  it('waits between half a second and a second after the first failure', () => {
    expect(retryDelayMs(1, lowest)).toBe(500);
    expect(retryDelayMs(1, highest)).toBe(1_000);
  });

  it('doubles the step with each further failure', () => {
    const steps = [1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, highest));
    expect(steps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits longer than the cap, however often it failed', () => {
    for (const attempts of [7, 8, 20, 1_000, Number.MAX_SAFE_INTEGER]) {
      expect(retryDelayMs(attempts, highest)).toBeLessThanOrEqual(OUTBOX_BACKOFF.capMs);
      expect(retryDelayMs(attempts, lowest)).toBe(OUTBOX_BACKOFF.capMs / 2);
    }
  });

  it('spreads tries that failed together over the upper half of the step', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((value) => retryDelayMs(3, () => value));
    expect(delays).toEqual([2_000, 2_500, 3_000, 3_500]);
  });

  it('treats zero or fewer failures as the first step', () => {
    expect(retryDelayMs(0, highest)).toBe(1_000);
    expect(retryDelayMs(-3, lowest)).toBe(500);
  });

  it('follows other bases and caps', () => {
    expect(retryDelayMs(4, highest, { baseMs: 100, capMs: 500 })).toBe(500);
    expect(retryDelayMs(2, highest, { baseMs: 100, capMs: 500 })).toBe(200);
  });
});
