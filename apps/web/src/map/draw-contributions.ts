import type { PublicContributionFeature } from '@nabolag/schema';
import type { GeoJSONSource, Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import { contributionCollection, SOURCE_IDS } from './style.ts';

/**
 * Whether `map` was removed (`map.remove()` drops its style). A page's effects can still reach a
 * removed map in the commit that replaces it (another language, data that arrived meanwhile).
 */
export const mapIsRemoved = (map: MapLibreMap): boolean =>
  (map.style as MapLibreMap['style'] | undefined) == null;

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
  if (mapIsRemoved(map)) return false;
  const source = map.getSource<GeoJSONSource>(SOURCE_IDS.contributions);
  if (!source) return false;
  await source.setData(contributionCollection(features));
  await whenSourceDrawn(map, SOURCE_IDS.contributions);
  return true;
}

/** Replaces the participant's own places drawn over the contribution tiles; `false` without tiles. */
export async function drawRecentContributions(
  map: MapLibreMap,
  features: readonly PublicContributionFeature[],
): Promise<boolean> {
  if (mapIsRemoved(map)) return false;
  const source = map.getSource<GeoJSONSource>(SOURCE_IDS.recentContributions);
  if (!source) return false;
  await source.setData(contributionCollection(features));
  return true;
}

/**
 * Points the contribution tiles at `url` (a URL template); the tiles are loaded again when it
 * differs, which a new version parameter makes the way past the browser's 60 s tile cache.
 */
export function setContributionTiles(map: MapLibreMap, url: string): void {
  if (mapIsRemoved(map)) return;
  const source = map.getSource<VectorTileSource>(SOURCE_IDS.contributions);
  if (source?.type !== 'vector' || source.tiles?.[0] === url) return;
  source.setTiles([url]);
}
