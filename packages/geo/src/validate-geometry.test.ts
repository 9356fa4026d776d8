import { describe, expect, it } from 'vitest';
import { validateGeometry } from './validate-geometry.ts';

describe('validateGeometry', () => {
  it('accepts a point', () => {
    expect(validateGeometry({ type: 'Point', coordinates: [10.01, 59.05] })).toEqual({ ok: true });
  });

  it('accepts a line with two different positions', () => {
    const line = {
      type: 'LineString' as const,
      coordinates: [[10, 59] as [number, number], [10.01, 59.01] as [number, number]],
    };
    expect(validateGeometry(line)).toEqual({ ok: true });
  });

  it('rejects a line whose positions are all the same', () => {
    const result = validateGeometry({
      type: 'LineString',
      coordinates: [
        [10, 59],
        [10, 59],
      ],
    });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('two different positions') });
  });

  it('accepts a simple square', () => {
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [10, 59],
          [10.01, 59],
          [10.01, 59.01],
          [10, 59.01],
          [10, 59],
        ] as [number, number][],
      ],
    };
    expect(validateGeometry(square)).toEqual({ ok: true });
  });

  it('rejects a bow-tie polygon that crosses itself', () => {
    const bowTie = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [10, 59],
          [10.01, 59.01],
          [10.01, 59],
          [10, 59.01],
          [10, 59],
        ] as [number, number][],
      ],
    };
    expect(validateGeometry(bowTie)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('crosses itself'),
    });
  });

  it('rejects a polygon with fewer than three distinct corners', () => {
    const flat = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [10, 59],
          [10.01, 59],
          [10, 59],
          [10, 59],
        ] as [number, number][],
      ],
    };
    expect(validateGeometry(flat)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('three different corners'),
    });
  });
});
