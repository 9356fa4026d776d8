import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  type HexColor,
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  type TerraDrawMouseEvent,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { LngLat } from '../lib/lng-lat.ts';
import {
  type DrawingCause,
  type DrawingChange,
  type DrawnGeometryType,
  type DrawnPath,
  drawingCause,
  EMPTY_PATH,
  MIN_VERTICES,
  pathOfFeature,
  samePath,
} from './drawn-path.ts';

/**
 * Drawing a line or an area on the map, by pointer (terra-draw: tap or click each vertex, tap
 * the last vertex of a line or the first or last corner of an area to finish, drag the vertices
 * of a finished shape) or from code (the keyboard's crosshair, a search result). The feature
 * code sees this interface only; terra-draw and the map stay in this folder.
 */
export interface DrawingController {
  /**
   * Adds a vertex at `position` (`[longitude, latitude]`, degrees), even where a tap would
   * finish the shape (a keyboard user finishes on purpose). `false` when nothing was added: the
   * shape is finished, or the last vertex is already there.
   */
  addVertex(position: LngLat): boolean;
  /** Takes away the last vertex; a finished shape opens again for drawing. */
  undo(): boolean;
  /** Ends the drawing; `false` while it has too few vertices (a line 2, an area 3). */
  finish(): boolean;
  /** Removes what was drawn and starts again. */
  clear(): void;
  /** What is drawn now. */
  path(): DrawnPath;
  /** Shows `next` instead of what is drawn, without reporting it (the page changed its copy). */
  replace(next: DrawnPath): void;
  setColour(colour: string): void;
  /** Removes the drawing's layers and listeners; call before the map is removed or restyled. */
  destroy(): void;
}

export interface DrawingOptions {
  geometryType: DrawnGeometryType;
  /** The category's colour, `#rrggbb`. */
  colour: string;
  /** A drawing to show at the start, e.g. one kept while the map was rebuilt for a new language. */
  initial: DrawnPath;
  onChange(change: DrawingChange): void;
}

/** Source and layer ids of the drawing start with this (`nabolag-drawing-polygon`, …). */
export const DRAWING_PREFIX = 'nabolag-drawing';
/** Decimal places kept of each coordinate: 7 is about a centimetre. */
const PRECISION = 7;
/** A vertex replayed from code must never land on a closing vertex: put its "pixel" far away. */
const FAR_AWAY_PX = -1_000_000;
const SELECT_MODE = 'select';
const FALLBACK_COLOUR: HexColor = '#1d4f91';
const WHITE: HexColor = '#ffffff';

const hex = (colour: string): HexColor =>
  /^#[0-9a-fA-F]{6}$/.test(colour) ? (colour as HexColor) : FALLBACK_COLOUR;
const rounded = (value: number) => Number(value.toFixed(PRECISION));

// Vertices are drawn as large dots with a white ring: easy to see on any basemap and easy to
// hit with a finger (terra-draw takes any touch within 40 px of a vertex).
const lineStyles = (colour: HexColor) => ({
  lineStringColor: colour,
  lineStringWidth: 4,
  closingPointColor: colour,
  closingPointWidth: 8,
  closingPointOutlineColor: WHITE,
  closingPointOutlineWidth: 2,
  coordinatePointColor: colour,
  coordinatePointWidth: 6,
  coordinatePointOutlineColor: WHITE,
  coordinatePointOutlineWidth: 2,
});

const polygonStyles = (colour: HexColor) => ({
  fillColor: colour,
  fillOpacity: 0.25,
  outlineColor: colour,
  outlineWidth: 3,
  closingPointColor: colour,
  closingPointWidth: 8,
  closingPointOutlineColor: WHITE,
  closingPointOutlineWidth: 2,
  coordinatePointColor: colour,
  coordinatePointWidth: 6,
  coordinatePointOutlineColor: WHITE,
  coordinatePointOutlineWidth: 2,
});

const selectStyles = (colour: HexColor) => ({
  selectedLineStringColor: colour,
  selectedLineStringWidth: 4,
  selectedPolygonColor: colour,
  selectedPolygonFillOpacity: 0.3,
  selectedPolygonOutlineColor: colour,
  selectedPolygonOutlineWidth: 3,
  selectionPointColor: colour,
  selectionPointWidth: 9,
  selectionPointOutlineColor: WHITE,
  selectionPointOutlineWidth: 3,
});

/** Only the vertices of the resident's one shape can be moved: no new shapes, no midpoints. */
const editableVertices = {
  feature: { draggable: false, coordinates: { draggable: true, midpoints: false } },
};

/** Starts drawing on a loaded map. */
export function createDrawing(map: MapLibreMap, options: DrawingOptions): DrawingController {
  const colour = hex(options.colour);
  const lineMode = new TerraDrawLineStringMode({
    keyEvents: null,
    showCoordinatePoints: true,
    styles: lineStyles(colour),
  });
  const polygonMode = new TerraDrawPolygonMode({
    keyEvents: null,
    showCoordinatePoints: true,
    styles: polygonStyles(colour),
  });
  const selectMode = new TerraDrawSelectMode({
    keyEvents: null,
    allowManualSelection: false,
    allowManualDeselection: false,
    flags: { [lineMode.mode]: editableVertices, [polygonMode.mode]: editableVertices },
    styles: selectStyles(colour),
  });
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({
      map,
      prefixId: DRAWING_PREFIX,
      coordinatePrecision: PRECISION,
    }),
    modes: [lineMode, polygonMode, selectMode],
    undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
  });
  const drawMode = options.geometryType === 'LineString' ? lineMode : polygonMode;

  let path: DrawnPath = EMPTY_PATH;
  /** While the controller itself rebuilds the shape, the steps are not reported one by one. */
  let quiet = false;
  let destroyed = false;

  const readPath = (): DrawnPath => {
    const shape = draw
      .getSnapshot()
      .find((feature) => feature.geometry.type === 'LineString' || feature.geometry.type === 'Polygon');
    return shape ? pathOfFeature(shape) : EMPTY_PATH;
  };

  const report = (cause?: DrawingCause) => {
    if (quiet) return;
    const next = readPath();
    const derived = drawingCause(path, next);
    path = next;
    // A given cause names what happened; the derived one says whether anything visible changed.
    const told: DrawingCause | null =
      cause === 'cleared' ? cause : derived === null ? null : (cause ?? derived);
    if (told) options.onChange({ geometryType: options.geometryType, path: next, cause: told });
  };

  /**
   * A vertex put down from code goes through the same steps as a tap: the pointer moves there,
   * then clicks (terra-draw has no call to add a vertex; these are the mode's own handlers, which
   * the adapter calls for every tap). `atPixel: false` keeps it from counting as a tap on a
   * closing vertex, so a keyboard user finishes only on purpose.
   */
  const putVertex = (position: LngLat, atPixel: boolean) => {
    const [lng, lat] = [rounded(position[0]), rounded(position[1])];
    const pixel = atPixel ? map.project([lng, lat]) : { x: FAR_AWAY_PX, y: FAR_AWAY_PX };
    const event: TerraDrawMouseEvent = {
      lng,
      lat,
      containerX: pixel.x,
      containerY: pixel.y,
      button: 'left',
      heldKeys: [],
      isContextMenu: false,
    };
    drawMode.onMouseMove(event);
    drawMode.onClick(event);
  };

  const selectShape = (id: string | number) => {
    draw.setMode(SELECT_MODE);
    draw.selectFeature(id);
  };

  /** Replaces whatever is drawn with `next`, without reporting the steps. */
  const restore = (next: DrawnPath) => {
    quiet = true;
    try {
      draw.clear();
      if (draw.getMode() !== drawMode.mode) draw.setMode(drawMode.mode);
      if (next.finished && next.vertices.length >= MIN_VERTICES[options.geometryType]) {
        const vertices = next.vertices.map(([lng, lat]): LngLat => [rounded(lng), rounded(lat)]);
        const id = draw.getFeatureId();
        const geometry =
          options.geometryType === 'LineString'
            ? { type: 'LineString' as const, coordinates: vertices }
            : { type: 'Polygon' as const, coordinates: [[...vertices, vertices[0] as LngLat]] };
        const [added] = draw.addFeatures([
          { id, type: 'Feature', geometry, properties: { mode: drawMode.mode } },
        ]);
        if (added?.valid) selectShape(id);
      } else {
        for (const vertex of next.vertices) putVertex(vertex, false);
      }
    } finally {
      quiet = false;
    }
  };

  draw.on('change', () => {
    // Moving a vertex of a finished shape is reported once, when the drag ends.
    if (draw.getMode() !== SELECT_MODE) report();
  });
  draw.on('finish', (id, context) => {
    if (quiet) return;
    if (context.action === 'draw') {
      // One shape per contribution: from now on its vertices can be moved, nothing new drawn.
      selectShape(id);
      report('finished');
    } else if (context.action === 'dragCoordinate') {
      report('moved');
    }
  });

  draw.start();
  draw.setMode(drawMode.mode);
  // The initial drawing is not news: reporting starts from it.
  if (options.initial.vertices.length > 0) restore(options.initial);
  path = readPath();

  return {
    addVertex(position) {
      if (destroyed || draw.getMode() !== drawMode.mode) return false;
      const before = path.vertices.length;
      putVertex(position, false);
      return path.vertices.length > before;
    },
    undo() {
      if (destroyed || path.vertices.length === 0) return false;
      if (path.finished) {
        restore({ vertices: path.vertices.slice(0, -1), finished: false });
        report('removed');
        return true;
      }
      return draw.undo();
    },
    finish() {
      if (destroyed) return false;
      if (path.finished) return true;
      if (path.vertices.length < MIN_VERTICES[options.geometryType]) return false;
      // Finishing is a tap on the closing vertex: the last of a line, the first of an area.
      const closing =
        options.geometryType === 'LineString' ? path.vertices[path.vertices.length - 1] : path.vertices[0];
      if (closing) putVertex(closing, true);
      return path.finished;
    },
    clear() {
      if (destroyed) return;
      restore(EMPTY_PATH);
      report('cleared');
    },
    path: () => path,
    replace(next) {
      if (destroyed || samePath(path, next)) return;
      restore(next);
      path = readPath();
    },
    setColour(next) {
      if (destroyed) return;
      const value = hex(next);
      draw.setModeStyles(lineMode.mode, lineStyles(value));
      draw.setModeStyles(polygonMode.mode, polygonStyles(value));
      draw.setModeStyles(SELECT_MODE, selectStyles(value));
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      draw.stop();
    },
  };
}
