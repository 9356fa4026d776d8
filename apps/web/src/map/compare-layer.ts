import type { Compare } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { COMPARE_COLOURS, CONTESTED_COLOURS, compareStops } from './analysis-colours.ts';
import type { ColourValue } from './style-types.ts';

/** Source and fill layer of a comparison of two filter sets, or of contested places. */
export const COMPARE_SOURCE_ID = 'analysis-compare';
export const COMPARE_LAYER_ID = 'analysis-compare';

/** `difference`: diverging, B-heavy to A-heavy; `contested`: high in both, light to dark. */
export type CompareMeasure = 'difference' | 'contested';

export function compareColourExpression(measure: CompareMeasure, comparison: Compare): ColourValue {
  const stops =
    measure === 'difference'
      ? compareStops(comparison.features.map((feature) => feature.properties.difference))
      : [0, 0.25, 0.5, 0.75, 1];
  const colours = measure === 'difference' ? COMPARE_COLOURS : CONTESTED_COLOURS;
  return [
    'interpolate',
    ['linear'],
    ['get', measure],
    ...stops.flatMap((stop, index) => [stop, colours[index]]),
  ] as unknown as ColourValue;
}

/** Draws the comparison's cells coloured by `measure`. */
export function drawComparison(map: MapLibreMap, comparison: Compare, measure: CompareMeasure): void {
  const data = { type: 'FeatureCollection' as const, features: comparison.features };
  const source = map.getSource<GeoJSONSource>(COMPARE_SOURCE_ID);
  if (source) void source.setData(data);
  else map.addSource(COMPARE_SOURCE_ID, { type: 'geojson', data });
  const colour = compareColourExpression(measure, comparison);
  if (map.getLayer(COMPARE_LAYER_ID)) {
    map.setPaintProperty(COMPARE_LAYER_ID, 'fill-color', colour);
    return;
  }
  map.addLayer({
    id: COMPARE_LAYER_ID,
    type: 'fill',
    source: COMPARE_SOURCE_ID,
    paint: { 'fill-color': colour, 'fill-opacity': 0.75, 'fill-outline-color': '#ffffff' },
  });
}
