import type { Map as MapLibreMap } from 'maplibre-gl';
import { LAYER_IDS, SOURCE_IDS } from './style.ts';
import type { LayerSpecification } from './style-types.ts';

/**
 * Pins for a projector, readable from the back of a room. The resident map's pins grow from 5 px
 * to 11 px with zoom, tuned for tapping on a phone; on a wall at 1080p a 5–8 px dot is a speck
 * from 10 m (≈ 3 mm of a 2.5 m wide picture). Here every pin is a fixed 11 px at 1080p, ringed in
 * white and then in near-black, so it stands out on the pale basemap, on the plain background
 * without tiles and on the heatmap's darkest cells alike.
 */

/** Radius of a pin's disc at 1080p, in CSS pixels (scaled with the screen). */
export const PROJECTOR_PIN_RADIUS_PX = 11;
/** Width of the white ring at 1080p, in CSS pixels. */
const RING_PX = 3;
/** Width of the dark outline outside the ring at 1080p, in CSS pixels. */
const OUTLINE_PX = 2;
const OUTLINE_COLOUR = '#111111';

/** The dark outline's layer, drawn just under the pins. */
export const PROJECTOR_PIN_OUTLINE_LAYER = 'contributions-points-outline';

/** The scale of a projector's picture against 1080p (1 at 1920×1080, 2 at 3840×2160); never below 1. */
export function projectorScale(viewportHeightPx: number): number {
  return Math.max(1, viewportHeightPx / 1080);
}

/** The paint of projector pins at `scale` (see `projectorScale`). */
export function projectorPinPaint(scale: number) {
  const radius = PROJECTOR_PIN_RADIUS_PX * scale;
  const ring = RING_PX * scale;
  return {
    radius,
    ring,
    outlineRadius: radius + ring + OUTLINE_PX * scale,
  };
}

/**
 * Makes the map's point contributions projector pins at `scale`; call again after a new style
 * (it drops the outline layer). Does nothing before the contributions' layer exists.
 */
export function emphasisePins(map: MapLibreMap, scale: number): void {
  if (!map.getLayer(LAYER_IDS.contributionPoints)) return;
  const paint = projectorPinPaint(scale);
  map.setPaintProperty(LAYER_IDS.contributionPoints, 'circle-radius', paint.radius);
  map.setPaintProperty(LAYER_IDS.contributionPoints, 'circle-stroke-width', paint.ring);
  map.setPaintProperty(LAYER_IDS.contributionPoints, 'circle-stroke-color', '#ffffff');
  if (map.getLayer(PROJECTOR_PIN_OUTLINE_LAYER)) {
    map.setPaintProperty(PROJECTOR_PIN_OUTLINE_LAYER, 'circle-radius', paint.outlineRadius);
    return;
  }
  const outline: LayerSpecification = {
    id: PROJECTOR_PIN_OUTLINE_LAYER,
    type: 'circle',
    source: SOURCE_IDS.contributions,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': OUTLINE_COLOUR, 'circle-radius': paint.outlineRadius },
  } as LayerSpecification;
  map.addLayer(outline, LAYER_IDS.contributionPoints);
}
