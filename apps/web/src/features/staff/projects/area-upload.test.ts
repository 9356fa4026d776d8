import { describe, expect, it } from 'vitest';
import { parseAreaFile } from './area-upload.ts';

const square = [
  [
    [10, 59],
    [10.01, 59],
    [10.01, 59.01],
    [10, 59.01],
    [10, 59],
  ],
];
const polygon = { type: 'Polygon', coordinates: square };
const feature = (geometry: unknown) => ({ type: 'Feature', properties: {}, geometry });

describe('parseAreaFile', () => {
  it('reads a bare Polygon', () => {
    expect(parseAreaFile(JSON.stringify(polygon))).toEqual({ ok: true, area: polygon });
  });

  it('reads a MultiPolygon in a Feature', () => {
    const multi = { type: 'MultiPolygon', coordinates: [square] };
    expect(parseAreaFile(JSON.stringify(feature(multi)))).toEqual({ ok: true, area: multi });
  });

  it('reads a FeatureCollection of one polygon', () => {
    const collection = { type: 'FeatureCollection', features: [feature(polygon)] };
    expect(parseAreaFile(JSON.stringify(collection))).toEqual({ ok: true, area: polygon });
  });

  it('drops elevations', () => {
    const withHeight = { type: 'Polygon', coordinates: [square[0]?.map(([x, y]) => [x, y, 12])] };
    expect(parseAreaFile(JSON.stringify(withHeight))).toEqual({ ok: true, area: polygon });
  });

  it('refuses text that is not JSON', () => {
    expect(parseAreaFile('<kml/>')).toMatchObject({ ok: false, problem: 'notJson' });
  });

  it('refuses JSON that is not GeoJSON', () => {
    expect(parseAreaFile('{"name":"Torstrand"}')).toMatchObject({ ok: false, problem: 'notGeoJson' });
  });

  it('refuses a point, naming its type', () => {
    const point = feature({ type: 'Point', coordinates: [10, 59] });
    expect(parseAreaFile(JSON.stringify(point))).toEqual({
      ok: false,
      problem: 'notPolygon',
      details: { type: 'Point' },
    });
  });

  it('refuses an empty collection and one of several features', () => {
    expect(parseAreaFile('{"type":"FeatureCollection","features":[]}')).toMatchObject({
      problem: 'emptyCollection',
    });
    const two = { type: 'FeatureCollection', features: [feature(polygon), feature(polygon)] };
    expect(parseAreaFile(JSON.stringify(two))).toEqual({
      ok: false,
      problem: 'severalFeatures',
      details: { count: 2 },
    });
  });

  it('recognises projected coordinates (metres, not degrees)', () => {
    const utm = {
      type: 'Polygon',
      coordinates: [
        [
          [563000, 6545000],
          [564000, 6545000],
          [564000, 6546000],
          [563000, 6545000],
        ],
      ],
    };
    expect(parseAreaFile(JSON.stringify(utm))).toMatchObject({ ok: false, problem: 'projected' });
  });

  it('refuses a ring that does not close', () => {
    const open = { type: 'Polygon', coordinates: [square[0]?.slice(0, 4)] };
    expect(parseAreaFile(JSON.stringify(open))).toMatchObject({ ok: false, problem: 'invalidShape' });
  });

  it('refuses an outline that crosses itself', () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [10, 59],
          [10.01, 59.01],
          [10.01, 59],
          [10, 59.01],
          [10, 59],
        ],
      ],
    };
    expect(parseAreaFile(JSON.stringify(bowtie))).toMatchObject({ ok: false, problem: 'badOutline' });
  });
});
