import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay } from './format.ts';

describe('formatDay', () => {
  it('writes the day out in the given language', () => {
    expect(formatDay('2025-06-07', 'en')).toBe('June 7, 2025');
  });

  it('returns text that is not a day unchanged', () => {
    expect(formatDay('yesterday', 'en')).toBe('yesterday');
  });
});

describe('formatDateTime', () => {
  it('returns text that is not a date unchanged', () => {
    expect(formatDateTime('soon', 'nb')).toBe('soon');
  });
});
