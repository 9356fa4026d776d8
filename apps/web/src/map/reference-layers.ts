import type { PublicReferenceLayer } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { mapIsRemoved, whenSourceDrawn } from './draw-contributions.ts';
import { HEATMAP_LAYER_ID } from './heatmap-cells.ts';
import { LAYER_IDS } from './style.ts';
import type { LayerSpecification } from './style-types.ts';

/**
 * Reference layers (planned building sites, school routes …) that planners upload: each is its
 * own source with a fill, an outline, a dashed line and a small-circle layer in the layer's
 * colour, drawn under the heatmap and the contributions so that residents' places stay on top.
 */

/** Every reference layer's ids start with this, so that removed layers can be found again. */
export const REFERENCE_PREFIX = 'reference-';

/** Source and layer ids of one reference layer; `points` etc. are test hooks: keep the names. */
export function referenceLayerIds(id: string) {
  const base = `${REFERENCE_PREFIX}${id}`;
  return {
    source: base,
    fill: `${base}-fill`,
    outline: `${base}-outline`,
    lines: `${base}-lines`,
    points: `${base}-points`,
  } as const;
}

const POLYGONS = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]] as const;
const LINES = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]] as const;
const POINTS = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]] as const;

/** The four map layers of one reference layer, bottom to top, shown or hidden. */
export function referenceLayerSpecs(
  layer: Pick<PublicReferenceLayer, 'id' | 'colour'>,
  visible: boolean,
): LayerSpecification[] {
  const ids = referenceLayerIds(layer.id);
  const layout = { visibility: visible ? 'visible' : 'none' } as const;
  return [
    {
      id: ids.fill,
      type: 'fill',
      source: ids.source,
      filter: POLYGONS,
      layout,
      // Light enough for the basemap and the contributions to show through.
      paint: { 'fill-color': layer.colour, 'fill-opacity': 0.22 },
    },
    {
      id: ids.outline,
      type: 'line',
      source: ids.source,
      filter: POLYGONS,
      layout: { ...layout, 'line-join': 'round' },
      paint: { 'line-color': layer.colour, 'line-width': 1.5, 'line-opacity': 0.9 },
    },
    {
      id: ids.lines,
      type: 'line',
      source: ids.source,
      filter: LINES,
      layout: { ...layout, 'line-join': 'round' },
      // Dashed (in line widths), so that a route is never mistaken for a resident's drawn line.
      paint: { 'line-color': layer.colour, 'line-width': 3, 'line-dasharray': [2, 1.5] },
    },
    {
      id: ids.points,
      type: 'circle',
      source: ids.source,
      filter: POINTS,
      layout,
      // Radius in pixels: smaller than a contribution's pin, which is what residents tap.
      paint: {
        'circle-color': layer.colour,
        'circle-radius': 4,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
  ] as LayerSpecification[];
}

/** The layer ids of every reference layer on the map (for clicks and for the tests). */
export function referenceMapLayerIds(layers: readonly Pick<PublicReferenceLayer, 'id'>[]): string[] {
  return layers.flatMap((layer) => {
    const ids = referenceLayerIds(layer.id);
    return [ids.fill, ids.outline, ids.lines, ids.points];
  });
}

/** What each map was last given, so that unchanged data is not sent to the worker again. */
const drawnData = new WeakMap<MapLibreMap, Map<string, PublicReferenceLayer['data']>>();

/**
 * Brings the map's reference layers in line with `layers` (in that order, the first lowest):
 * adds new ones under the heatmap and the contributions, removes those no longer given, and
 * shows or hides each as `hidden` says. Resolves once the map has drawn them.
 */
export async function drawReferenceLayers(
  map: MapLibreMap,
  layers: readonly PublicReferenceLayer[],
  hidden: ReadonlySet<string>,
): Promise<void> {
  if (mapIsRemoved(map)) return;
  const known = drawnData.get(map) ?? new Map<string, PublicReferenceLayer['data']>();
  drawnData.set(map, known);
  const wanted = new Set(layers.map((layer) => layer.id));

  // Layers first, then their sources: a source cannot go while a layer uses it.
  for (const layer of map.getStyle().layers) {
    const id = layer.id;
    if (
      id.startsWith(REFERENCE_PREFIX) &&
      !layers.some((candidate) => id.startsWith(`${REFERENCE_PREFIX}${candidate.id}-`))
    ) {
      map.removeLayer(id);
    }
  }
  for (const id of Object.keys(map.getStyle().sources)) {
    const layerId = id.slice(REFERENCE_PREFIX.length);
    if (id.startsWith(REFERENCE_PREFIX) && !wanted.has(layerId)) {
      map.removeSource(id);
      known.delete(layerId);
    }
  }

  const below = map.getLayer(HEATMAP_LAYER_ID)
    ? HEATMAP_LAYER_ID
    : map.getLayer(LAYER_IDS.contributionAreas)
      ? LAYER_IDS.contributionAreas
      : undefined;
  const updates: Promise<unknown>[] = [];
  for (const layer of layers) {
    const ids = referenceLayerIds(layer.id);
    const source = map.getSource<GeoJSONSource>(ids.source);
    if (!source) {
      map.addSource(ids.source, { type: 'geojson', data: layer.data as GeoJSON.FeatureCollection });
    } else if (known.get(layer.id) !== layer.data) {
      updates.push(source.setData(layer.data as GeoJSON.FeatureCollection));
    }
    known.set(layer.id, layer.data);
    for (const spec of referenceLayerSpecs(layer, !hidden.has(layer.id))) {
      if (!map.getLayer(spec.id)) {
        map.addLayer(spec, below);
      } else {
        map.setLayoutProperty(spec.id, 'visibility', hidden.has(layer.id) ? 'none' : 'visible');
        if (spec.type === 'fill') map.setPaintProperty(spec.id, 'fill-color', layer.colour);
        if (spec.type === 'line') map.setPaintProperty(spec.id, 'line-color', layer.colour);
        if (spec.type === 'circle') map.setPaintProperty(spec.id, 'circle-color', layer.colour);
      }
    }
  }
  await Promise.all(updates);
  // A hidden layer's source loads nothing, so only the shown ones are waited for.
  const shown = layers.filter((layer) => !hidden.has(layer.id));
  await Promise.all(shown.map((layer) => whenSourceDrawn(map, referenceLayerIds(layer.id).source)));
}
