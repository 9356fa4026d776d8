import 'maplibre-gl/dist/maplibre-gl.css';
import './project-map.css';
import type {
  HeatmapCollection,
  Project,
  PublicContributionFeature,
  PublicReferenceLayer,
} from '@nabolag/schema';
import { pickText, projectTextFallback } from '@nabolag/schema/plain';
import {
  AttributionControl,
  LngLat as LngLatClass,
  type MapGeoJSONFeature,
  type LngLat as MapLibreLngLat,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  Popup,
} from 'maplibre-gl';
import { type Ref, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageIsInteractive } from '../api/schemas.ts';
import { formatDay } from '../i18n/format.ts';
import { textDirection } from '../i18n/language.ts';
import type { LngLat } from '../lib/lng-lat.ts';
import { fetchBasemapStyle } from './basemap-style.ts';
import {
  drawContributions,
  drawRecentContributions,
  setContributionTiles,
  whenSourceDrawn,
} from './draw-contributions.ts';
import type { DrawingChange } from './drawn-path.ts';
import { drawHeatmapCells } from './heatmap-cells.ts';
import { type MapKeyAction, mapKeyAction } from './map-keyboard.ts';
import { mapLocale, reportMapError } from './map-options.ts';
import { configureMapLibreWorker } from './maplibre-worker.ts';
import { popupContent, referencePopupContent } from './popup-content.ts';
import { emphasisePins } from './projector-pins.ts';
import { drawReferenceLayers, REFERENCE_PREFIX, referenceMapLayerIds } from './reference-layers.ts';
import { ReferenceLegend } from './reference-legend.tsx';
import {
  buildStyle,
  CONTRIBUTION_LAYER_IDS,
  contributionCollection,
  MAP_COLOURS,
  SOURCE_IDS,
} from './style.ts';
import { exposeMapForTests } from './test-hook.ts';
import { type MapDrawing, preloadDrawing, useMapDrawing } from './use-map-drawing.ts';
import { useReferenceLayersOnMap } from './use-reference-layers.ts';
import { drawWaitingPlaces, type WaitingPlace, waitingCollection } from './waiting-places.ts';

/** What the page may ask of the map. */
export interface ProjectMapHandle {
  /** The map's centre, where the crosshair is: `[longitude, latitude]` in degrees. */
  centre(): LngLat;
  /** Moves keyboard focus to the map, where the arrow keys pan it. */
  focus(): void;
  /** Moves the map so that `position` is under the crosshair, zooming in to street level. */
  showPosition(position: LngLat): void;
  /** Adds a vertex of the line or area at `position`; `false` when nothing was added. */
  addVertex(position: LngLat): boolean;
  /** Takes away the last vertex (a finished shape opens again); `false` when there is none. */
  undoVertex(): boolean;
  /** Ends the line or area; `false` while it has too few vertices. */
  finishDrawing(): boolean;
  /** Throws the line or area away, to start again. */
  clearDrawing(): void;
  /** Pans (without zooming) so that `position` is in the middle of the map's uncovered part. */
  reveal(position: LngLat): void;
}

/** A public place tapped on the map, for a page that shows its details itself (the phone's sheet). */
export interface ShownContribution {
  id: string;
  /** The category's key. */
  category: string;
  story: string | null;
  /** When it was added (ISO 8601). */
  created: string;
  /** The photo's address, or `null`. */
  photo: string | null;
  /** Where it was tapped: the point itself, or the tap on a line or area. */
  at: LngLat;
}

export interface ProjectMapProps {
  ref?: Ref<ProjectMapHandle>;
  project: Project;
  /**
   * Public contributions to draw; `null` while they are still loading. With `contributionTiles`
   * the map draws the tiles instead, and this list (loaded later) gives popups their stories.
   */
  contributions: readonly PublicContributionFeature[] | null;
  /**
   * The public contributions as vector tiles (URL template, see `buildStyle`): the map is usable
   * once the tiles in view are drawn, without waiting for the whole list. A new URL (another
   * version parameter) loads the tiles again.
   */
  contributionTiles?: string | null;
  /** With `contributionTiles`: the participant's own places sent from this page, drawn over the tiles. */
  recentContributions?: readonly PublicContributionFeature[];
  /**
   * With `contributionTiles`: the public contribution `id` near `at` (its story, photo), for a
   * popup opened before `contributions` has arrived; `null` when it cannot be had.
   */
  findContribution?: (id: string, at: LngLat) => Promise<PublicContributionFeature | null>;
  /** While true, a click or tap places the draft, the crosshair shows and Enter places at it. */
  placing: boolean;
  /**
   * While set, taps add vertices of a line or area (terra-draw) and the keys of
   * `map-keyboard.ts` draw at the crosshair; changes are reported to `onDrawingChange`.
   */
  drawing?: MapDrawing | null;
  onDrawingChange?: (change: DrawingChange) => void;
  /** A drawing key pressed on the focused map (Enter, Shift+Enter, Backspace, Escape). */
  onDrawingKey?: (action: Exclude<MapKeyAction, 'place'>) => void;
  /** Where the resident's unsent place is, if they have put it down. */
  draftPosition: LngLat | null;
  draftColour: string;
  onPlace: (position: LngLat) => void;
  /** The resident's places still in the outbox (not on the server yet): drawn hollow. */
  waiting?: readonly WaitingPlace[];
  /** Offers "Report" in a story's popup; called with the contribution's id. */
  onReport?: (contributionId: string) => void;
  /** Hex cells to colour under the contributions (the projector's live heatmap). */
  heatmap?: HeatmapCollection | null;
  /** The project's visible reference layers, under the contributions, each with a legend checkbox. */
  referenceLayers?: readonly PublicReferenceLayer[];
  /**
   * Large, ringed pins for a projector, at this scale of 1080p (`projectorScale`); left out, the
   * resident map's pins.
   */
  projectorPinScale?: number | null;
  /**
   * CSS pixels of the map's bottom that a panel covers (the phone's sheet): the map's centre,
   * the crosshair and the fitted project area stay in the part above it.
   */
  coveredBottomPx?: number;
  /**
   * With it, a tapped place is handed to the page (to show in its own panel) instead of opening
   * a popup — on a phone a popup would open behind the sheet.
   */
  onShowContribution?: (contribution: ShownContribution) => void;
}

const NO_WAITING_PLACES: readonly WaitingPlace[] = [];
const NO_CONTRIBUTIONS: readonly PublicContributionFeature[] = [];
const NO_REFERENCE_LAYERS: readonly PublicReferenceLayer[] = [];
const ignoreDrawingChange = () => undefined;
/** Zoom at which a found address is shown: streets and buildings can be told apart. */
const STREET_ZOOM = 16;

/** Pixels around a tap that still count as hitting a pin (fingers are not pointers). */
const HIT_TOLERANCE_PX = 10;
/** Space kept between the project area and the map's edge when fitting it, in pixels. */
const FIT_PADDING_PX = 32;

const toLngLat = (position: MapLibreLngLat): LngLat => {
  const wrapped = position.wrap();
  return [wrapped.lng, wrapped.lat];
};

/**
 * The resident map of one project: background, basemap, project area and contributions, with
 * a draggable marker for the resident's unsent place. Every MapLibre call of the app is in
 * this folder.
 */
export function ProjectMap({
  ref,
  project,
  contributions,
  contributionTiles = null,
  recentContributions = NO_CONTRIBUTIONS,
  findContribution,
  placing,
  drawing = null,
  onDrawingChange = ignoreDrawingChange,
  onDrawingKey,
  draftPosition,
  draftColour,
  onPlace,
  waiting = NO_WAITING_PLACES,
  onReport,
  heatmap = null,
  referenceLayers = NO_REFERENCE_LAYERS,
  projectorPinScale = null,
  coveredBottomPx = 0,
  onShowContribution,
}: ProjectMapProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerRef = useRef<Marker | null>(null);
  /** The camera to come back to when the map is rebuilt for another language. */
  const cameraRef = useRef<{ slug: string; center: LngLat; zoom: number } | null>(null);
  const [loadedMap, setLoadedMap] = useState<MapLibreMap | null>(null);
  const [drawnCount, setDrawnCount] = useState<number | null>(null);
  const [tilesDrawn, setTilesDrawn] = useState(false);

  // Event handlers registered once per map read the newest props through this ref.
  const latest = useRef({
    placing,
    drawing,
    onDrawingKey,
    onPlace,
    contributions,
    draftPosition,
    waiting,
    onReport,
    heatmap,
    contributionTiles,
    recentContributions,
    findContribution,
    onShowContribution,
  });
  useLayoutEffect(() => {
    latest.current = {
      placing,
      drawing,
      onDrawingKey,
      onPlace,
      contributions,
      draftPosition,
      waiting,
      onReport,
      heatmap,
      contributionTiles,
      recentContributions,
      findContribution,
      onShowContribution,
    };
  });
  const drawingHandle = useMapDrawing(loadedMap, drawing, draftColour, onDrawingChange);
  // A page that draws gets the drawing tools once its map is up, before a resident asks for them.
  const drawsLines = onDrawingChange !== ignoreDrawingChange;
  useEffect(() => {
    if (loadedMap && drawsLines) preloadDrawing().catch(() => undefined);
  }, [loadedMap, drawsLines]);
  const reference = useReferenceLayersOnMap(loadedMap, referenceLayers);
  const latestReference = useRef({ layers: referenceLayers, hidden: reference.hidden });
  latestReference.current = { layers: referenceLayers, hidden: reference.hidden };

  useImperativeHandle(
    ref,
    () => ({
      centre: () => {
        const map = mapRef.current;
        if (map) return toLngLat(map.getCenter());
        const [west, south, east, north] = project.bounds;
        return [(west + east) / 2, (south + north) / 2];
      },
      focus: () => mapRef.current?.getCanvas().focus(),
      showPosition: (position) => {
        const map = mapRef.current;
        if (!map) return;
        const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        map.easeTo({
          center: position,
          zoom: Math.max(map.getZoom(), STREET_ZOOM),
          duration: still ? 0 : 600,
        });
      },
      addVertex: (position) => drawingHandle.controller()?.addVertex(position) ?? false,
      undoVertex: () => drawingHandle.controller()?.undo() ?? false,
      finishDrawing: () => drawingHandle.controller()?.finish() ?? false,
      clearDrawing: () => drawingHandle.controller()?.clear(),
      reveal: (position) => {
        const map = mapRef.current;
        if (!map) return;
        const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        map.easeTo({ center: position, duration: still ? 0 : 400 });
      },
    }),
    [project.bounds, drawingHandle],
  );

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    configureMapLibreWorker();

    const title = pickText(project.title, language, projectTextFallback(project));
    const rtl = textDirection(language) === 'rtl';
    const camera = cameraRef.current?.slug === project.slug ? cameraRef.current : null;
    const styleFor = (basemapStyle: Parameters<typeof buildStyle>[0]['basemapStyle']) =>
      buildStyle({
        basemap: project.basemap,
        basemapStyle,
        area: project.area,
        categories: project.categories,
        contributions: contributionCollection(
          latest.current.contributionTiles
            ? latest.current.recentContributions
            : (latest.current.contributions ?? []),
        ),
        contributionTiles: latest.current.contributionTiles,
        waiting: waitingCollection(latest.current.waiting),
      });

    const map = new MapLibreMap({
      container,
      style: styleFor(null),
      ...(camera
        ? { center: camera.center, zoom: camera.zoom }
        : { bounds: project.bounds, fitBoundsOptions: { padding: FIT_PADDING_PX } }),
      attributionControl: false,
      // Residents find a turned or tilted map confusing; north stays up.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      locale: mapLocale(t, title),
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), rtl ? 'top-left' : 'top-right');
    // Without `compact`, MapLibre folds the credits into a button on narrow maps (phones).
    map.addControl(new AttributionControl(), rtl ? 'bottom-left' : 'bottom-right');
    mapRef.current = map;
    const hideFromTests = exposeMapForTests(map);

    map.on('error', reportMapError);
    map.on('load', () => setLoadedMap(map));

    const popupText = (properties: Record<string, unknown>) => {
      const key = String(properties.category ?? '');
      const category = project.categories.find((candidate) => candidate.key === key);
      const story = properties.story;
      return {
        categoryLabel: category ? pickText(category.labels, language, projectTextFallback(project)) : key,
        colour: category?.colour ?? MAP_COLOURS.fallbackCategory,
        story: typeof story === 'string' && story.length > 0 ? story : null,
        noStory: t('map.noStory'),
        date: t('map.addedOn', { date: formatDay(String(properties.created ?? ''), language) }),
        photo: typeof properties.photo === 'string' && properties.photo ? properties.photo : null,
        report: latest.current.onReport
          ? {
              label: t('report.button'),
              onClick: () => {
                popup?.remove();
                latest.current.onReport?.(String(properties.id ?? ''));
              },
            }
          : undefined,
      };
    };

    let popup: Popup | null = null;
    /** Counts popups asked for, so that a late story lookup does not open a popup nobody wants now. */
    let popupAsked = 0;
    const openContributionPopup = (at: MapLibreLngLat, properties: Record<string, unknown>) => {
      popup?.remove();
      const show = latest.current.onShowContribution;
      if (show) {
        const { story, photo } = properties;
        show({
          id: String(properties.id ?? ''),
          category: String(properties.category ?? ''),
          story: typeof story === 'string' && story.length > 0 ? story : null,
          created: String(properties.created ?? ''),
          photo: typeof photo === 'string' && photo ? photo : null,
          at: toLngLat(at),
        });
        return;
      }
      popup = new Popup({ maxWidth: '18rem', focusAfterOpen: true })
        .setLngLat(at)
        .setDOMContent(popupContent(popupText(properties)))
        .addTo(map);
    };
    // A tile carries id, category and day only: the story and photo come from the list (or,
    // before it has arrived, from the page's lookup).
    const showContribution = (feature: MapGeoJSONFeature, at: MapLibreLngLat) => {
      popupAsked += 1;
      const { properties } = feature;
      const id = String(properties.id ?? feature.id ?? '');
      const { contributionTiles, contributions, findContribution } = latest.current;
      if (!contributionTiles || feature.source !== SOURCE_IDS.contributions) {
        openContributionPopup(at, properties);
        return;
      }
      const listed = contributions?.find((candidate) => candidate.id === id);
      if (listed || !findContribution) {
        openContributionPopup(at, { ...properties, ...listed?.properties });
        return;
      }
      const asked = popupAsked;
      const withStory = (found: PublicContributionFeature | null) => {
        if (asked === popupAsked && mapRef.current === map)
          openContributionPopup(at, { ...properties, ...found?.properties });
      };
      findContribution(id, toLngLat(at)).then(withStory, () => withStory(null));
    };
    // A reference layer's feature says what it is (its layer and label) when tapped.
    const showReferencePopup = (at: MapLibreLngLat, box: [[number, number], [number, number]]) => {
      const { layers } = latestReference.current;
      const layerIds = referenceMapLayerIds(layers).filter((id) => map.getLayer(id));
      if (layerIds.length === 0) return;
      const [hit] = map.queryRenderedFeatures(box, { layers: layerIds });
      const layer =
        hit && layers.find((candidate) => hit.layer.id.startsWith(`${REFERENCE_PREFIX}${candidate.id}-`));
      if (!hit || !layer) return;
      const label = hit.properties.label;
      popup?.remove();
      popup = new Popup({ maxWidth: '18rem', focusAfterOpen: true })
        .setLngLat(at)
        .setDOMContent(
          referencePopupContent({
            layerName: pickText(layer.names, language) || t('map.referenceLayers.unnamed'),
            colour: layer.colour,
            label: typeof label === 'string' && label ? label : null,
          }),
        )
        .addTo(map);
    };
    map.on('click', (event) => {
      if (latest.current.drawing) return; // terra-draw takes the taps (see drawing.ts)
      if (latest.current.placing) {
        latest.current.onPlace(toLngLat(event.lngLat));
        return;
      }
      const { x, y } = event.point;
      const [feature] = map.queryRenderedFeatures(
        [
          [x - HIT_TOLERANCE_PX, y - HIT_TOLERANCE_PX],
          [x + HIT_TOLERANCE_PX, y + HIT_TOLERANCE_PX],
        ],
        { layers: CONTRIBUTION_LAYER_IDS.filter((id) => map.getLayer(id)) },
      );
      if (!feature) {
        popupAsked += 1;
        showReferencePopup(event.lngLat, [
          [x - HIT_TOLERANCE_PX, y - HIT_TOLERANCE_PX],
          [x + HIT_TOLERANCE_PX, y + HIT_TOLERANCE_PX],
        ]);
        return;
      }
      showContribution(
        feature,
        feature.geometry.type === 'Point'
          ? new LngLatClass(...(feature.geometry.coordinates as LngLat))
          : event.lngLat,
      );
    });

    const canvas = map.getCanvas();
    map.on('mouseenter', CONTRIBUTION_LAYER_IDS, () => {
      if (!latest.current.placing && !latest.current.drawing) canvas.style.cursor = 'pointer';
    });
    map.on('mouseleave', CONTRIBUTION_LAYER_IDS, () => {
      // While drawing, the cursor is terra-draw's.
      if (!latest.current.drawing) canvas.style.cursor = '';
    });

    // The keyboard path: arrows pan and +/− zoom (MapLibre's own handler); Enter places the
    // point or a vertex at the crosshair, and the other drawing keys go to the page.
    const onKeyDown = (event: KeyboardEvent) => {
      const { drawing, placing } = latest.current;
      const action = mapKeyAction(event, drawing ? 'draw' : placing ? 'point' : 'look');
      if (!action) return;
      event.preventDefault();
      if (action !== 'place') {
        latest.current.onDrawingKey?.(action);
        return;
      }
      latest.current.onPlace(toLngLat(map.getCenter()));
    };
    canvas.addEventListener('keydown', onKeyDown);

    // The container can be focused from code (and tests); pass focus on to the canvas, which
    // has the accessible name and receives the arrow keys.
    const forwardFocus = (event: FocusEvent) => {
      if (event.target === container) canvas.focus();
    };
    container.addEventListener('focus', forwardFocus);

    const abort = new AbortController();
    if (project.basemap.kind === 'style') {
      void fetchBasemapStyle(project.basemap.url, abort.signal).then((basemapStyle) => {
        if (!basemapStyle || abort.signal.aborted) return;
        map.once('style.load', () => {
          if (latest.current.contributionTiles)
            void drawRecentContributions(map, latest.current.recentContributions);
          else if (latest.current.contributions) void drawContributions(map, latest.current.contributions);
          if (latest.current.heatmap) drawHeatmapCells(map, latest.current.heatmap);
          const { layers, hidden } = latestReference.current;
          void drawReferenceLayers(map, layers, hidden);
        });
        // The new style drops the drawing's layers: take it off first, draw it again after.
        drawingHandle.detach();
        map.once('style.load', drawingHandle.reattach);
        map.setStyle(styleFor(basemapStyle), { diff: false });
      });
    }

    return () => {
      abort.abort();
      canvas.removeEventListener('keydown', onKeyDown);
      container.removeEventListener('focus', forwardFocus);
      cameraRef.current = { slug: project.slug, center: toLngLat(map.getCenter()), zoom: map.getZoom() };
      popup?.remove();
      hideFromTests();
      drawingHandle.detach();
      map.remove();
      mapRef.current = null;
      setLoadedMap(null);
      setDrawnCount(null);
      setTilesDrawn(false);
    };
  }, [project, language, t, drawingHandle]);

  // With tiles, the map answers once the tiles in view are drawn; the list comes later.
  const tiled = contributionTiles !== null;
  useEffect(() => {
    if (!loadedMap || !tiled) return;
    let current = true;
    void whenSourceDrawn(loadedMap, SOURCE_IDS.contributions).then(() => {
      if (!current) return;
      setTilesDrawn(true);
      pageIsInteractive();
    });
    return () => {
      current = false;
    };
  }, [loadedMap, tiled]);

  useEffect(() => {
    if (loadedMap && contributionTiles) setContributionTiles(loadedMap, contributionTiles);
  }, [loadedMap, contributionTiles]);

  useEffect(() => {
    if (loadedMap && tiled) void drawRecentContributions(loadedMap, recentContributions);
  }, [loadedMap, tiled, recentContributions]);

  useEffect(() => {
    if (!loadedMap || contributions === null || tiled) return;
    let current = true;
    void drawContributions(loadedMap, contributions).then((drawn) => {
      if (!current || !drawn) return;
      setDrawnCount(contributions.length);
      // Deferred work (the schemas, the late contract checks) may start now.
      pageIsInteractive();
    });
    return () => {
      current = false;
    };
  }, [loadedMap, contributions, tiled]);

  useEffect(() => {
    if (loadedMap) void drawWaitingPlaces(loadedMap, waiting);
  }, [loadedMap, waiting]);

  useEffect(() => {
    if (loadedMap && heatmap) drawHeatmapCells(loadedMap, heatmap);
  }, [loadedMap, heatmap]);

  // Projector pins, again after a new style (the basemap's style document) replaced the layers.
  useEffect(() => {
    if (!loadedMap || projectorPinScale === null) return;
    const emphasise = () => emphasisePins(loadedMap, projectorPinScale);
    emphasise();
    loadedMap.on('style.load', emphasise);
    return () => {
      loadedMap.off('style.load', emphasise);
    };
  }, [loadedMap, projectorPinScale]);

  // The part of the map a panel covers: MapLibre's padding keeps the centre (where the crosshair
  // is and "Place at the cross" puts the point) in the uncovered part. Until the resident moves
  // the map, the project area is fitted into that part again.
  const userMoved = useRef(false);
  // The first fit, as the map loads, jumps: an animated one passes through every zoom between,
  // asking for their tiles, and keeps the contribution tiles of the final view (what "loaded"
  // waits for) from loading until it ends — measured ~200 ms later at 4× CPU on a phone.
  const fittedOnce = useRef<MapLibreMap | null>(null);
  useEffect(() => {
    if (!loadedMap) return;
    const onMoveStart = (event: { originalEvent?: unknown }) => {
      if (event.originalEvent) userMoved.current = true;
    };
    loadedMap.on('movestart', onMoveStart);
    return () => {
      loadedMap.off('movestart', onMoveStart);
    };
  }, [loadedMap]);
  useEffect(() => {
    if (!loadedMap) return;
    const padding = { top: 0, right: 0, left: 0, bottom: coveredBottomPx };
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const first = fittedOnce.current !== loadedMap;
    fittedOnce.current = loadedMap;
    // As long as the sheet takes to settle (bottom-sheet.css), so that the map moves with it.
    const duration = still || first ? 0 : 220;
    if (userMoved.current) {
      loadedMap.easeTo({ padding, duration });
      return;
    }
    const fit = FIT_PADDING_PX;
    const height = loadedMap.getContainer().clientHeight;
    // A sheet nearly covering the map leaves no room to fit into: keep the camera, move its centre.
    if (height - coveredBottomPx < 3 * fit) {
      loadedMap.easeTo({ padding, duration });
      return;
    }
    // MapLibre adds the fit's padding to the map's own (the covered part).
    loadedMap.setPadding(padding);
    loadedMap.fitBounds(project.bounds, { padding: fit, duration, linear: true });
  }, [loadedMap, coveredBottomPx, project.bounds]);

  // The draft marker is made once per colour and moved afterwards, so that keyboard focus
  // stays on it while it is moved with the arrow keys.
  const hasDraft = draftPosition !== null;
  useEffect(() => {
    const position = latest.current.draftPosition;
    if (!loadedMap || !position) return;
    const marker = new Marker({ color: draftColour, draggable: true }).setLngLat(position).addTo(loadedMap);
    const element = marker.getElement();
    element.classList.add('draft-marker');
    element.setAttribute('aria-label', t('map.draftMarker'));
    element.setAttribute('title', t('map.draftMarker'));
    marker.on('dragend', () => latest.current.onPlace(toLngLat(marker.getLngLat())));
    markerRef.current = marker;
    return () => {
      marker.remove();
      markerRef.current = null;
    };
  }, [loadedMap, hasDraft, draftColour, t]);

  useEffect(() => {
    if (draftPosition) markerRef.current?.setLngLat(draftPosition);
  }, [draftPosition]);

  const drawingType = drawing?.geometryType ?? null;
  useEffect(() => {
    const canvas = loadedMap?.getCanvas();
    if (!canvas) return;
    if (placing || drawingType) canvas.setAttribute('aria-describedby', 'map-keyboard-hint');
    else canvas.removeAttribute('aria-describedby');
  }, [loadedMap, placing, drawingType]);

  const marking = placing || drawingType !== null;
  return (
    <div className={marking ? 'project-map is-placing' : 'project-map'}>
      <div
        ref={containerRef}
        className="project-map__map"
        data-testid="map"
        data-map-loaded={(tiled ? tilesDrawn : drawnCount !== null) ? 'true' : 'false'}
        // With tiles: how many places the (later) list holds, set once it has arrived.
        data-contributions={(tiled ? contributions?.length : drawnCount) ?? undefined}
        data-reference-layers={reference.drawn ?? undefined}
        // Focusable from code (and tests) only; focus moves on to the canvas (see above).
        tabIndex={-1}
      />
      {marking && (
        <div
          className="project-map__crosshair"
          aria-hidden="true"
          style={{ insetBlockEnd: coveredBottomPx }}
        />
      )}
      <ReferenceLegend layers={referenceLayers} hidden={reference.hidden} onToggle={reference.toggle} />
      <p id="map-keyboard-hint" className="project-map__hint">
        {t(
          drawingType === 'LineString'
            ? 'map.keyboardHintLine'
            : drawingType === 'Polygon'
              ? 'map.keyboardHintArea'
              : 'map.keyboardHint',
        )}
      </p>
    </div>
  );
}
