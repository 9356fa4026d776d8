import type { LngLat } from '../../lib/lng-lat.ts';
import type { DrawnGeometryType } from '../../map/drawn-path.ts';
import type { MapKeyAction } from '../../map/map-keyboard.ts';
import type { ProjectMapHandle } from '../../map/project-map.tsx';
import type { Announcement } from './drawing-announcements.ts';
import { SHAPE_PROBLEM_KEYS } from './drawing-announcements.ts';

export type DrawingAction = Exclude<MapKeyAction, 'place'>;

/**
 * Carries out a drawing action from a button or a key on the map. What changes is announced
 * when the map reports it (see `drawingAnnouncement`); here only what could not be done is said,
 * with what to do instead.
 */
export function runDrawingAction(
  action: DrawingAction,
  map: ProjectMapHandle | null,
  geometryType: DrawnGeometryType,
  finished: boolean,
  announce: (announcement: Announcement) => void,
): void {
  if (!map) return;
  switch (action) {
    case 'add-vertex':
      addVertexAt(map.centre(), map, geometryType, finished, announce);
      return;
    case 'undo':
      if (!map.undoVertex()) announce({ tone: 'info', key: 'contribute.drawing.nothingToUndo' });
      return;
    case 'finish':
      if (!map.finishDrawing()) {
        const line = geometryType === 'LineString';
        announce({
          tone: 'error',
          key: SHAPE_PROBLEM_KEYS[line ? 'line-too-short' : 'area-too-few-corners'],
        });
      }
      return;
    case 'cancel':
      map.clearDrawing();
      return;
  }
}

/** Adds a vertex at `position`, or says why none was added. */
export function addVertexAt(
  position: LngLat,
  map: ProjectMapHandle,
  geometryType: DrawnGeometryType,
  finished: boolean,
  announce: (announcement: Announcement) => void,
): void {
  if (map.addVertex(position)) return;
  const line = geometryType === 'LineString';
  if (!finished) announce({ tone: 'info', key: 'contribute.drawing.sameSpot' });
  else {
    announce({
      tone: 'info',
      key: line ? 'contribute.drawing.alreadyFinishedLine' : 'contribute.drawing.alreadyFinishedArea',
    });
  }
}
