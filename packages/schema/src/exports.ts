import { z } from 'zod';
import { languageTagSchema } from './i18n.ts';

/** Formats of the whole-project download for GIS (planners only). */
export const EXPORT_FORMATS = ['gpkg', 'geojson', 'csv', 'kml', 'shp'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS, {
  message: `format must be one of ${EXPORT_FORMATS.join(', ')}`,
});
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** One layer per category, or one layer with a category column. */
export const exportLayoutSchema = z.enum(['per-category', 'single'], {
  message: 'layout must be per-category or single',
});
export type ExportLayout = z.infer<typeof exportLayoutSchema>;

/**
 * Coordinate systems an export may be written in (EPSG codes): WGS 84 (longitude, latitude in
 * degrees), ETRS89 / UTM 32N and 33N (metres; south and whole mainland Norway), Web Mercator.
 */
export const EXPORT_CRS = [4326, 25832, 25833, 3857] as const;
export type ExportCrs = (typeof EXPORT_CRS)[number];
export const exportCrsSchema = z
  .enum(['4326', '25832', '25833', '3857'], { message: `crs must be one of ${EXPORT_CRS.join(', ')}` })
  .transform((value) => Number(value) as ExportCrs);

export const exportQuerySchema = z.object({
  format: exportFormatSchema,
  layout: exportLayoutSchema.default('per-category'),
  /** Language of category labels and column titles. */
  lang: languageTagSchema.default('nb'),
  crs: exportCrsSchema.default(4326),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** What an export will hold, asked before the download so the page can show progress. */
export const exportSummarySchema = z.object({
  /** Contributions in the export (published and waiting for moderation; hidden ones are left out). */
  features: z.number().int(),
  categories: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      features: z.number().int(),
      points: z.number().int(),
      lines: z.number().int(),
      polygons: z.number().int(),
    }),
  ),
  formats: z.array(exportFormatSchema),
  crs: z.array(z.number().int()),
});
export type ExportSummary = z.infer<typeof exportSummarySchema>;
