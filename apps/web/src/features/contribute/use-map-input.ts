import type { Category, Project } from '@nabolag/schema';
import { type RefObject, useCallback, useMemo } from 'react';
import type { LngLat } from '../../lib/lng-lat.ts';
import type { DrawingChange } from '../../map/drawn-path.ts';
import type { ProjectMapHandle } from '../../map/project-map.tsx';
import type { MapDrawing } from '../../map/use-map-drawing.ts';
import { pathOf } from './draft.ts';
import { type DrawingAction, runDrawingAction } from './drawing-actions.ts';
import { drawingAnnouncement } from './drawing-announcements.ts';
import { effectiveGeometryType } from './drawn-geometry.ts';
import type { useContribution } from './use-contribution.ts';

/**
 * What the map is asked to do for the draft, and what it reports back: a point to place (tap,
 * drag, Enter at the crosshair), or a line or area to draw; every change is announced in the
 * status region, so that placing and drawing by keyboard or screen reader are confirmed.
 */
export function useMapInput(
  project: Project,
  category: Category | undefined,
  contribution: ReturnType<typeof useContribution>,
  map: RefObject<ProjectMapHandle | null>,
) {
  const { draft, place, draw, announce } = contribution;
  const geometryType = effectiveGeometryType(draft.geometryType, category);
  const active = project.open && category !== undefined;
  const placing = active && geometryType === 'Point';
  const drawnType = active && geometryType !== 'Point' ? geometryType : null;
  const drawnPath = drawnType ? pathOf(draft, drawnType) : null;
  const finished = drawnPath?.finished ?? false;
  const drawing: MapDrawing | null = useMemo(
    () => (drawnType && drawnPath ? { geometryType: drawnType, path: drawnPath } : null),
    [drawnType, drawnPath],
  );

  const onPlace = useCallback(
    (position: LngLat) => {
      place(position);
      announce({ tone: 'info', key: 'contribute.announce.pointPlaced' });
    },
    [place, announce],
  );

  const onDrawingChange = useCallback(
    (change: DrawingChange) => {
      draw(change.geometryType, change.path);
      announce(drawingAnnouncement(change));
    },
    [draw, announce],
  );

  const onDrawingKey = useCallback(
    (action: DrawingAction) => {
      if (drawnType) runDrawingAction(action, map.current, drawnType, finished, announce);
    },
    [drawnType, finished, map, announce],
  );

  return {
    placing,
    drawing,
    /** The point's marker shows only while a point is what is being marked. */
    draftPosition: placing ? draft.position : null,
    onPlace,
    onDrawingChange,
    onDrawingKey,
  };
}
