import 'maplibre-gl/dist/maplibre-gl.css';
import './area-editor.css';
import type { AreaGeometry, Basemap, BBox } from '@nabolag/schema';
import {
  AttributionControl,
  type GeoJSONSource,
  type MapLayerMouseEvent,
  type MapLayerTouchEvent,
  Map as MapLibreMap,
  type MapMouseEvent,
  type MapTouchEvent,
  NavigationControl,
} from 'maplibre-gl';
import type { LngLat } from '../lib/lng-lat.ts';
import { reportMapError } from './map-options.ts';
import { configureMapLibreWorker } from './maplibre-worker.ts';
import { MAP_COLOURS } from './style.ts';
import type { LayerSpecification, StyleSpecification } from './style-types.ts';

/**
 * A small editor for a project's area: one outline drawn corner by corner. Click (or tap) the map
 * to add a corner after the last one, drag a corner to move it, drag or click the dot halfway
 * along an edge to add a corner there, right-click a corner to remove it. With the keyboard:
 * arrow keys pan, Enter adds a corner at the map's centre (the crosshair), Ctrl+Z undoes.
 *
 * The editor holds no state of its own beyond a drag in progress: it reports each change
 * (`onAdd`, `onMove`, `onInsert`, `onRemove`) and draws what `setArea` gives it, so undo and
 * validation stay with the page. Positions are `[longitude, latitude]` in degrees.
 */

export interface AreaEditorOptions {
  container: HTMLElement;
  basemap: Basemap;
  /** The outline's corners, without the closing one. */
  vertices: readonly LngLat[];
  /** An area shown but not editable corner by corner (a MultiPolygon, a polygon with holes). */
  fixedArea: AreaGeometry | null;
  /** What to show when nothing is drawn yet: `[west, south, east, north]` in degrees. */
  initialBounds: BBox;
  /** MapLibre's control texts and the map's accessible name (`Map.Title`), translated. */
  locale: Record<string, string>;
  onAdd(position: LngLat): void;
  /** A corner dragged to a new place (reported once, when the drag ends). */
  onMove(index: number, position: LngLat): void;
  /** A corner added between two others, at `index` in the new list. */
  onInsert(index: number, position: LngLat): void;
  onRemove(index: number): void;
  onUndo(): void;
}

export interface AreaEditor {
  /** Resolves once the map has loaded its style. */
  loaded: Promise<void>;
  setArea(vertices: readonly LngLat[], fixedArea: AreaGeometry | null): void;
  setBasemap(basemap: Basemap): void;
  /** Moves the camera to show the whole area (or the initial bounds when there is none). */
  fitToArea(): void;
  /** The map's centre, where the crosshair is. */
  centre(): LngLat;
  focus(): void;
  destroy(): void;
}

const SOURCES = {
  basemap: 'basemap',
  shape: 'area-shape',
  vertices: 'area-vertices',
  midpoints: 'area-midpoints',
};
const LAYERS = {
  background: 'background',
  basemap: 'basemap',
  fill: 'area-fill',
  line: 'area-line',
  midpoints: 'area-midpoints',
  vertices: 'area-vertices',
};

/** Pixels around a pointer that still hit a corner: fingers are not pointers. */
const HIT_TOLERANCE_PX = 10;
/** A click this soon after a drag ended belongs to the drag, in milliseconds. */
const CLICK_AFTER_DRAG_MS = 300;
/** Space kept around the area when the camera fits it, in pixels. */
const FIT_PADDING_PX = 40;

type Feature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, unknown>>;
const collection = (features: Feature[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});

function shapeFeatures(vertices: readonly LngLat[], fixedArea: AreaGeometry | null): Feature[] {
  const features: Feature[] = [];
  if (fixedArea) features.push({ type: 'Feature', properties: {}, geometry: fixedArea });
  if (vertices.length >= 3) {
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...vertices, vertices[0] as LngLat]] },
    });
  } else if (vertices.length === 2) {
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: [...vertices] },
    });
  }
  return features;
}

const vertexFeatures = (vertices: readonly LngLat[]): Feature[] =>
  vertices.map((vertex, index) => ({
    type: 'Feature',
    properties: { index, first: index === 0 },
    geometry: { type: 'Point', coordinates: vertex },
  }));

/** A dot halfway along each edge (the closing edge too, once there is an area). */
function midpointFeatures(vertices: readonly LngLat[]): Feature[] {
  if (vertices.length < 2) return [];
  const edges = vertices.length >= 3 ? vertices.length : 1;
  return Array.from({ length: edges }, (_, index) => {
    const from = vertices[index] as LngLat;
    const to = vertices[(index + 1) % vertices.length] as LngLat;
    return {
      type: 'Feature',
      properties: { after: index },
      geometry: { type: 'Point', coordinates: [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2] },
    };
  });
}

function boundsOfPositions(positions: readonly LngLat[]): [LngLat, LngLat] | null {
  if (positions.length === 0) return null;
  const longitudes = positions.map((position) => position[0]);
  const latitudes = positions.map((position) => position[1]);
  return [
    [Math.min(...longitudes), Math.min(...latitudes)],
    [Math.max(...longitudes), Math.max(...latitudes)],
  ];
}

const fixedPositions = (area: AreaGeometry | null): LngLat[] =>
  area
    ? (area.type === 'Polygon' ? area.coordinates : area.coordinates.flat())
        .flat()
        .map(([longitude, latitude]) => [longitude, latitude] as LngLat)
    : [];

function basemapLayers(basemap: Basemap): Pick<StyleSpecification, 'sources' | 'layers'> {
  // A `style` basemap is not fetched here: the outline is drawn on the plain background.
  if (basemap.kind !== 'raster') return { sources: {}, layers: [] };
  return {
    sources: {
      [SOURCES.basemap]: {
        type: 'raster',
        tiles: basemap.tiles,
        tileSize: basemap.tileSize,
        maxzoom: basemap.maxZoom,
        attribution: basemap.attribution,
      },
    },
    layers: [{ id: LAYERS.basemap, type: 'raster', source: SOURCES.basemap }],
  };
}

function buildEditorStyle(basemap: Basemap): StyleSpecification {
  const base = basemapLayers(basemap);
  const empty = { type: 'geojson' as const, data: collection([]) };
  const layers: LayerSpecification[] = [
    { id: LAYERS.background, type: 'background', paint: { 'background-color': MAP_COLOURS.background } },
    ...base.layers,
    {
      id: LAYERS.fill,
      type: 'fill',
      source: SOURCES.shape,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': MAP_COLOURS.area, 'fill-opacity': 0.15 },
    },
    {
      id: LAYERS.line,
      type: 'line',
      source: SOURCES.shape,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': MAP_COLOURS.area, 'line-width': 2.5 },
    },
    {
      id: LAYERS.midpoints,
      type: 'circle',
      source: SOURCES.midpoints,
      paint: {
        'circle-radius': 5,
        'circle-color': MAP_COLOURS.outline,
        'circle-stroke-color': MAP_COLOURS.area,
        'circle-stroke-width': 2,
      },
    },
    {
      id: LAYERS.vertices,
      type: 'circle',
      source: SOURCES.vertices,
      paint: {
        // The first corner is larger: the outline closes back to it.
        'circle-radius': ['case', ['get', 'first'], 9, 7],
        'circle-color': MAP_COLOURS.area,
        'circle-stroke-color': MAP_COLOURS.outline,
        'circle-stroke-width': 2,
      },
    },
  ];
  return {
    version: 8,
    sources: {
      ...base.sources,
      [SOURCES.shape]: empty,
      [SOURCES.midpoints]: empty,
      [SOURCES.vertices]: empty,
    },
    layers,
  };
}

const toLngLat = (position: { lng: number; lat: number }): LngLat => [position.lng, position.lat];

/** Makes the editor in `options.container`. Call `destroy` when the container goes. */
export function createAreaEditor(options: AreaEditorOptions): AreaEditor {
  configureMapLibreWorker();
  let vertices: LngLat[] = [...options.vertices];
  let fixedArea = options.fixedArea;
  let basemap = options.basemap;

  const map = new MapLibreMap({
    container: options.container,
    style: buildEditorStyle(basemap),
    bounds: options.initialBounds,
    fitBoundsOptions: { padding: FIT_PADDING_PX },
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    // A quick second click adds a corner; it must not zoom.
    doubleClickZoom: false,
    locale: options.locale,
  });
  options.container.classList.add('area-editor');
  const crosshair = document.createElement('div');
  crosshair.className = 'area-editor__crosshair';
  crosshair.setAttribute('aria-hidden', 'true');
  options.container.append(crosshair);
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new AttributionControl(), 'bottom-right');
  map.on('error', reportMapError);

  let isLoaded = false;
  const loaded = new Promise<void>((resolve) => {
    map.on('load', () => {
      isLoaded = true;
      draw();
      resolve();
    });
  });

  function draw(current: readonly LngLat[] = vertices) {
    if (!isLoaded) return;
    (map.getSource(SOURCES.shape) as GeoJSONSource | undefined)?.setData(
      collection(shapeFeatures(current, fixedArea)),
    );
    (map.getSource(SOURCES.vertices) as GeoJSONSource | undefined)?.setData(
      collection(vertexFeatures(current)),
    );
    (map.getSource(SOURCES.midpoints) as GeoJSONSource | undefined)?.setData(
      collection(midpointFeatures(current)),
    );
  }

  function hit(point: { x: number; y: number }, layer: string) {
    if (!map.getLayer(layer)) return undefined;
    return map.queryRenderedFeatures(
      [
        [point.x - HIT_TOLERANCE_PX, point.y - HIT_TOLERANCE_PX],
        [point.x + HIT_TOLERANCE_PX, point.y + HIT_TOLERANCE_PX],
      ],
      { layers: [layer] },
    )[0];
  }

  // A drag in progress: a corner moved, or a new corner pulled out of an edge's midpoint.
  let drag: { kind: 'move' | 'insert'; index: number; position: LngLat; moved: boolean } | null = null;
  let ignoreClicksUntil = 0;
  const canvas = map.getCanvas();

  function startDrag(kind: 'move' | 'insert', index: number, position: LngLat) {
    drag = { kind, index, position, moved: false };
    canvas.classList.add('is-dragging');
  }

  function dragTo(position: LngLat) {
    if (!drag) return;
    drag.position = position;
    drag.moved = true;
    const preview = [...vertices];
    if (drag.kind === 'move') preview[drag.index] = position;
    else preview.splice(drag.index, 0, position);
    draw(preview);
  }

  function endDrag() {
    if (!drag) return;
    const finished = drag;
    drag = null;
    canvas.classList.remove('is-dragging');
    ignoreClicksUntil = performance.now() + CLICK_AFTER_DRAG_MS;
    if (finished.kind === 'insert') options.onInsert(finished.index, finished.position);
    else if (finished.moved) options.onMove(finished.index, finished.position);
    else draw();
  }

  const onGrab = (event: MapLayerMouseEvent | MapLayerTouchEvent) => {
    if ('points' in event && event.points.length !== 1) return;
    const feature = event.features?.[0];
    if (!feature) return;
    // Keeps MapLibre from panning the map while a corner is dragged.
    event.preventDefault();
    if (feature.layer.id === LAYERS.vertices) {
      const index = Number(feature.properties.index);
      const vertex = vertices[index];
      if (vertex) startDrag('move', index, vertex);
    } else {
      const after = Number(feature.properties.after);
      startDrag('insert', after + 1, toLngLat(event.lngLat));
    }
  };
  const onPointerMove = (event: MapMouseEvent | MapTouchEvent) => {
    if (drag) dragTo(toLngLat(event.lngLat));
  };

  map.on('mousedown', LAYERS.vertices, onGrab);
  map.on('mousedown', LAYERS.midpoints, onGrab);
  map.on('touchstart', LAYERS.vertices, onGrab);
  map.on('touchstart', LAYERS.midpoints, onGrab);
  map.on('mousemove', onPointerMove);
  map.on('touchmove', onPointerMove);
  map.on('mouseup', endDrag);
  // A button released outside the map ends the drag too.
  window.addEventListener('mouseup', endDrag);
  map.on('touchend', endDrag);
  map.on('touchcancel', endDrag);

  map.on('click', (event) => {
    if (performance.now() < ignoreClicksUntil) return;
    if (hit(event.point, LAYERS.vertices)) return;
    const midpoint = hit(event.point, LAYERS.midpoints);
    if (midpoint) {
      options.onInsert(Number(midpoint.properties.after) + 1, toLngLat(event.lngLat));
      return;
    }
    options.onAdd(toLngLat(event.lngLat.wrap()));
  });

  map.on('contextmenu', (event) => {
    const corner = hit(event.point, LAYERS.vertices);
    if (!corner) return;
    event.preventDefault();
    options.onRemove(Number(corner.properties.index));
  });

  for (const layer of [LAYERS.vertices, LAYERS.midpoints]) {
    map.on('mouseenter', layer, () => canvas.classList.add('is-over-handle'));
    map.on('mouseleave', layer, () => canvas.classList.remove('is-over-handle'));
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      options.onAdd(toLngLat(map.getCenter().wrap()));
    } else if (event.key.toLowerCase() === 'z' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      options.onUndo();
    }
  };
  canvas.addEventListener('keydown', onKeyDown);

  function fitToArea() {
    const bounds = boundsOfPositions([...vertices, ...fixedPositions(fixedArea)]);
    if (bounds && (vertices.length >= 2 || fixedArea)) {
      map.fitBounds(bounds, { padding: FIT_PADDING_PX, maxZoom: 17, animate: false });
    } else {
      map.fitBounds(options.initialBounds, { padding: FIT_PADDING_PX, animate: false });
    }
  }
  if (vertices.length >= 2 || fixedArea) fitToArea();

  return {
    loaded,
    setArea(nextVertices, nextFixedArea) {
      vertices = [...nextVertices];
      fixedArea = nextFixedArea;
      if (!drag) draw();
    },
    setBasemap(next) {
      if (JSON.stringify(next) === JSON.stringify(basemap)) return;
      basemap = next;
      void loaded.then(() => {
        if (basemap !== next) return; // a later change won
        if (map.getLayer(LAYERS.basemap)) map.removeLayer(LAYERS.basemap);
        if (map.getSource(SOURCES.basemap)) map.removeSource(SOURCES.basemap);
        const base = basemapLayers(next);
        for (const [id, source] of Object.entries(base.sources)) map.addSource(id, source);
        for (const layer of base.layers) map.addLayer(layer, LAYERS.fill);
      });
    },
    fitToArea,
    centre: () => toLngLat(map.getCenter().wrap()),
    focus: () => canvas.focus(),
    destroy() {
      canvas.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('mouseup', endDrag);
      map.remove();
      crosshair.remove();
      options.container.classList.remove('area-editor');
    },
  };
}
