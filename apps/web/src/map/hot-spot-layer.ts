import type { HotSpots } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { HOT_SPOT_COLOURS } from './analysis-colours.ts';
import type { ColourValue } from './style-types.ts';

/** Source and fill layer of the Getis–Ord Gi* hot spots (one hexagon per cell of the study area). */
export const HOT_SPOT_SOURCE_ID = 'analysis-hot-spots';
export const HOT_SPOT_LAYER_ID = 'analysis-hot-spots';

/** The fill colour of a cell from its significance class (`class`, −3…3). */
export function hotSpotColourExpression(): ColourValue {
  return [
    'match',
    ['get', 'class'],
    ...([3, 2, 1, -1, -2, -3] as const).flatMap((value) => [value, HOT_SPOT_COLOURS[value]]),
    HOT_SPOT_COLOURS[0],
  ] as unknown as ColourValue;
}

/** Draws the hot spots: significant cells strong, the rest of the study area faint. */
export function drawHotSpots(map: MapLibreMap, hotSpots: HotSpots): void {
  const data = { type: 'FeatureCollection' as const, features: hotSpots.features };
  const source = map.getSource<GeoJSONSource>(HOT_SPOT_SOURCE_ID);
  if (source) void source.setData(data);
  else map.addSource(HOT_SPOT_SOURCE_ID, { type: 'geojson', data });
  if (map.getLayer(HOT_SPOT_LAYER_ID)) return;
  map.addLayer({
    id: HOT_SPOT_LAYER_ID,
    type: 'fill',
    source: HOT_SPOT_SOURCE_ID,
    paint: {
      'fill-color': hotSpotColourExpression(),
      'fill-opacity': ['case', ['==', ['get', 'class'], 0], 0.25, 0.75],
      'fill-outline-color': '#ffffff',
    },
  });
}
