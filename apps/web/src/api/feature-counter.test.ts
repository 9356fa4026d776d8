import { describe, expect, it } from 'vitest';
import { featureCounter } from './feature-counter.ts';

const encoder = new TextEncoder();

/** Feeds `text` in pieces of `size` bytes and returns the last count. */
function countInPieces(format: 'geojson' | 'kml' | 'csv', text: string, size: number): number {
  const counter = featureCounter(format, null);
  if (!counter) throw new Error('no counter');
  const bytes = encoder.encode(text);
  let count = 0;
  for (let at = 0; at < bytes.length; at += size) count = counter.push(bytes.subarray(at, at + size));
  return count;
}

const geojson = [
  '{"type":"FeatureCollection","name":"x","features":[',
  '{"type":"Feature","id":"1","geometry":null,"properties":{"story":"say \\"{\\"type\\":\\"Feature\\"\\" here"}},',
  '{"type":"Feature","id":"2","geometry":null,"properties":{"story":"æøå"}}',
  ']}',
].join('\n');

describe('featureCounter', () => {
  it('counts GeoJSON features however the bytes are split, not marks inside stories', () => {
    for (const size of [1, 2, 3, 7, 16, 1000]) expect(countInPieces('geojson', geojson, size)).toBe(2);
  });

  it('counts KML placemarks', () => {
    const kml =
      '<kml><Folder><Placemark id="a"><name>&lt;Placemark</name></Placemark>\n<Placemark id="b"/></Folder></kml>';
    for (const size of [1, 5, 1000]) expect(countInPieces('kml', kml, size)).toBe(2);
  });

  it('counts CSV records, not the header nor line breaks inside quoted stories', () => {
    const csv = '\ufeffWKT,id,story\n"POINT (10 59)",1,"one\nline ""two"""\n"POINT (10 59)",2,plain\n';
    for (const size of [1, 4, 1000]) expect(countInPieces('csv', csv, size)).toBe(2);
  });

  it('has no counter for zips and binary formats', () => {
    expect(featureCounter('geojson', 'application/zip')).toBeNull();
    expect(featureCounter('gpkg', 'application/geopackage+sqlite3')).toBeNull();
    expect(featureCounter('shp', 'application/zip')).toBeNull();
  });
});
