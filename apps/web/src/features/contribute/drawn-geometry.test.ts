import type { Category } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { effectiveGeometryType, geometryOfPath, geometryTypesOf } from './drawn-geometry.ts';

const category = (geometryTypes: Category['geometryTypes']): Category => ({
  key: 'landmarks',
  labels: { nb: 'Kjennetegn' },
  prompts: { nb: 'Hva kjennetegner området?' },
  geometryTypes,
  colour: '#8c564b',
});

const SQUARE: [number, number][] = [
  [10.03, 59.05],
  [10.04, 59.05],
  [10.04, 59.06],
  [10.03, 59.06],
];
/** The same corners in an order whose outline crosses itself (a bow tie). */
const BOW_TIE: [number, number][] = [
  [10.03, 59.05],
  [10.04, 59.06],
  [10.04, 59.05],
  [10.03, 59.06],
];

describe('geometryTypesOf', () => {
  it('offers a point first, then a line, then an area', () => {
    expect(geometryTypesOf(category(['Polygon', 'Point', 'LineString']))).toEqual([
      'Point',
      'LineString',
      'Polygon',
    ]);
  });
});

describe('effectiveGeometryType', () => {
  it('keeps the choice while the category takes it', () => {
    expect(effectiveGeometryType('Polygon', category(['Point', 'Polygon']))).toBe('Polygon');
  });

  it('falls back to the point when the category does not take the choice', () => {
    expect(effectiveGeometryType('LineString', category(['Point', 'Polygon']))).toBe('Point');
  });

  it('falls back to what the category takes first when it takes no point', () => {
    expect(effectiveGeometryType('Point', category(['Polygon']))).toBe('Polygon');
  });
});

describe('geometryOfPath', () => {
  it('closes the ring of an area', () => {
    expect(geometryOfPath('Polygon', { vertices: SQUARE, finished: true })).toEqual({
      ok: true,
      geometry: { type: 'Polygon', coordinates: [[...SQUARE, SQUARE[0]]] },
    });
  });

  it('sends a line as drawn', () => {
    expect(geometryOfPath('LineString', { vertices: SQUARE.slice(0, 2), finished: false })).toEqual({
      ok: true,
      geometry: { type: 'LineString', coordinates: SQUARE.slice(0, 2) },
    });
  });

  it('asks for a place when nothing is drawn', () => {
    expect(geometryOfPath('Polygon', { vertices: [], finished: false })).toEqual({
      ok: false,
      problem: 'no-position',
    });
  });

  it('asks for a second, different point of a line', () => {
    const twice = [SQUARE[0], SQUARE[0]] as [number, number][];
    expect(geometryOfPath('LineString', { vertices: twice, finished: true })).toEqual({
      ok: false,
      problem: 'line-too-short',
    });
  });

  it('asks for three different corners of an area', () => {
    expect(geometryOfPath('Polygon', { vertices: SQUARE.slice(0, 2), finished: false })).toEqual({
      ok: false,
      problem: 'area-too-few-corners',
    });
  });

  it('refuses an area whose outline crosses itself', () => {
    expect(geometryOfPath('Polygon', { vertices: BOW_TIE, finished: true })).toEqual({
      ok: false,
      problem: 'area-crosses-itself',
    });
  });
});
