import { describe, expect, it } from 'vitest';
import { getisOrdGiStar, hexDistance, hotSpotClass } from './hot-spots.ts';

/** Cells in one row of hexagons (q = 0…n−1, r = 0): each touches the one before and after. */
const row = (values: number[]) => values.map((value, q) => ({ q, r: 0, value }));

describe('getisOrdGiStar', () => {
  it('matches a small example worked out by hand', () => {
    // Ten cells in a row, values 0 0 0 0 0 0 0 10 10 10; one ring: a cell and the ones beside it.
    // n = 10, Σx = 30, X̄ = 3, Σx² = 300, S = √(300/10 − 3²) = √21.
    // Cell 8 (neighbours 7, 8, 9): Σwx = 30, Σw = 3 → numerator 30 − 3·3 = 21,
    //   denominator √21 · √((10·3 − 3²)/9) = √21 · √(21/9) = 21/3 = 7 → z = 3.
    // Cell 9 (8, 9): Σwx = 20, Σw = 2 → 20 − 6 = 14; √21 · √((20 − 4)/9) = √21 · 4/3 → z = 14/(4√21/3).
    // Cell 7 (6, 7, 8): 20 − 9 = 11 → z = 11/7.   Cell 6 (5, 6, 7): 10 − 9 = 1 → z = 1/7.
    // Cells 1–5 (three zeros): 0 − 9 → z = −9/7.   Cell 0 (0, 1): 0 − 6 → z = −6/(4√21/3).
    const result = getisOrdGiStar(row([0, 0, 0, 0, 0, 0, 0, 10, 10, 10]));
    const twoNeighbours = (4 * Math.sqrt(21)) / 3;
    const expected = [
      -6 / twoNeighbours,
      -9 / 7,
      -9 / 7,
      -9 / 7,
      -9 / 7,
      -9 / 7,
      1 / 7,
      11 / 7,
      3,
      14 / twoNeighbours,
    ];
    for (const [index, cell] of result.entries()) expect(cell.z).toBeCloseTo(expected[index] as number, 10);
    // 3 ≥ 2.576 → hot at 99 %; 14/6.11 = 2.29 → 95 %; 11/7 = 1.57 is under 1.645 → not significant.
    expect(result.map((cell) => cell.class)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 3, 2]);
  });

  it('finds a cold spot with a negative class', () => {
    // The mirror image: ten cells of 10 with three zeros at the end; cell 8 has z = −3.
    const result = getisOrdGiStar(row([10, 10, 10, 10, 10, 10, 10, 0, 0, 0]));
    expect(result[8]?.z).toBeCloseTo(-3, 10);
    expect(result[8]?.class).toBe(-3);
  });

  it('counts the six hexagons around a cell, not a square neighbourhood', () => {
    // A centre with value 6 and its six neighbours at 0, plus two cells two steps away (also 0)
    // and two diagonal cells that a square grid would call neighbours but a hex grid does not.
    const cells = [
      { q: 0, r: 0, value: 6 },
      ...[
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
        [1, -1],
        [-1, 1],
        [2, 0],
        [-2, 0],
        [1, 1],
        [-1, -1],
      ].map(([q, r]) => ({ q: q as number, r: r as number, value: 0 })),
    ];
    // n = 11, X̄ = 6/11, Σx² = 36, S² = 36/11 − 36/121 = 360/121, S = √360/11.
    // Centre: Σw = 7 (itself and six neighbours), Σwx = 6 → numerator 6 − 42/11 = 24/11,
    // denominator S · √((77 − 49)/10) = (√360/11) · √2.8 → z = 24/(√360 · √2.8) = 24/√1008.
    const centre = getisOrdGiStar(cells).find((cell) => cell.q === 0 && cell.r === 0);
    expect(centre?.z).toBeCloseTo(24 / Math.sqrt(1008), 10);
  });

  it('gives no z-score where the values do not vary or every cell neighbours every other', () => {
    expect(getisOrdGiStar(row([4, 4, 4, 4])).every((cell) => cell.z === null && cell.class === 0)).toBe(true);
    // Three cells in a row with two rings: each cell has all three as neighbours.
    expect(getisOrdGiStar(row([0, 5, 1]), 2).map((cell) => cell.z)).toEqual([null, null, null]);
    expect(getisOrdGiStar([])).toEqual([]);
  });
});

describe('hotSpotClass', () => {
  it('uses the two-sided thresholds of 90, 95 and 99 %', () => {
    expect([1.64, 1.645, 1.96, 2.575, 2.576, -1.7, -2.0, -2.6].map(hotSpotClass)).toEqual([
      0, 1, 2, 2, 3, -1, -2, -3,
    ]);
    expect(hotSpotClass(null)).toBe(0);
  });
});

describe('hexDistance', () => {
  it('counts steps between hexagons', () => {
    expect(hexDistance({ q: 0, r: 0 }, { q: 0, r: 0 })).toBe(0);
    expect(hexDistance({ q: 0, r: 0 }, { q: 1, r: -1 })).toBe(1);
    expect(hexDistance({ q: 0, r: 0 }, { q: 1, r: 1 })).toBe(2);
    expect(hexDistance({ q: -2, r: 3 }, { q: 2, r: -1 })).toBe(4);
  });
});
