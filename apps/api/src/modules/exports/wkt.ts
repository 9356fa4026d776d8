import type { ExportRow } from './export-columns.ts';

type Position = [number, number];

const pair = ([x, y]: Position) => `${x} ${y}`;
const ring = (positions: Position[]) => `(${positions.map(pair).join(', ')})`;

/** Well-known text of a contribution's geometry (a point, a line or a polygon with its holes). */
export function toWkt(geometry: ExportRow['geometry']): string {
  switch (geometry.type) {
    case 'Point':
      return `POINT (${pair(geometry.coordinates as Position)})`;
    case 'LineString':
      return `LINESTRING ${ring(geometry.coordinates as Position[])}`;
    case 'Polygon':
      return `POLYGON (${(geometry.coordinates as Position[][]).map(ring).join(', ')})`;
  }
}
