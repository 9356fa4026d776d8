import type { ParseKeys } from 'i18next';
import type { DrawingChange } from '../../map/drawn-path.ts';
import { geometryOfPath, type ShapeProblem } from './drawn-geometry.ts';

/** A sentence for the status region: its key, the values it takes, and how it sounds. */
export interface Announcement {
  tone: 'info' | 'error';
  key: ParseKeys;
  values?: Record<string, string | number>;
}

/** The sentence for each reason a line or area cannot be sent yet. */
export const SHAPE_PROBLEM_KEYS = {
  'no-position': 'contribute.placeFirst',
  'line-too-short': 'contribute.drawing.lineTooShort',
  'area-too-few-corners': 'contribute.drawing.areaTooFewCorners',
  'area-crosses-itself': 'contribute.drawing.areaCrossesItself',
} as const satisfies Record<ShapeProblem, ParseKeys>;

/**
 * What to say after the resident changed the drawing, by pointer or keyboard alike: the vertex
 * added or taken away (counted, so a screen-reader user can follow), that the shape is finished
 * — or, once finished or moved, what is wrong with it, so it can be put right at once.
 */
export function drawingAnnouncement(change: DrawingChange): Announcement {
  const type = change.geometryType;
  const line = type === 'LineString';
  const count = change.path.vertices.length;
  switch (change.cause) {
    case 'added':
      return {
        tone: 'info',
        key: line ? 'contribute.announce.lineVertexAdded' : 'contribute.announce.areaCornerAdded',
        values: { number: count },
      };
    case 'removed':
      return {
        tone: 'info',
        key: line ? 'contribute.announce.lineVertexRemoved' : 'contribute.announce.areaCornerRemoved',
        values: { count },
      };
    case 'cleared':
      return { tone: 'info', key: 'contribute.announce.drawingCleared' };
    case 'finished':
    case 'moved': {
      const shape = geometryOfPath(type, change.path);
      if (!shape.ok) return { tone: 'error', key: SHAPE_PROBLEM_KEYS[shape.problem] };
      if (change.cause === 'moved') {
        return {
          tone: 'info',
          key: line ? 'contribute.announce.lineVertexMoved' : 'contribute.announce.areaCornerMoved',
        };
      }
      return {
        tone: 'info',
        key: line ? 'contribute.announce.lineFinished' : 'contribute.announce.areaFinished',
        values: { count },
      };
    }
  }
}
