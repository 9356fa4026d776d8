import type { HotSpots, StaffHeatmap } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { cellCentre, cellPolygon, cellRows } from './cells.ts';

/** A square stand-in for a hexagon around `[x, y]` (closed ring, longitude/latitude). */
const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x - 1, y - 1],
      [x + 1, y - 1],
      [x + 1, y + 1],
      [x - 1, y + 1],
      [x - 1, y - 1],
    ],
  ],
});

const heatmap = (cells: Array<[string, number, number]>): StaffHeatmap => ({
  type: 'FeatureCollection',
  cell: 200,
  k: 5,
  suppressed: false,
  features: cells.map(([cell, count, participants], index) => ({
    type: 'Feature',
    id: cell,
    geometry: square(index * 10, 0),
    properties: { cell, count, participants },
  })),
});

describe('cells', () => {
  it('finds a cell centre without counting the closing corner twice', () => {
    expect(cellCentre(square(10, 59))).toEqual([10, 59]);
  });

  it('lists the busiest heatmap cells first', () => {
    const rows = cellRows({
      kind: 'heatmap',
      cells: heatmap([
        ['0,0', 2, 2],
        ['1,0', 7, 5],
        ['2,0', 7, 6],
      ]),
    });
    expect(rows.map((row) => row.cell)).toEqual(['2,0', '1,0', '0,0']);
    expect(rows[0]?.centre).toEqual([20, 0]);
  });

  it('lists only significant hot spots, strongest first', () => {
    const hotSpots: HotSpots = {
      type: 'FeatureCollection',
      cell: 200,
      rings: 1,
      features: [
        ['0,0', 1.2, 1],
        ['1,0', 0.3, 0],
        ['2,0', -2.8, -2],
        ['3,0', null, 0],
      ].map(([cell, z, value], index) => ({
        type: 'Feature' as const,
        id: cell as string,
        geometry: square(index, 0),
        properties: { cell: cell as string, count: 1, z: z as number | null, class: value as 0 },
      })),
    };
    expect(cellRows({ kind: 'hot-spots', hotSpots }).map((row) => row.cell)).toEqual(['2,0', '0,0']);
  });

  it('finds the hexagon of a selected cell, and none in a density view', () => {
    const cells = heatmap([['4,-2', 3, 3]]);
    expect(cellPolygon({ kind: 'heatmap', cells }, '4,-2')).toEqual(square(0, 0));
    expect(cellPolygon({ kind: 'heatmap', cells }, '9,9')).toBeNull();
    expect(cellPolygon({ kind: 'density', points: { points: [], total: 0 } }, '4,-2')).toBeNull();
  });
});
