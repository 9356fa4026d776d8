import { describe, expect, it } from 'vitest';
import type { DrawnPath } from '../../map/drawn-path.ts';
import { drawingAnnouncement } from './drawing-announcements.ts';

const SQUARE: [number, number][] = [
  [10.03, 59.05],
  [10.04, 59.05],
  [10.04, 59.06],
  [10.03, 59.06],
];
const BOW_TIE: [number, number][] = [SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3]] as [number, number][];
const path = (vertices: [number, number][], finished = false): DrawnPath => ({ vertices, finished });

describe('drawingAnnouncement', () => {
  it('counts the vertices of a route as they are added', () => {
    expect(
      drawingAnnouncement({ geometryType: 'LineString', cause: 'added', path: path(SQUARE.slice(0, 3)) }),
    ).toEqual({
      tone: 'info',
      key: 'contribute.announce.lineVertexAdded',
      values: { number: 3 },
    });
  });

  it('says how many corners are left after one is taken away', () => {
    expect(
      drawingAnnouncement({ geometryType: 'Polygon', cause: 'removed', path: path(SQUARE.slice(0, 2)) }),
    ).toEqual({
      tone: 'info',
      key: 'contribute.announce.areaCornerRemoved',
      values: { count: 2 },
    });
  });

  it('says the area is finished', () => {
    expect(
      drawingAnnouncement({ geometryType: 'Polygon', cause: 'finished', path: path(SQUARE, true) }),
    ).toMatchObject({
      tone: 'info',
      key: 'contribute.announce.areaFinished',
    });
  });

  it('says at once when a finished area crosses itself', () => {
    expect(
      drawingAnnouncement({ geometryType: 'Polygon', cause: 'finished', path: path(BOW_TIE, true) }),
    ).toEqual({
      tone: 'error',
      key: 'contribute.drawing.areaCrossesItself',
    });
  });

  it('confirms a moved corner once the outline is right again', () => {
    expect(
      drawingAnnouncement({ geometryType: 'Polygon', cause: 'moved', path: path(SQUARE, true) }),
    ).toEqual({
      tone: 'info',
      key: 'contribute.announce.areaCornerMoved',
    });
  });
});
