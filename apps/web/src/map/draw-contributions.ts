import type { PublicContributionFeature } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { contributionCollection, SOURCE_IDS } from './style.ts';

/** Resolves once `sourceId` has loaded its tiles and the map has drawn a frame with them. */
export function whenSourceDrawn(map: MapLibreMap, sourceId: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      try {
        if (!map.isSourceLoaded(sourceId)) return;
      } catch {
        return; // the source is gone for a moment while a new style loads
      }
      map.off('sourcedata', check);
      map.once('render', () => resolve());
      map.triggerRepaint();
    };
    map.on('sourcedata', check);
    check();
  });
}

/**
 * Replaces the contributions on the map. Resolves to `true` once they are drawn (so that
 * `queryRenderedFeatures` finds them), `false` when the map has no contributions source.
 */
export async function drawContributions(map: MapLibreMap, features: readonly PublicContributionFeature[]) {
  const source = map.getSource<GeoJSONSource>(SOURCE_IDS.contributions);
  if (!source) return false;
  await source.setData(contributionCollection(features));
  await whenSourceDrawn(map, SOURCE_IDS.contributions);
  return true;
}
