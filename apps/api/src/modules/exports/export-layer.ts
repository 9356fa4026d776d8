import type { ExportColumn, ExportRow } from './export-columns.ts';

/** One layer of an export: a category, or every contribution (with a category column). */
export interface ExportLayer {
  name: string;
  title: string;
  /** `#rrggbb`, for formats that carry a style (KML). */
  colour?: string;
  /**
   * The layer's attributes: the base columns, then the answer columns of the questions its
   * contributions may have answered (a category's layer: that category's; one layer: all).
   */
  columns: readonly ExportColumn[];
  /** A new reader of the layer's rows in batches, each time it is called. */
  rows: () => AsyncIterable<ExportRow[]>;
}

/** A layer name safe as a file and table name: the category key with `_` for `-`. */
export const layerFileName = (name: string) => name.replaceAll('-', '_');
