import type { LineString, Polygon, Project } from '@nabolag/schema';
import type { ParseKeys } from 'i18next';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLat } from '../../lib/lng-lat.ts';
import {
  type DrawingChange,
  type DrawnGeometryType,
  type DrawnPath,
  samePath,
} from '../../map/drawn-path.ts';
import { ProjectMap, type ProjectMapHandle } from '../../map/project-map.tsx';
import { type DrawingAction, runDrawingAction } from '../contribute/drawing-actions.ts';
import {
  type Announcement,
  drawingAnnouncement,
  SHAPE_PROBLEM_KEYS,
} from '../contribute/drawing-announcements.ts';
import { DrawingControls } from '../contribute/drawing-controls.tsx';
import { geometryOfPath } from '../contribute/drawn-geometry.ts';

/** Taps go to the drawing, never to placing a point. */
const ignorePlace = () => undefined;

/** No other places on this map: it is about the one being reshaped (a constant, drawn once). */
const NO_CONTRIBUTIONS = [] as const;

/**
 * A stored line or area as the drawing tools hold it: its vertices in order, an area's ring
 * without the closing vertex (the first one repeated at the end), finished.
 */
export function pathOfGeometry(geometry: LineString | Polygon): DrawnPath {
  const positions =
    geometry.type === 'LineString' ? geometry.coordinates : (geometry.coordinates[0] ?? []).slice(0, -1);
  return {
    vertices: positions.map(([longitude, latitude]): LngLat => [longitude, latitude]),
    finished: true,
  };
}

/** The middle of the shape's bounding box, where the map opens. */
function middleOf(vertices: readonly LngLat[]): LngLat {
  const longitudes = vertices.map((vertex) => vertex[0]);
  const latitudes = vertices.map((vertex) => vertex[1]);
  return [
    (Math.min(...longitudes) + Math.max(...longitudes)) / 2,
    (Math.min(...latitudes) + Math.max(...latitudes)) / 2,
  ];
}

interface ReshapePlaceProps {
  project: Project;
  geometry: LineString | Polygon;
  colour: string;
  saving: boolean;
  /** The reshaped geometry, checked with `validateGeometry` of @nabolag/geo. */
  onSave: (geometry: LineString | Polygon) => void;
  onCancel: () => void;
}

/**
 * A small map for reshaping one route or area (terra-draw's select mode, see map/drawing.ts):
 * drag a point or corner; or, without a pointer, take the last one away and put it again at the
 * cross (the arrow keys move the map, Enter adds, Shift+Enter finishes — or the buttons). "Undo"
 * steps back one change, "Back to the saved shape" to what is stored. The shape is checked as
 * the server checks it before it is sent: an outline that crosses itself is refused, with why.
 */
export function ReshapePlace({ project, geometry, colour, saving, onSave, onCancel }: ReshapePlaceProps) {
  const { t } = useTranslation();
  const map = useRef<ProjectMapHandle>(null);
  const geometryType: DrawnGeometryType = geometry.type;
  const stored = useMemo(() => pathOfGeometry(geometry), [geometry]);
  const [path, setPath] = useState<DrawnPath>(stored);
  const [history, setHistory] = useState<DrawnPath[]>([]);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [refusal, setRefusal] = useState<ParseKeys | null>(null);
  const drawing = useMemo(() => ({ geometryType, path }), [geometryType, path]);
  const changed = !samePath(path, stored);
  const line = geometryType === 'LineString';
  const heading = useRef<HTMLHeadingElement>(null);

  // Open the map on the shape, at street level, rather than on the whole project; and take
  // focus from the button that opened this (now gone) to the editor's heading.
  useEffect(() => {
    map.current?.showPosition(middleOf(stored.vertices));
  }, [stored]);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  // The path now, for the history: read in callbacks that the map holds on to.
  const current = useRef(stored);
  const goTo = useCallback((next: DrawnPath) => {
    const before = current.current;
    current.current = next;
    setHistory((earlier) => [...earlier, before]);
    setPath(next);
  }, []);

  const onDrawingChange = useCallback(
    (change: DrawingChange) => {
      goTo(change.path);
      setRefusal(null);
      setAnnouncement(drawingAnnouncement(change));
    },
    [goTo],
  );

  const announce = useCallback((next: Announcement) => setAnnouncement(next), []);
  const onDrawingKey = useCallback(
    (action: DrawingAction) => runDrawingAction(action, map.current, geometryType, path.finished, announce),
    [geometryType, path.finished, announce],
  );

  // The map follows a path it did not report (see useMapDrawing): undo and reset just set it.
  const undo = () => {
    const previous = history[history.length - 1];
    if (!previous) {
      setAnnouncement({ tone: 'info', key: 'contribute.drawing.nothingToUndo' });
      return;
    }
    setHistory(history.slice(0, -1));
    current.current = previous;
    setPath(previous);
    setRefusal(null);
    setAnnouncement({ tone: 'info', key: 'me.reshapeUndone' });
  };
  const reset = () => {
    if (!changed) return;
    goTo(stored);
    setRefusal(null);
    setAnnouncement({ tone: 'info', key: 'me.reshapeReset' });
  };

  const save = () => {
    if (saving || !changed) return;
    if (!path.finished) {
      setRefusal(geometryType === 'LineString' ? 'me.reshapeFinishLine' : 'me.reshapeFinishArea');
      return;
    }
    const shape = geometryOfPath(geometryType, path);
    if (!shape.ok) {
      setRefusal(SHAPE_PROBLEM_KEYS[shape.problem]);
      return;
    }
    onSave(shape.geometry);
  };

  return (
    <div className="move-place reshape-place" data-testid="reshape-place">
      <h3 className="reshape-place__heading" ref={heading} tabIndex={-1}>
        {t(line ? 'me.reshapeLine' : 'me.reshapeArea')}
      </h3>
      <div className="move-place__map">
        <ProjectMap
          ref={map}
          project={project}
          contributions={NO_CONTRIBUTIONS}
          drawing={drawing}
          onDrawingChange={onDrawingChange}
          onDrawingKey={onDrawingKey}
          placing={false}
          draftPosition={null}
          draftColour={colour}
          onPlace={ignorePlace}
        />
      </div>
      <DrawingControls
        geometryType={geometryType}
        path={path}
        map={map}
        announce={announce}
        hint={t(line ? 'me.reshapeLineHint' : 'me.reshapeAreaHint')}
      />
      <div className="button-row">
        <button type="button" className="button" data-testid="reshape-undo" disabled={saving} onClick={undo}>
          {t('me.reshapeUndo')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="reshape-reset"
          disabled={saving}
          aria-disabled={!changed}
          onClick={reset}
        >
          {t('me.reshapeBack')}
        </button>
      </div>
      {/* Each step is said to screen readers; on screen, the drawing's state above shows it. */}
      <p className="visually-hidden" aria-live="polite">
        {announcement ? t(announcement.key, announcement.values ?? {}) : ''}
      </p>
      <p className="place-state" data-testid="reshape-state" data-changed={changed}>
        {changed ? t('me.reshapedNotSaved') : t('me.notReshaped')}
      </p>
      {/* Beside Save, where the eye is when it is pressed (the shape's problem also shows above). */}
      {refusal && (
        <p className="notice notice--error" role="alert" data-testid="reshape-refused">
          {t('me.shapeNotSaved')} {t(refusal)}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          data-testid="reshape-save"
          aria-disabled={saving || !changed}
          onClick={save}
        >
          {saving ? t('me.saving') : t('me.saveShape')}
        </button>
        <button type="button" className="button" disabled={saving} onClick={onCancel}>
          {t('me.cancel')}
        </button>
      </div>
    </div>
  );
}
