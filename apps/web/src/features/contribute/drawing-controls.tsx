import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawnGeometryType, DrawnPath } from '../../map/drawn-path.ts';
import type { ProjectMapHandle } from '../../map/project-map.tsx';
import { type DrawingAction, runDrawingAction } from './drawing-actions.ts';
import { type Announcement, SHAPE_PROBLEM_KEYS } from './drawing-announcements.ts';
import { geometryOfPath } from './drawn-geometry.ts';

interface DrawingControlsProps {
  geometryType: DrawnGeometryType;
  path: DrawnPath;
  map: RefObject<ProjectMapHandle | null>;
  announce: (announcement: Announcement) => void;
  /** Instead of how to draw the shape: e.g. how to reshape one already drawn ("My places"). */
  hint?: string;
}

/**
 * Drawing a route or an area: how to do it by touch, buttons for every step (so neither a
 * pointer nor the map's own keys are needed), and where the drawing stands.
 */
export function DrawingControls({ geometryType, path, map, announce, hint }: DrawingControlsProps) {
  const { t } = useTranslation();
  const line = geometryType === 'LineString';
  const count = path.vertices.length;
  const run = (action: DrawingAction) =>
    runDrawingAction(action, map.current, geometryType, path.finished, announce);
  const shape = path.finished ? geometryOfPath(geometryType, path) : null;

  let progress: string;
  if (count === 0) progress = t('contribute.drawing.nothingYet');
  else if (path.finished)
    progress = t(line ? 'contribute.drawing.lineDone' : 'contribute.drawing.areaDone', { count });
  else progress = t(line ? 'contribute.drawing.lineProgress' : 'contribute.drawing.areaProgress', { count });

  return (
    <>
      <p className="field__hint">
        {hint ?? t(line ? 'contribute.drawLineInstructions' : 'contribute.drawAreaInstructions')}
      </p>
      <div className="button-row">
        <button type="button" className="button" data-testid="add-vertex" onClick={() => run('add-vertex')}>
          <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M10 1v6M10 13v6M1 10h6M13 10h6" stroke="currentColor" strokeWidth="2" fill="none" />
          </svg>
          {t(line ? 'contribute.addLineVertex' : 'contribute.addAreaCorner')}
        </button>
        <button type="button" className="button" data-testid="finish-drawing" onClick={() => run('finish')}>
          <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M3 10.5l4.5 4.5L17 5.5" stroke="currentColor" strokeWidth="2.2" fill="none" />
          </svg>
          {t('contribute.finishDrawing')}
        </button>
      </div>
      <div className="button-row drawing-controls__secondary">
        <button
          type="button"
          className="button button--quiet"
          data-testid="undo-vertex"
          onClick={() => run('undo')}
        >
          {t(line ? 'contribute.undoVertex' : 'contribute.undoCorner')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          data-testid="clear-drawing"
          onClick={() => run('cancel')}
        >
          {t('contribute.clearDrawing')}
        </button>
        <button
          type="button"
          className="button button--quiet for-keyboards"
          data-testid="focus-map"
          onClick={() => map.current?.focus()}
        >
          {t('contribute.moveMapWithKeyboard')}
        </button>
      </div>
      <p
        className={path.finished && shape?.ok ? 'place-state is-placed' : 'place-state'}
        data-testid="drawing-state"
        data-vertices={count}
        data-finished={path.finished}
      >
        {progress}
      </p>
      {shape && !shape.ok && (
        <p className="notice notice--error" data-testid="drawing-problem">
          {t(SHAPE_PROBLEM_KEYS[shape.problem])}
        </p>
      )}
    </>
  );
}
