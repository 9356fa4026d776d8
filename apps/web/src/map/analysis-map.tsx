import 'maplibre-gl/dist/maplibre-gl.css';
import './project-map.css';
import { type Project, pickText, type StorySummary } from '@nabolag/schema';
import { AttributionControl, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection } from '../i18n/language.ts';
import {
  type AnalysisDisplay,
  CELL_LAYER_IDS,
  displayedCount,
  drawAnalysisDisplay,
  drawSelectedCell,
  drawStoryPins,
  STORY_PINS_LAYER_ID,
} from './analysis-layers.ts';
import { fetchBasemapStyle } from './basemap-style.ts';
import { mapLocale, reportMapError } from './map-options.ts';
import { configureMapLibreWorker } from './maplibre-worker.ts';
import { buildStyle, contributionCollection } from './style.ts';
import type { StyleSpecification } from './style-types.ts';
import { exposeMapForTests } from './test-hook.ts';

type CellPolygon = { type: 'Polygon'; coordinates: number[][][] };

export interface AnalysisMapProps {
  project: Project;
  /** What to draw; `null` while it loads (the previous drawing stays until then). */
  display: AnalysisDisplay | null;
  /** The hexagon of the selected cell, outlined. */
  selectedCell: CellPolygon | null;
  /** Story pins (clickable), or none. */
  pins: readonly StorySummary[];
  selectedPin: string | null;
  /** A click on a cell: its `q,r` id and hexagon. */
  onSelectCell: (cell: string, polygon: CellPolygon) => void;
  /** A click on a story pin: the contribution's id. */
  onSelectPin: (id: string) => void;
}

/** Pixels around a tap that still count as hitting a pin. */
const HIT_TOLERANCE_PX = 8;
const FIT_PADDING_PX = 24;

/** A basemap and the project area, for the planner's analysis layers (see analysis-layers.ts). */
export function analysisStyle(project: Project, basemapStyle: StyleSpecification | null) {
  return buildStyle({
    basemap: project.basemap,
    basemapStyle,
    area: project.area,
    categories: project.categories,
    contributions: contributionCollection([]),
  });
}

/**
 * The planner's analysis map: heatmap cells, kernel density, hot spots or a comparison, with
 * the selected cell outlined and story pins on top. A click on a cell or pin selects it; the
 * page offers the same as a list for keyboard and screen-reader users.
 */
export function AnalysisMap({
  project,
  display,
  selectedCell,
  pins,
  selectedPin,
  onSelectCell,
  onSelectPin,
}: AnalysisMapProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const containerRef = useRef<HTMLDivElement>(null);
  const [loadedMap, setLoadedMap] = useState<MapLibreMap | null>(null);
  const [drawn, setDrawn] = useState<number | null>(null);
  const latest = useRef({ display, selectedCell, pins, selectedPin, onSelectCell, onSelectPin });
  useLayoutEffect(() => {
    latest.current = { display, selectedCell, pins, selectedPin, onSelectCell, onSelectPin };
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    configureMapLibreWorker();
    const rtl = textDirection(language) === 'rtl';
    const map = new MapLibreMap({
      container,
      style: analysisStyle(project, null),
      bounds: project.bounds,
      fitBoundsOptions: { padding: FIT_PADDING_PX },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      locale: mapLocale(t, pickText(project.title, language)),
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), rtl ? 'top-left' : 'top-right');
    map.addControl(new AttributionControl(), rtl ? 'bottom-left' : 'bottom-right');
    const hideFromTests = exposeMapForTests(map);
    map.on('error', reportMapError);
    map.on('load', () => setLoadedMap(map));

    const redraw = () => {
      const current = latest.current;
      if (current.display) drawAnalysisDisplay(map, current.display);
      drawSelectedCell(map, current.selectedCell);
      drawStoryPins(map, current.pins, project.categories, current.selectedPin);
    };

    map.on('click', (event) => {
      const { x, y } = event.point;
      const box: [[number, number], [number, number]] = [
        [x - HIT_TOLERANCE_PX, y - HIT_TOLERANCE_PX],
        [x + HIT_TOLERANCE_PX, y + HIT_TOLERANCE_PX],
      ];
      if (map.getLayer(STORY_PINS_LAYER_ID)) {
        const [pin] = map.queryRenderedFeatures(box, { layers: [STORY_PINS_LAYER_ID] });
        if (pin && typeof pin.properties.id === 'string') {
          latest.current.onSelectPin(pin.properties.id);
          return;
        }
      }
      const layers = CELL_LAYER_IDS.filter((id) => map.getLayer(id));
      if (layers.length === 0) return;
      const [cell] = map.queryRenderedFeatures(event.point, { layers });
      if (cell && typeof cell.properties.cell === 'string' && cell.geometry.type === 'Polygon')
        latest.current.onSelectCell(cell.properties.cell, cell.geometry as CellPolygon);
    });
    const canvas = map.getCanvas();
    const pointer = () => {
      canvas.style.cursor = 'pointer';
    };
    const plain = () => {
      canvas.style.cursor = '';
    };
    for (const layer of [...CELL_LAYER_IDS, STORY_PINS_LAYER_ID]) {
      map.on('mouseenter', layer, pointer);
      map.on('mouseleave', layer, plain);
    }
    const forwardFocus = (event: FocusEvent) => {
      if (event.target === container) canvas.focus();
    };
    container.addEventListener('focus', forwardFocus);
    canvas.setAttribute('aria-describedby', 'analysis-map-hint');

    const abort = new AbortController();
    if (project.basemap.kind === 'style') {
      void fetchBasemapStyle(project.basemap.url, abort.signal).then((basemapStyle) => {
        if (!basemapStyle || abort.signal.aborted) return;
        map.once('style.load', redraw);
        map.setStyle(analysisStyle(project, basemapStyle), { diff: false });
      });
    }
    return () => {
      abort.abort();
      container.removeEventListener('focus', forwardFocus);
      hideFromTests();
      map.remove();
      setLoadedMap(null);
      setDrawn(null);
    };
  }, [project, language, t]);

  useEffect(() => {
    if (!loadedMap || !display) return;
    drawAnalysisDisplay(loadedMap, display);
    setDrawn(displayedCount(display));
  }, [loadedMap, display]);

  useEffect(() => {
    if (loadedMap) drawSelectedCell(loadedMap, selectedCell);
  }, [loadedMap, selectedCell]);

  useEffect(() => {
    if (loadedMap) drawStoryPins(loadedMap, pins, project.categories, selectedPin);
  }, [loadedMap, pins, selectedPin, project.categories]);

  return (
    <div className="project-map analysis-map">
      <div
        ref={containerRef}
        className="project-map__map"
        data-testid="map"
        data-map-loaded={drawn !== null ? 'true' : 'false'}
        data-display={display?.kind}
        data-drawn={drawn ?? undefined}
        tabIndex={-1}
      />
      <p id="analysis-map-hint" className="visually-hidden">
        {t('staff.analysis.mapHint')}
      </p>
    </div>
  );
}
