import type { HeatmapCollection } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { LAYER_IDS } from './style.ts';
import type { ColourValue } from './style-types.ts';

/** Source and fill layer of the live heatmap (the projector): hex cells coloured by count. */
export const HEATMAP_SOURCE_ID = 'heatmap-cells';
export const HEATMAP_LAYER_ID = 'heatmap-cells';

/** Light to dark: few to many places in a cell (readable on a projector, colour-blind safe). */
export const HEATMAP_COLOURS = ['#fde0c5', '#facba6', '#f59e72', '#e8603c', '#b7271f'] as const;

/** The fill colour of a cell: `count` from 1 up to the busiest cell, light to dark. */
export function heatmapColourExpression(maxCount: number): ColourValue {
  const top = Math.max(maxCount, 2);
  const stops = HEATMAP_COLOURS.flatMap((colour, index) => [
    1 + ((top - 1) * index) / (HEATMAP_COLOURS.length - 1),
    colour,
  ]);
  return ['interpolate', ['linear'], ['get', 'count'], ...stops] as unknown as ColourValue;
}

/**
 * Puts the heatmap cells on the map under the contributions (adding the source and the
 * `heatmap-cells` fill layer the first time, or after a new style dropped them).
 */
export function drawHeatmapCells(map: MapLibreMap, cells: HeatmapCollection): void {
  const data = { type: 'FeatureCollection' as const, features: cells.features };
  const maxCount = cells.features.reduce((max, cell) => Math.max(max, cell.properties.count), 0);
  const source = map.getSource<GeoJSONSource>(HEATMAP_SOURCE_ID);
  if (source) {
    void source.setData(data);
  } else {
    map.addSource(HEATMAP_SOURCE_ID, { type: 'geojson', data });
  }
  if (!map.getLayer(HEATMAP_LAYER_ID)) {
    const below = map.getLayer(LAYER_IDS.contributionAreas) ? LAYER_IDS.contributionAreas : undefined;
    map.addLayer(
      {
        id: HEATMAP_LAYER_ID,
        type: 'fill',
        source: HEATMAP_SOURCE_ID,
        paint: {
          'fill-color': heatmapColourExpression(maxCount),
          'fill-opacity': 0.6,
          'fill-outline-color': '#ffffff',
        },
      },
      below,
    );
  } else {
    map.setPaintProperty(HEATMAP_LAYER_ID, 'fill-color', heatmapColourExpression(maxCount));
  }
}
