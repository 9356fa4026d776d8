import type { Category, Compare, DensityPoints, HotSpots, StaffHeatmap, StorySummary } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { COMPARE_LAYER_ID, COMPARE_SOURCE_ID, type CompareMeasure, drawComparison } from './compare-layer.ts';
import { DENSITY_LAYER_ID, DENSITY_SOURCE_ID, drawDensity } from './density-layer.ts';
import { drawHeatmapCells, HEATMAP_LAYER_ID, HEATMAP_SOURCE_ID } from './heatmap-cells.ts';
import { drawHotSpots, HOT_SPOT_LAYER_ID, HOT_SPOT_SOURCE_ID } from './hot-spot-layer.ts';
import { categoryColourExpression, MAP_COLOURS } from './style.ts';

/** What the analysis map shows: one kind of layer at a time. */
export type AnalysisDisplay =
  | { kind: 'heatmap'; cells: StaffHeatmap }
  | { kind: 'density'; points: DensityPoints }
  | { kind: 'hot-spots'; hotSpots: HotSpots }
  | { kind: 'compare'; comparison: Compare; measure: CompareMeasure };

/** The hex-cell layers a click may hit (each feature has `properties.cell`, `q,r`). */
export const CELL_LAYER_IDS = [HEATMAP_LAYER_ID, HOT_SPOT_LAYER_ID, COMPARE_LAYER_ID] as const;

const LAYERS_OF_KIND: Record<AnalysisDisplay['kind'], { layer: string; source: string }> = {
  heatmap: { layer: HEATMAP_LAYER_ID, source: HEATMAP_SOURCE_ID },
  density: { layer: DENSITY_LAYER_ID, source: DENSITY_SOURCE_ID },
  'hot-spots': { layer: HOT_SPOT_LAYER_ID, source: HOT_SPOT_SOURCE_ID },
  compare: { layer: COMPARE_LAYER_ID, source: COMPARE_SOURCE_ID },
};

export const SELECTED_CELL_SOURCE_ID = 'analysis-selected-cell';
export const SELECTED_CELL_LAYER_ID = 'analysis-selected-cell';
export const STORY_PINS_SOURCE_ID = 'analysis-story-pins';
/** The story pins a click may hit (each feature has `properties.id`, the contribution). */
export const STORY_PINS_LAYER_ID = 'analysis-story-pins';

/** How many features the display draws (cells or points). */
export function displayedCount(display: AnalysisDisplay): number {
  switch (display.kind) {
    case 'heatmap':
      return display.cells.features.length;
    case 'density':
      return display.points.points.length;
    case 'hot-spots':
      return display.hotSpots.features.length;
    case 'compare':
      return display.comparison.features.length;
  }
}

/** Draws `display`, taking the layers of the other kinds off the map. */
export function drawAnalysisDisplay(map: MapLibreMap, display: AnalysisDisplay): void {
  for (const [kind, ids] of Object.entries(LAYERS_OF_KIND)) {
    if (kind === display.kind) continue;
    if (map.getLayer(ids.layer)) map.removeLayer(ids.layer);
    if (map.getSource(ids.source)) map.removeSource(ids.source);
  }
  switch (display.kind) {
    case 'heatmap':
      drawHeatmapCells(map, display.cells);
      break;
    case 'density':
      drawDensity(map, display.points.points);
      break;
    case 'hot-spots':
      drawHotSpots(map, display.hotSpots);
      break;
    case 'compare':
      drawComparison(map, display.comparison, display.measure);
      break;
  }
  // The outline of the selected cell and the pins stay on top.
  for (const id of [SELECTED_CELL_LAYER_ID, STORY_PINS_LAYER_ID]) if (map.getLayer(id)) map.moveLayer(id);
}

/** The hexagon of the selected cell, outlined thickly (or nothing). */
export function drawSelectedCell(
  map: MapLibreMap,
  polygon: { type: 'Polygon'; coordinates: number[][][] } | null,
): void {
  const data = {
    type: 'FeatureCollection' as const,
    features: polygon ? [{ type: 'Feature' as const, properties: {}, geometry: polygon }] : [],
  };
  const source = map.getSource<GeoJSONSource>(SELECTED_CELL_SOURCE_ID);
  if (source) void source.setData(data);
  else map.addSource(SELECTED_CELL_SOURCE_ID, { type: 'geojson', data });
  if (!map.getLayer(SELECTED_CELL_LAYER_ID))
    map.addLayer({
      id: SELECTED_CELL_LAYER_ID,
      type: 'line',
      source: SELECTED_CELL_SOURCE_ID,
      paint: { 'line-color': '#111827', 'line-width': 3.5 },
    });
}

/** Pins of the stories (at a point on each contribution), coloured by category. */
export function drawStoryPins(
  map: MapLibreMap,
  stories: readonly StorySummary[],
  categories: readonly Pick<Category, 'key' | 'colour'>[],
  selected: string | null,
): void {
  const data = {
    type: 'FeatureCollection' as const,
    features: stories.map((story) => ({
      type: 'Feature' as const,
      properties: { id: story.id, category: story.category, selected: story.id === selected },
      geometry: story.point,
    })),
  };
  const source = map.getSource<GeoJSONSource>(STORY_PINS_SOURCE_ID);
  if (source) void source.setData(data);
  else map.addSource(STORY_PINS_SOURCE_ID, { type: 'geojson', data });
  if (!map.getLayer(STORY_PINS_LAYER_ID))
    map.addLayer({
      id: STORY_PINS_LAYER_ID,
      type: 'circle',
      source: STORY_PINS_SOURCE_ID,
      paint: {
        'circle-color': categoryColourExpression(categories),
        // Radius in pixels, larger for the selected pin and as the map zooms in.
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          12,
          ['case', ['get', 'selected'], 8, 5],
          17,
          ['case', ['get', 'selected'], 12, 8],
        ],
        'circle-stroke-color': ['case', ['get', 'selected'], '#111827', MAP_COLOURS.outline],
        'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
      },
    });
}
