import { describe, expect, it } from 'vitest';
import {
  COMPARE_COLOURS,
  compareStops,
  HOT_SPOT_COLOURS,
  HOT_SPOT_LEGEND,
  hotSpotConfidence,
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

describe('comparison colours', () => {
  it('spans the largest difference either way, symmetric around zero', () => {
    expect(compareStops([0.1, -0.4, 0.2])).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
    expect(compareStops([])).toEqual([-0.01, -0.005, 0, 0.005, 0.01]);
  });

  it('interpolates the difference from side B to side A', () => {
    const comparison = {
      type: 'FeatureCollection' as const,
      cell: 200,
      totals: { a: 4, b: 4 },
      features: [0.5, -0.25].map((difference, index) => ({
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
    };
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
