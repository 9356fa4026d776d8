import type {
  AreaGeometry,
  Basemap,
  Category,
  Polygon,
  Position,
  PublicContributionFeature,
} from '@nabolag/schema';
import type {
  ColourValue,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from './style-types.ts';
import {
  WAITING_SOURCE_ID,
  type WaitingCollection,
  waitingCollection,
  waitingLayers,
} from './waiting-places.ts';

/** Source ids the rest of the app (and the end-to-end tests) rely on. */
export const SOURCE_IDS = {
  basemap: 'basemap',
  area: 'area',
  areaMask: 'area-mask',
  contributions: 'contributions',
  /** The participant's own places sent from this page, drawn over the tiles until these show them. */
  recentContributions: 'contributions-recent',
} as const;

/** The layer of `/tiles/:slug/contributions/{z}/{x}/{y}.mvt` (apps/api/src/modules/tiles). */
export const CONTRIBUTION_TILE_LAYER = 'contributions';

/**
 * The deepest zoom at which contribution tiles are fetched; deeper, MapLibre draws these tiles
 * larger (overzoom). At z 15 a tile is ~620 m wide at 59° N, so one unit of its 4096 is ~15 cm:
 * finer than a contribution's precision, and few tiles cover a neighbourhood.
 */
export const CONTRIBUTION_TILES_MAX_ZOOM = 15;

/** Layer ids, bottom to top. `contributions-points` is a test hook: keep its name. */
export const LAYER_IDS = {
  background: 'background',
  basemap: 'basemap',
  areaMask: 'area-mask',
  areaFill: 'area-fill',
  areaLine: 'area-line',
  contributionAreas: 'contributions-areas',
  contributionAreaOutlines: 'contributions-area-outlines',
  contributionLines: 'contributions-lines',
  contributionPoints: 'contributions-points',
} as const;

/** Layer ids of the participant's own places drawn over the tiles (see SOURCE_IDS.recentContributions). */
export const RECENT_LAYER_IDS = {
  areas: 'contributions-recent-areas',
  areaOutlines: 'contributions-recent-area-outlines',
  lines: 'contributions-recent-lines',
  points: 'contributions-recent-points',
} as const;

/** The layers a click on the map may hit to open a contribution's popup (those in the style). */
export const CONTRIBUTION_LAYER_IDS = [
  LAYER_IDS.contributionPoints,
  LAYER_IDS.contributionLines,
  LAYER_IDS.contributionAreas,
  RECENT_LAYER_IDS.points,
  RECENT_LAYER_IDS.lines,
  RECENT_LAYER_IDS.areas,
];

/** Calm, high-contrast colours for what is ours; categories bring their own. */
export const MAP_COLOURS = {
  background: '#eef0eb',
  area: '#1d4f91',
  mask: '#4a5260',
  fallbackCategory: '#5f6b7a',
  outline: '#ffffff',
} as const;

export interface ContributionCollection {
  type: 'FeatureCollection';
  features: PublicContributionFeature[];
}

export const contributionCollection = (
  features: readonly PublicContributionFeature[],
): ContributionCollection => ({
  type: 'FeatureCollection',
  features: [...features],
});

/**
 * Each contribution's colour from its category (`properties.category`), as a `match`
 * expression; unknown categories (e.g. since removed) get a neutral grey.
 */
export function categoryColourExpression(
  categories: readonly Pick<Category, 'key' | 'colour'>[],
): ColourValue {
  const [first, ...rest] = categories;
  if (!first) return MAP_COLOURS.fallbackCategory;
  return [
    'match',
    ['get', 'category'],
    first.key,
    first.colour,
    ...rest.flatMap((category) => [category.key, category.colour]),
    MAP_COLOURS.fallbackCategory,
  ];
}

/** Latitude limit of Web Mercator, in degrees: the mask covers the whole visible world. */
const MERCATOR_LIMIT = 85.05;

/**
 * A polygon covering the world with a hole for each part of the project area, to dim what is
 * outside it. Positions are `[longitude, latitude]`.
 */
export function areaMask(area: AreaGeometry): { type: 'Feature'; properties: object; geometry: Polygon } {
  const outerRings =
    area.type === 'Polygon' ? [area.coordinates[0]] : area.coordinates.map((polygon) => polygon[0]);
  const world: Position[] = [
    [-180, -MERCATOR_LIMIT],
    [180, -MERCATOR_LIMIT],
    [180, MERCATOR_LIMIT],
    [-180, MERCATOR_LIMIT],
    [-180, -MERCATOR_LIMIT],
  ];
  const holes = outerRings.filter((ring) => ring !== undefined);
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [world, ...holes] } };
}

function basemapSource(basemap: Basemap): SourceSpecification | null {
  if (basemap.kind !== 'raster') return null;
  return {
    type: 'raster',
    tiles: basemap.tiles,
    tileSize: basemap.tileSize,
    maxzoom: basemap.maxZoom,
    attribution: basemap.attribution,
  };
}

/**
 * Puts a fetched basemap style under ours: its sources, layers, glyphs and sprite stay, and a
 * source whose id clashes with one of ours is renamed (with the layers that use it).
 */
function basemapParts(
  style: StyleSpecification,
): Pick<StyleSpecification, 'sources' | 'layers' | 'glyphs' | 'sprite'> {
  const ours = new Set<string>(Object.values(SOURCE_IDS));
  const oursLayers = new Set<string>(Object.values(LAYER_IDS));
  const rename = (id: string) => (ours.has(id) ? `basemap-${id}` : id);
  const sources = Object.fromEntries(
    Object.entries(style.sources).map(([id, source]) => [rename(id), source]),
  );
  const layers = style.layers.map((layer) => {
    const id = oursLayers.has(layer.id) ? `basemap-${layer.id}` : layer.id;
    return (
      'source' in layer && typeof layer.source === 'string'
        ? { ...layer, id, source: rename(layer.source) }
        : { ...layer, id }
    ) as LayerSpecification;
  });
  return {
    sources,
    layers,
    ...(style.glyphs ? { glyphs: style.glyphs } : {}),
    ...(style.sprite ? { sprite: style.sprite } : {}),
  };
}

type ContributionLayerIds = Pick<
  typeof LAYER_IDS,
  'contributionAreas' | 'contributionAreaOutlines' | 'contributionLines' | 'contributionPoints'
>;

/** The layers of contributions (areas, their outlines, lines, points) from one source. */
function contributionLayers(
  ids: { [key in keyof ContributionLayerIds]: string },
  source: string,
  colour: ColourValue,
  sourceLayer?: string,
): LayerSpecification[] {
  const from = sourceLayer ? { source, 'source-layer': sourceLayer } : { source };
  return [
    {
      id: ids.contributionAreas,
      type: 'fill',
      ...from,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': colour, 'fill-opacity': 0.3 },
    },
    {
      id: ids.contributionAreaOutlines,
      type: 'line',
      ...from,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': colour, 'line-width': 2 },
    },
    {
      id: ids.contributionLines,
      type: 'line',
      ...from,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': colour, 'line-width': 4 },
    },
    {
      id: ids.contributionPoints,
      type: 'circle',
      ...from,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': colour,
        // Radius in pixels, growing with zoom so pins stay easy to hit on a phone.
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 15, 8, 19, 11],
        'circle-stroke-color': MAP_COLOURS.outline,
        'circle-stroke-width': 2,
      },
    },
  ] as LayerSpecification[];
}

export interface MapStyleInput {
  basemap: Basemap;
  /** The style document of a `style` basemap once fetched; `null` before (or when offline). */
  basemapStyle: StyleSpecification | null;
  area: AreaGeometry;
  categories: readonly Pick<Category, 'key' | 'colour'>[];
  /**
   * The contributions: with `contributionTiles`, only the participant's own places sent from
   * this page (drawn over the tiles, which show them after a refresh); else all of them.
   */
  contributions: ContributionCollection;
  /**
   * The public contributions as vector tiles: the URL template of the tiles route with `{z}`,
   * `{x}`, `{y}` (absolute: MapLibre fetches it in a worker). Left out: GeoJSON only.
   */
  contributionTiles?: string | null;
  /** The resident's places still in the outbox, drawn hollow on top; none when left out. */
  waiting?: WaitingCollection;
}

/**
 * The whole map style, built in code so that nothing but the basemap needs the network: a
 * plain background, the basemap, the project area (dimmed outside, outlined) and the
 * contributions coloured by category. No symbol layers, so no glyphs or sprites are fetched.
 */
export function buildStyle(input: MapStyleInput): StyleSpecification {
  const raster = basemapSource(input.basemap);
  const fetched =
    input.basemap.kind === 'style' && input.basemapStyle ? basemapParts(input.basemapStyle) : null;
  const colour = categoryColourExpression(input.categories);

  const sources: StyleSpecification['sources'] = {
    ...(fetched?.sources ?? {}),
    ...(raster ? { [SOURCE_IDS.basemap]: raster } : {}),
    [SOURCE_IDS.area]: {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: input.area }],
      },
    },
    [SOURCE_IDS.areaMask]: { type: 'geojson', data: areaMask(input.area) },
    ...(input.contributionTiles
      ? {
          [SOURCE_IDS.contributions]: {
            type: 'vector',
            tiles: [input.contributionTiles],
            maxzoom: CONTRIBUTION_TILES_MAX_ZOOM,
            // `feature.id` is the contribution's id, as with the GeoJSON source.
            promoteId: 'id',
          },
          [SOURCE_IDS.recentContributions]: { type: 'geojson', data: input.contributions },
        }
      : { [SOURCE_IDS.contributions]: { type: 'geojson', data: input.contributions } }),
    [WAITING_SOURCE_ID]: { type: 'geojson', data: input.waiting ?? waitingCollection([]) },
  };

  const layers: LayerSpecification[] = [
    { id: LAYER_IDS.background, type: 'background', paint: { 'background-color': MAP_COLOURS.background } },
    ...(fetched?.layers ?? []),
    ...(raster ? [{ id: LAYER_IDS.basemap, type: 'raster', source: SOURCE_IDS.basemap } as const] : []),
    {
      id: LAYER_IDS.areaMask,
      type: 'fill',
      source: SOURCE_IDS.areaMask,
      paint: { 'fill-color': MAP_COLOURS.mask, 'fill-opacity': 0.18 },
    },
    {
      id: LAYER_IDS.areaFill,
      type: 'fill',
      source: SOURCE_IDS.area,
      paint: { 'fill-color': MAP_COLOURS.area, 'fill-opacity': 0.06 },
    },
    {
      id: LAYER_IDS.areaLine,
      type: 'line',
      source: SOURCE_IDS.area,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': MAP_COLOURS.area, 'line-width': 2.5, 'line-opacity': 0.9 },
    },
    ...contributionLayers(
      LAYER_IDS,
      SOURCE_IDS.contributions,
      colour,
      input.contributionTiles ? CONTRIBUTION_TILE_LAYER : undefined,
    ),
    ...(input.contributionTiles
      ? contributionLayers(
          {
            contributionAreas: RECENT_LAYER_IDS.areas,
            contributionAreaOutlines: RECENT_LAYER_IDS.areaOutlines,
            contributionLines: RECENT_LAYER_IDS.lines,
            contributionPoints: RECENT_LAYER_IDS.points,
          },
          SOURCE_IDS.recentContributions,
          colour,
        )
      : []),
    ...waitingLayers(colour),
  ];

  return {
    version: 8,
    ...(fetched?.glyphs ? { glyphs: fetched.glyphs } : {}),
    ...(fetched?.sprite ? { sprite: fetched.sprite } : {}),
    sources,
    layers,
  };
}
