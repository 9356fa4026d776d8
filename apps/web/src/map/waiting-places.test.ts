import type { AreaGeometry } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { buildStyle, contributionCollection } from './style.ts';
import { WAITING_LAYER_IDS, WAITING_SOURCE_ID, waitingCollection } from './waiting-places.ts';

const area: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [10.02, 59.04],
      [10.05, 59.04],
      [10.05, 59.06],
      [10.02, 59.04],
    ],
  ],
};

describe('waiting places on the map', () => {
  it('carries id, category and whether the server refused it, by id', () => {
    const collection = waitingCollection([
      {
        id: 'a1',
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: [10.03, 59.05] },
        failed: false,
      },
    ]);
    expect(collection.features).toEqual([
      {
        type: 'Feature',
        id: 'a1',
        geometry: { type: 'Point', coordinates: [10.03, 59.05] },
        properties: { id: 'a1', category: 'meeting-places', failed: false },
      },
    ]);
  });

  it('draws waiting points hollow (a white disc ringed in the category colour), above stored ones', () => {
    const style = buildStyle({
      basemap: { kind: 'none' },
      basemapStyle: null,
      area,
      categories: [{ key: 'meeting-places', colour: '#e4572e' }],
      contributions: contributionCollection([]),
    });
    expect(style.sources[WAITING_SOURCE_ID]).toMatchObject({ type: 'geojson' });
    const points = style.layers.find((layer) => layer.id === WAITING_LAYER_IDS.points);
    expect(points).toMatchObject({
      type: 'circle',
      source: WAITING_SOURCE_ID,
      paint: { 'circle-color': '#ffffff' },
    });
    expect(style.layers.at(-1)?.id).toBe(WAITING_LAYER_IDS.points);
  });
});
