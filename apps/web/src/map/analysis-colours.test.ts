import { describe, expect, it } from 'vitest';
import {
  COMPARE_COLOURS,
  compareStops,
  HOT_SPOT_COLOURS,
  HOT_SPOT_LEGEND,
  hotSpotConfidence,
  LIKED_COLOURS,
} from './analysis-colours.ts';
import { compareColourExpression } from './compare-layer.ts';
import { hotSpotColourExpression } from './hot-spot-layer.ts';

describe('hot spot classes', () => {
  it('names the confidence of each class', () => {
    expect([3, 2, 1, 0, -1, -2, -3].map((value) => hotSpotConfidence(value as -3))).toEqual([
      99,
      95,
      90,
      null,
      90,
      95,
      99,
    ]);
  });

  it('gives each class its own colour, hot and cold apart', () => {
    expect(new Set(Object.values(HOT_SPOT_COLOURS)).size).toBe(7);
    expect(HOT_SPOT_LEGEND).toEqual([3, 2, 1, 0, -1, -2, -3]);
  });

  it('colours the map by class with the legend colours (not significant as the fallback)', () => {
    const expression = hotSpotColourExpression() as unknown[];
    expect(expression.slice(0, 2)).toEqual(['match', ['get', 'class']]);
    expect(expression[expression.indexOf(3) + 1]).toBe(HOT_SPOT_COLOURS[3]);
    expect(expression[expression.indexOf(-3) + 1]).toBe(HOT_SPOT_COLOURS[-3]);
    expect(expression.at(-1)).toBe(HOT_SPOT_COLOURS[0]);
  });
});

/** A comparison whose cells differ by `differences` (liked share minus least-liked share). */
const comparisonOf = (differences: number[]) => ({
  type: 'FeatureCollection' as const,
  cell: 200,
  totals: { a: 4, b: 4 },
  features: differences.map((difference, index) => ({
    type: 'Feature' as const,
    id: `${index},0`,
    geometry: { type: 'Polygon' as const, coordinates: [] },
    properties: {
      cell: `${index},0`,
      a: 1,
      b: 1,
      aParticipants: 1,
      bParticipants: 1,
      difference,
      contested: 0,
    },
  })),
});

/** Hue of a `#rrggbb` colour, degrees. */
function hue(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const h =
    max === r
      ? ((g - b) / (max - min)) % 6
      : max === g
        ? (b - r) / (max - min) + 2
        : (r - g) / (max - min) + 4;
  return (h * 60 + 360) % 360;
}

describe('comparison colours', () => {
  it('shows liked against least liked on a diverging scale: red, a light neutral, blue', () => {
    const expression = compareColourExpression('contested', comparisonOf([0.3, -0.6])) as unknown[];
    expect(expression.slice(0, 3)).toEqual(['interpolate', ['linear'], ['get', 'difference']]);
    expect(expression.slice(3)).toEqual([
      -0.6,
      LIKED_COLOURS[0],
      -0.3,
      LIKED_COLOURS[1],
      0,
      LIKED_COLOURS[2],
      0.3,
      LIKED_COLOURS[3],
      0.6,
      LIKED_COLOURS[4],
    ]);
    // The ends are two hues far apart (red for least liked, blue for liked).
    const leastLiked = hue(LIKED_COLOURS[0]);
    const liked = hue(LIKED_COLOURS[4]);
    expect(leastLiked < 20 || leastLiked > 340).toBe(true);
    expect(liked).toBeGreaterThan(190);
    expect(liked).toBeLessThan(230);
  });

  it('spans the largest difference either way, symmetric around zero', () => {
    expect(compareStops([0.1, -0.4, 0.2])).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
    expect(compareStops([])).toEqual([-0.01, -0.005, 0, 0.005, 0.01]);
  });

  it('interpolates the difference from side B to side A', () => {
    const comparison = comparisonOf([0.5, -0.25]);
    const expression = compareColourExpression('difference', comparison) as unknown[];
    expect(expression.slice(0, 3)).toEqual(['interpolate', ['linear'], ['get', 'difference']]);
    expect(expression.slice(3)).toEqual([
      -0.5,
      COMPARE_COLOURS[0],
      -0.25,
      COMPARE_COLOURS[1],
      0,
      COMPARE_COLOURS[2],
      0.25,
      COMPARE_COLOURS[3],
      0.5,
      COMPARE_COLOURS[4],
    ]);
  });
});
