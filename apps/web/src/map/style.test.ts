import type { AreaGeometry } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  areaMask,
  buildStyle,
  CONTRIBUTION_TILES_MAX_ZOOM,
  categoryColourExpression,
  contributionCollection,
  LAYER_IDS,
} from './style.ts';
import type { StyleSpecification } from './style-types.ts';

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
const categories = [
  { key: 'meeting-places', colour: '#e4572e' },
  { key: 'least-liked', colour: '#29335c' },
];
const input = {
  basemap: { kind: 'none' } as const,
  basemapStyle: null,
  area,
  categories,
  contributions: contributionCollection([]),
};

const layerIds = (style: StyleSpecification) => style.layers.map((layer) => layer.id);

describe('categoryColourExpression', () => {
  it('matches each category key to its colour, grey for the rest', () => {
    expect(categoryColourExpression(categories)).toEqual([
      'match',
      ['get', 'category'],
      'meeting-places',
      '#e4572e',
      'least-liked',
      '#29335c',
      '#5f6b7a',
    ]);
  });

  it('is a plain colour when there are no categories (match needs at least one pair)', () => {
    expect(categoryColourExpression([])).toBe('#5f6b7a');
  });
});

describe('areaMask', () => {
  it('is the world with the area cut out', () => {
    const mask = areaMask(area);
    expect(mask.geometry.coordinates).toHaveLength(2);
    expect(mask.geometry.coordinates[1]).toEqual(area.coordinates[0]);
  });
});

describe('buildStyle', () => {
  it('draws background, area, contributions and waiting places, and asks nothing of the network without a basemap', () => {
    const style = buildStyle(input);
    expect(layerIds(style)).toEqual([
      'background',
      'area-mask',
      'area-fill',
      'area-line',
      'contributions-areas',
      'contributions-area-outlines',
      'contributions-lines',
      'contributions-points',
      'outbox-areas',
      'outbox-area-outlines',
      'outbox-lines',
      'outbox-points',
    ]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.some((layer) => layer.type === 'symbol')).toBe(false);
  });

  it('adds a raster basemap above the background with its attribution', () => {
    const style = buildStyle({
      ...input,
      basemap: {
        kind: 'raster',
        tiles: ['https://tiles.example/{z}/{y}/{x}.png'],
        attribution: '© Kartverket',
        tileSize: 256,
        maxZoom: 18,
      },
    });
    expect(layerIds(style).slice(0, 2)).toEqual(['background', 'basemap']);
    expect(style.sources.basemap).toMatchObject({ type: 'raster', attribution: '© Kartverket', maxzoom: 18 });
  });

  it('puts a fetched style under ours and renames a source that clashes with ours', () => {
    const fetched: StyleSpecification = {
      version: 8,
      glyphs: 'https://fonts.example/{fontstack}/{range}.pbf',
      sources: { area: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
      layers: [{ id: 'parks', type: 'fill', source: 'area' }],
    };
    const style = buildStyle({
      ...input,
      basemap: { kind: 'style', url: 'https://x/style.json' },
      basemapStyle: fetched,
    });
    expect(layerIds(style).slice(0, 3)).toEqual(['background', 'parks', 'area-mask']);
    expect(style.layers[1]).toMatchObject({ source: 'basemap-area' });
    expect(style.glyphs).toBe(fetched.glyphs);
    expect(style.sources.area).not.toBe(fetched.sources.area);
  });

  it('draws points in the layer the end-to-end tests query', () => {
    const style = buildStyle(input);
    const points = style.layers.find((layer) => layer.id === LAYER_IDS.contributionPoints);
    expect(points).toMatchObject({
      type: 'circle',
      source: 'contributions',
      filter: ['==', ['geometry-type'], 'Point'],
    });
  });

  it('draws the public contributions from vector tiles, with own places over them, in the same layers', () => {
    const tiles = 'https://nabolag.example/tiles/torstrand/contributions/{z}/{x}/{y}.mvt?v=7';
    const style = buildStyle({ ...input, contributionTiles: tiles });
    expect(style.sources.contributions).toEqual({
      type: 'vector',
      tiles: [tiles],
      maxzoom: CONTRIBUTION_TILES_MAX_ZOOM,
      promoteId: 'id',
    });
    expect(style.sources['contributions-recent']).toMatchObject({ type: 'geojson' });
    const points = style.layers.find((layer) => layer.id === LAYER_IDS.contributionPoints);
    expect(points).toMatchObject({ source: 'contributions', 'source-layer': 'contributions' });
    // Own places sit above the tiles' layers and under the outbox's hollow ones.
    expect(layerIds(style).slice(4)).toEqual([
      'contributions-areas',
      'contributions-area-outlines',
      'contributions-lines',
      'contributions-points',
      'contributions-recent-areas',
      'contributions-recent-area-outlines',
      'contributions-recent-lines',
      'contributions-recent-points',
      'outbox-areas',
      'outbox-area-outlines',
      'outbox-lines',
      'outbox-points',
    ]);
    const recentPoints = style.layers.find((layer) => layer.id === 'contributions-recent-points');
    expect(recentPoints).toMatchObject({ source: 'contributions-recent' });
    expect(recentPoints).not.toHaveProperty('source-layer');
  });

  it('keeps GeoJSON contributions without a source layer when no tiles are given', () => {
    const style = buildStyle(input);
    expect(style.sources.contributions).toMatchObject({ type: 'geojson' });
    expect(style.sources['contributions-recent']).toBeUndefined();
    expect(style.layers.find((layer) => layer.id === LAYER_IDS.contributionPoints)).not.toHaveProperty(
      'source-layer',
    );
  });
});
