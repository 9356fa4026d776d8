import { describe, expect, it } from 'vitest';
import { type DrawnPath, drawingCause, EMPTY_PATH, pathOfFeature } from './drawn-path.ts';

const A: [number, number] = [10.03, 59.05];
const B: [number, number] = [10.04, 59.05];
const C: [number, number] = [10.04, 59.06];
const POINTER: [number, number] = [10.05, 59.07];

const path = (vertices: [number, number][], finished = false): DrawnPath => ({ vertices, finished });

describe('pathOfFeature', () => {
  it('leaves out the vertex that follows the pointer while a line is drawn', () => {
    const feature = {
      geometry: { type: 'LineString', coordinates: [A, B, POINTER] },
      properties: { mode: 'linestring', currentlyDrawing: true },
    };
    expect(pathOfFeature(feature)).toEqual(path([A, B]));
  });

  it('keeps every vertex of a finished line', () => {
    const feature = { geometry: { type: 'LineString', coordinates: [A, B, C] }, properties: {} };
    expect(pathOfFeature(feature)).toEqual(path([A, B, C], true));
  });

  it('takes the committed corners of a polygon being drawn', () => {
    const feature = {
      geometry: { type: 'Polygon', coordinates: [[A, B, C, POINTER, A]] },
      properties: { currentlyDrawing: true, committedCoordinateCount: 3 },
    };
    expect(pathOfFeature(feature)).toEqual(path([A, B, C]));
  });

  it('takes the one corner of a polygon just started', () => {
    const feature = {
      geometry: { type: 'Polygon', coordinates: [[A, A, A, A]] },
      properties: { currentlyDrawing: true, committedCoordinateCount: 1 },
    };
    expect(pathOfFeature(feature)).toEqual(path([A]));
  });

  it('opens the ring of a finished polygon', () => {
    const feature = { geometry: { type: 'Polygon', coordinates: [[A, B, C, A]] }, properties: {} };
    expect(pathOfFeature(feature)).toEqual(path([A, B, C], true));
  });

  it('ignores other geometries', () => {
    expect(pathOfFeature({ geometry: { type: 'Point', coordinates: A }, properties: {} })).toEqual(
      EMPTY_PATH,
    );
  });
});

describe('drawingCause', () => {
  it('sees nothing when only the pointer moved', () => {
    expect(drawingCause(path([A, B]), path([A, B]))).toBeNull();
  });

  it('tells an added vertex from a removed one', () => {
    expect(drawingCause(path([A]), path([A, B]))).toBe('added');
    expect(drawingCause(path([A, B]), path([A]))).toBe('removed');
  });

  it('tells that the shape was finished, even when the ring was turned round', () => {
    expect(drawingCause(path([A, B, C]), path([C, B, A], true))).toBe('finished');
  });

  it('tells a moved vertex of a finished shape', () => {
    expect(drawingCause(path([A, B, C], true), path([A, POINTER, C], true))).toBe('moved');
  });

  it('reads taking away the only vertex as a removal', () => {
    expect(drawingCause(path([A]), EMPTY_PATH)).toBe('removed');
    expect(drawingCause(EMPTY_PATH, EMPTY_PATH)).toBeNull();
  });
});
