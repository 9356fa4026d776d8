import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /**
     * Test hook (kept in production builds on purpose): the resident map's MapLibre instance,
     * so end-to-end tests can ask it what it drew, e.g.
     * `__nabolagMap.queryRenderedFeatures({ layers: ['contributions-points'] })`.
     * Set when a map is made, removed when that map is removed.
     */
    __nabolagMap?: MapLibreMap;
  }
}

export function exposeMapForTests(map: MapLibreMap): () => void {
  window.__nabolagMap = map;
  return () => {
    if (window.__nabolagMap === map) delete window.__nabolagMap;
  };
}
