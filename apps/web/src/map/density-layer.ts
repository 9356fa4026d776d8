import type { DensityPoints } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/** Source and layer of the staff kernel-density view (MapLibre's `heatmap` layer over raw points). */
export const DENSITY_SOURCE_ID = 'analysis-density';
export const DENSITY_LAYER_ID = 'analysis-density';

/** Transparent to dark red: the same family as the hex heatmap, so the two views read alike. */
export const DENSITY_COLOURS = ['#fde0c5', '#f59e72', '#e8603c', '#b7271f'] as const;

/** The points as GeoJSON, one feature each (`[longitude, latitude]` in degrees). */
export function densityCollection(points: DensityPoints['points']) {
  return {
    type: 'FeatureCollection' as const,
    features: points.map((coordinates) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Point' as const, coordinates },
    })),
  };
}

/**
 * Draws the kernel density of the points. The kernel radius is in screen pixels and grows with
 * the zoom so that it covers roughly the same ground (about 60–100 m at street level).
 */
export function drawDensity(map: MapLibreMap, points: DensityPoints['points']): void {
  const data = densityCollection(points);
  const source = map.getSource<GeoJSONSource>(DENSITY_SOURCE_ID);
  if (source) void source.setData(data);
  else map.addSource(DENSITY_SOURCE_ID, { type: 'geojson', data });
  if (map.getLayer(DENSITY_LAYER_ID)) return;
  const [none, low, middle, high] = DENSITY_COLOURS;
  map.addLayer({
    id: DENSITY_LAYER_ID,
    type: 'heatmap',
    source: DENSITY_SOURCE_ID,
    paint: {
      'heatmap-weight': 1,
      // Pixels: ~12 px at zoom 12 up to ~60 px at zoom 17.
      'heatmap-radius': ['interpolate', ['exponential', 2], ['zoom'], 12, 12, 17, 60],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 17, 1.5],
      'heatmap-color': [
        'interpolate',
        ['linear'],
        ['heatmap-density'],
        0,
        'rgba(253, 224, 197, 0)',
        0.15,
        none,
        0.4,
        low,
        0.7,
        middle,
        1,
        high,
      ],
      'heatmap-opacity': 0.8,
    },
  });
}
