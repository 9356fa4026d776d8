import type { TFunction } from 'i18next';
import { SOURCE_IDS } from './style.ts';

/** Sources drawn from the project's own data; every other source belongs to the basemap. */
const OUR_SOURCES = new Set<string>([SOURCE_IDS.area, SOURCE_IDS.areaMask, SOURCE_IDS.contributions]);

/** MapLibre's own control texts, in the reader's language. */
export function mapLocale(t: TFunction, title: string): Record<string, string> {
  return {
    'Map.Title': t('map.label', { title }),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
    'Popup.Close': t('map.closePopup'),
    'Marker.Title': t('map.marker'),
  };
}

/**
 * Basemap tiles and styles come from the network and fail offline; the map is still useful
 * without them, so those errors are only noted. Errors in our own sources are real faults.
 */
export function reportMapError(event: { error: { message: string }; sourceId?: unknown }) {
  if (typeof event.sourceId === 'string' && !OUR_SOURCES.has(event.sourceId)) {
    console.debug('basemap unavailable:', event.error.message);
    return;
  }
  console.error(event.error);
}
