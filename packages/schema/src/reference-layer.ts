import { z } from 'zod';
import { languageTagSchema, localizedTextSchema } from './i18n.ts';
import { colourSchema } from './project.ts';

/** Largest reference-layer file accepted, in bytes. */
export const MAX_REFERENCE_LAYER_BYTES = 20 * 1024 * 1024;
/** Most features one reference layer may hold. */
export const MAX_REFERENCE_FEATURES = 20_000;
/** Content types a reference layer may be uploaded as (the file's bytes decide what it is). */
export const REFERENCE_LAYER_UPLOAD_TYPES = [
  'application/geo+json',
  'application/vnd.google-earth.kml+xml',
  'application/geopackage+sqlite3',
  'application/octet-stream',
] as const;

export const referenceLayerFormatSchema = z.enum(['geojson', 'gpkg', 'kml']);

const layerName = z.string().trim().min(1, 'a name is needed').max(200);

export const referenceLayerUploadQuerySchema = z.object({
  /** The layer's name in `lang`; more languages are added with PATCH. */
  name: layerName,
  lang: languageTagSchema.default('nb'),
  colour: colourSchema.default('#ff7f0e'),
  /** The uploaded file's name, kept for the staff list. */
  filename: z.string().max(255).optional(),
});
export type ReferenceLayerUploadQuery = z.infer<typeof referenceLayerUploadQuerySchema>;

export const referenceLayerSchema = z.object({
  id: z.uuid(),
  names: localizedTextSchema,
  colour: colourSchema,
  visible: z.boolean(),
  sourceFormat: referenceLayerFormatSchema,
  sourceName: z.string().nullable(),
  featureCount: z.number().int(),
  /** `Point`, `LineString`, `Polygon` (multi-part geometries count as their single type). */
  geometryTypes: z.array(z.string()),
  /** `[west, south, east, north]` in degrees. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  createdAt: z.string(),
});
export type ReferenceLayer = z.infer<typeof referenceLayerSchema>;

export const referenceLayerListSchema = z.object({ layers: z.array(referenceLayerSchema) });

export const referenceLayerUpdateSchema = z
  .object({
    names: z
      .record(languageTagSchema, layerName)
      .refine((names) => Object.keys(names).length > 0, 'a name is needed'),
    colour: colourSchema,
    visible: z.boolean(),
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');
export type ReferenceLayerUpdate = z.infer<typeof referenceLayerUpdateSchema>;

export const referenceLayerParamsSchema = z.object({ id: z.uuid({ message: 'id must be a UUID' }) });

/** A visible layer as residents' maps get it: names, colour and its features with a label each. */
export const publicReferenceLayerSchema = z.object({
  id: z.uuid(),
  names: localizedTextSchema,
  colour: colourSchema,
  data: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.string(), coordinates: z.unknown() }),
        properties: z.object({ label: z.string().nullable() }),
      }),
    ),
  }),
});
export type PublicReferenceLayer = z.infer<typeof publicReferenceLayerSchema>;
export const publicReferenceLayerListSchema = z.object({ layers: z.array(publicReferenceLayerSchema) });
