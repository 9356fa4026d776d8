import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { areaPart, placeName } from './place-name.ts';

const BOUNDS: [number, number, number, number] = [10.0, 59.0, 10.04, 59.02];

describe('areaPart', () => {
  it('says the centre near the middle, else one of eight directions on the area’s own proportions', () => {
    expect(areaPart([10.02, 59.01], BOUNDS)).toBe('centre');
    expect(areaPart([10.039, 59.019], BOUNDS)).toBe('northEast');
    expect(areaPart([10.02, 59.0195], BOUNDS)).toBe('north');
    expect(areaPart([10.001, 59.01], BOUNDS)).toBe('west');
    expect(areaPart([10.002, 59.001], BOUNDS)).toBe('southWest');
    expect(areaPart([10.038, 59.0], BOUNDS)).toBe('southEast');
  });
});

describe('placeName', () => {
  // A stand-in for i18next that shows the key and its values.
  const t = ((key: string, values?: Record<string, string>) =>
    values ? `${key}${JSON.stringify(values)}` : key) as unknown as TFunction;
  const context = { category: 'Meeting places', bounds: BOUNDS };

  it('takes a planner’s name as written, and says "near" an address or a landmark', () => {
    expect(placeName(t, { label: 'Trappa', labelSource: 'planner', centre: [10.02, 59.01] }, context)).toBe(
      'Trappa',
    );
    expect(
      placeName(t, { label: 'Storgata 12', labelSource: 'address', centre: [10.02, 59.01] }, context),
    ).toBe('results.placeNear{"label":"Storgata 12"}');
  });

  it('describes an unnamed place by its category and part of the area, never by a number', () => {
    const name = placeName(t, { label: null, labelSource: null, centre: [10.039, 59.019] }, context);
    expect(name).toBe(
      'results.placeDescribed{"category":"Meeting places","part":"results.areaPart.northEast"}',
    );
    expect(name).not.toMatch(/Place \d/);
  });
});
