import { describe, expect, it } from 'vitest';
import { dayAxis } from './plot-chart.tsx';

const DAY_MS = 86_400_000;
const span = (axis: ReturnType<typeof dayAxis>) =>
  ((axis.domain[1] as Date).getTime() - (axis.domain[0] as Date).getTime()) / DAY_MS;

describe('the time axis of "Contributions over time"', () => {
  it('spans at least a week, centred on a few days of data, so each day is a bar and not a block', () => {
    const axis = dayAxis([{ date: new Date(2026, 11, 7) }, { date: new Date(2026, 11, 8) }], 'en');
    expect(span(axis)).toBe(7);
    expect((axis.domain[0] as Date).toISOString().slice(0, 10)).toBe('2026-12-05');
    expect(axis.ticks).toBe('day');
  });

  it('keeps a longer span as it is', () => {
    const axis = dayAxis([{ date: new Date(2026, 10, 1) }, { date: new Date(2026, 11, 20) }], 'en');
    expect(span(axis)).toBe(50);
    expect(axis.ticks).toBe('week');
  });
});
