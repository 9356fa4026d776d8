import type { PublicReferenceLayer } from '@nabolag/schema';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useState } from 'react';
import { drawReferenceLayers } from './reference-layers.ts';

/**
 * Keeps a loaded map's reference layers in line with `layers` and with which of them the reader
 * has hidden (in the legend). `drawn` is the number of layers drawn, `null` until they are: the
 * map's `data-reference-layers` attribute, which the end-to-end tests wait for.
 */
export function useReferenceLayersOnMap(map: MapLibreMap | null, layers: readonly PublicReferenceLayer[]) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [drawn, setDrawn] = useState<number | null>(null);

  useEffect(() => {
    if (!map) {
      setDrawn(null);
      return;
    }
    let current = true;
    void drawReferenceLayers(map, layers, hidden).then(() => {
      if (current) setDrawn(layers.length);
    });
    return () => {
      current = false;
    };
  }, [map, layers, hidden]);

  const toggle = useCallback((id: string, visible: boolean) => {
    setHidden((previous) => {
      const next = new Set(previous);
      if (visible) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  return { hidden, toggle, drawn };
}
