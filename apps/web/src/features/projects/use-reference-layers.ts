import type { PublicReferenceLayer } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import { listReferenceLayers } from '../../api/nabolag-api.ts';

const NONE: readonly PublicReferenceLayer[] = [];

/**
 * The project's visible reference layers for a map. They only add context to the map: while
 * they load, or if they cannot be loaded, the map simply goes without them (and says nothing).
 */
export function useReferenceLayers(slug: string): readonly PublicReferenceLayer[] {
  const [layers, setLayers] = useState<readonly PublicReferenceLayer[]>(NONE);
  useEffect(() => {
    const abort = new AbortController();
    setLayers(NONE);
    listReferenceLayers(slug, abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        if (result.ok) setLayers(result.value.layers);
        else console.warn(`Reference layers of ${slug} not loaded: ${result.error.code}`);
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [slug]);
  return layers;
}
