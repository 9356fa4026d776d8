import type { Compare } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { COMPARE_COLOURS, compareStops, LIKED_COLOURS } from './analysis-colours.ts';
import type { ColourValue } from './style-types.ts';

/** Source and fill layer of a comparison of two filter sets, or of contested places. */
export const COMPARE_SOURCE_ID = 'analysis-compare';
export const COMPARE_LAYER_ID = 'analysis-compare';

/**
 * `difference`: two groups, B-heavy (purple) to A-heavy (orange); `contested`: liked (side A)
 * against least liked (side B), red where least liked weighs more to blue where liked does. Both
 * diverge on the difference of the two shares around a neutral middle (equal shares).
 */
export type CompareMeasure = 'difference' | 'contested';

/** The fill colour of a comparison's cells: a diverging ramp over the cells' share differences. */
export function compareColourExpression(measure: CompareMeasure, comparison: Compare): ColourValue {
  const stops = compareStops(comparison.features.map((feature) => feature.properties.difference));
  const colours = measure === 'difference' ? COMPARE_COLOURS : LIKED_COLOURS;
  return [
    'interpolate',
    ['linear'],
    ['get', 'difference'],
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
