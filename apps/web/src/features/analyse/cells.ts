import type { AnalysisDisplay } from '../../map/analysis-layers.ts';

type Polygon = { type: 'Polygon'; coordinates: number[][][] };

/** One row of the list of cells (the map's equivalent for keyboard and screen-reader users). */
export interface CellRow {
  /** `q,r` at the view's cell size. */
  cell: string;
  polygon: Polygon;
  /** `[longitude, latitude]` of the hexagon's centre, degrees. */
  centre: [number, number];
  /** Contributions in the cell (A + B for a comparison). */
  count: number;
  participants: number | null;
  /** Hot spots: z-score and class; comparisons: A, B, the difference and how contested. */
  z?: number | null;
  hotSpotClass?: number;
  a?: number;
  b?: number;
  difference?: number;
  contested?: number;
}

/** The centre of a hexagon: the mean of its outer ring's corners (the closing point left out). */
export function cellCentre(polygon: Polygon): [number, number] {
  const ring = polygon.coordinates[0] ?? [];
  const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
  if (corners.length === 0) return [0, 0];
  let x = 0;
  let y = 0;
  for (const [longitude = 0, latitude = 0] of corners) {
    x += longitude;
    y += latitude;
  }
  return [x / corners.length, y / corners.length];
}

/**
 * The cells of a display as rows, most telling first: the busiest cells of a heatmap, the
 * strongest hot spots (by |z|, significant ones only), the most contested or most different
 * cells of a comparison. A density view has no cells.
 */
export function cellRows(display: AnalysisDisplay): CellRow[] {
  switch (display.kind) {
    case 'density':
      return [];
    case 'heatmap':
      return display.cells.features
        .map((feature) => ({
          cell: feature.properties.cell,
          polygon: feature.geometry,
          centre: cellCentre(feature.geometry),
          count: feature.properties.count,
          participants: feature.properties.participants,
        }))
        .sort((x, y) => y.count - x.count || y.participants - x.participants || x.cell.localeCompare(y.cell));
    case 'hot-spots':
      return display.hotSpots.features
        .filter((feature) => feature.properties.class !== 0)
        .map((feature) => ({
          cell: feature.properties.cell,
          polygon: feature.geometry,
          centre: cellCentre(feature.geometry),
          count: feature.properties.count,
          participants: null,
          z: feature.properties.z,
          hotSpotClass: feature.properties.class,
        }))
        .sort((x, y) => Math.abs(y.z ?? 0) - Math.abs(x.z ?? 0) || x.cell.localeCompare(y.cell));
    case 'compare': {
      const key = display.measure;
      return display.comparison.features
        .map((feature) => ({
          cell: feature.properties.cell,
          polygon: feature.geometry,
          centre: cellCentre(feature.geometry),
          count: feature.properties.a + feature.properties.b,
          participants: null,
          a: feature.properties.a,
          b: feature.properties.b,
          difference: feature.properties.difference,
          contested: feature.properties.contested,
        }))
        .sort((x, y) =>
          key === 'contested'
            ? y.contested - x.contested || y.count - x.count || x.cell.localeCompare(y.cell)
            : Math.abs(y.difference) - Math.abs(x.difference) || x.cell.localeCompare(y.cell),
        );
    }
  }
}

/** The hexagon of cell `id` in the display, if it is drawn. */
export function cellPolygon(display: AnalysisDisplay | null, id: string | null): Polygon | null {
  if (!display || !id) return null;
  const features =
    display.kind === 'heatmap'
      ? display.cells.features
      : display.kind === 'hot-spots'
        ? display.hotSpots.features
        : display.kind === 'compare'
          ? display.comparison.features
          : [];
  return features.find((feature) => feature.properties.cell === id)?.geometry ?? null;
}
