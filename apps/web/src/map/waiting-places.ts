import type { ContributionGeometry } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { ColourValue, LayerSpecification } from './style-types.ts';

/**
 * The resident's own places that wait in the outbox (not yet on the server), drawn at once but
 * hollow — a white disc ringed in the category's colour, dashed lines and outlines — so that
 * the resident sees their place right away and can tell it from what is stored.
 */
export interface WaitingPlace {
  id: string;
  category: string;
  geometry: ContributionGeometry;
  /** The server refused it: ringed in the error colour until it is fixed or discarded. */
  failed: boolean;
}

export const WAITING_SOURCE_ID = 'outbox';

/** Layer ids of waiting places, bottom to top. `outbox-points` is a test hook: keep its name. */
export const WAITING_LAYER_IDS = {
  areas: 'outbox-areas',
  areaOutlines: 'outbox-area-outlines',
  lines: 'outbox-lines',
  points: 'outbox-points',
} as const;

/** The error colour of the app (`--colour-error`). */
const FAILED_COLOUR = '#a1261b';

export interface WaitingCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    id: string;
    geometry: ContributionGeometry;
    properties: { id: string; category: string; failed: boolean };
  }>;
}

export const waitingCollection = (places: readonly WaitingPlace[]): WaitingCollection => ({
  type: 'FeatureCollection',
  features: places.map((place) => ({
    type: 'Feature',
    id: place.id,
    geometry: place.geometry,
    properties: { id: place.id, category: place.category, failed: place.failed },
  })),
});

/** The layers of waiting places, drawn above the stored ones; `colour` is the category colour expression. */
export function waitingLayers(colour: ColourValue): LayerSpecification[] {
  const ring = ['case', ['boolean', ['get', 'failed'], false], FAILED_COLOUR, colour] as ColourValue;
  return [
    {
      id: WAITING_LAYER_IDS.areas,
      type: 'fill',
      source: WAITING_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': colour, 'fill-opacity': 0.08 },
    },
    {
      id: WAITING_LAYER_IDS.areaOutlines,
      type: 'line',
      source: WAITING_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': ring, 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
    },
    {
      id: WAITING_LAYER_IDS.lines,
      type: 'line',
      source: WAITING_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': ring, 'line-width': 4, 'line-dasharray': [1.5, 1] },
    },
    {
      id: WAITING_LAYER_IDS.points,
      type: 'circle',
      source: WAITING_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': '#ffffff',
        'circle-opacity': 0.85,
        // As large as a stored pin (style.ts), so the place does not jump when it is sent.
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 15, 8, 19, 11],
        'circle-stroke-color': ring,
        'circle-stroke-width': 3,
      },
    },
  ];
}

/** Replaces the waiting places on the map; false when the map has no source for them (yet). */
export async function drawWaitingPlaces(map: MapLibreMap, places: readonly WaitingPlace[]): Promise<boolean> {
  if ((map.style as MapLibreMap['style'] | undefined) == null) return false; // removed (see mapIsRemoved)
  const source = map.getSource<GeoJSONSource>(WAITING_SOURCE_ID);
  if (!source) return false;
  await source.setData(waitingCollection(places));
  return true;
}
