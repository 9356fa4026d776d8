import { z } from 'zod';

/**
 * GeoJSON geometry schemas (RFC 7946) for what residents may draw.
 * Positions are `[longitude, latitude]` in degrees (WGS 84, EPSG:4326), in that order.
 */

/** Most vertices one drawn geometry may have: far above any hand-drawn shape, well below abuse. */
export const MAX_VERTICES = 2000;

const longitude = z
  .number()
  .finite()
  .min(-180, 'longitude must be between -180 and 180 degrees')
  .max(180, 'longitude must be between -180 and 180 degrees');
const latitude = z
  .number()
  .finite()
  .min(-90, 'latitude must be between -90 and 90 degrees')
  .max(90, 'latitude must be between -90 and 90 degrees');

/** `[longitude, latitude]` (an optional third number, elevation in metres, is accepted and ignored). */
export const positionSchema = z.union([
  z.tuple([longitude, latitude]),
  z.tuple([longitude, latitude, z.number().finite()]),
]);
export type Position = z.infer<typeof positionSchema>;

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

const linearRingSchema = z
  .array(positionSchema)
  .min(4, 'a polygon ring needs at least 4 positions (the first repeated as the last)')
  .max(MAX_VERTICES, `a ring may have at most ${MAX_VERTICES} positions`)
  .refine(
    (ring) => samePosition(ring[0] as Position, ring[ring.length - 1] as Position),
    'a polygon ring must end where it starts',
  );

export const pointSchema = z.object({
  type: z.literal('Point'),
  coordinates: positionSchema,
});
export type Point = z.infer<typeof pointSchema>;

export const lineStringSchema = z.object({
  type: z.literal('LineString'),
  coordinates: z
    .array(positionSchema)
    .min(2, 'a line needs at least 2 positions')
    .max(MAX_VERTICES, `a line may have at most ${MAX_VERTICES} positions`),
});
export type LineString = z.infer<typeof lineStringSchema>;

export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(linearRingSchema).min(1, 'a polygon needs an outer ring').max(50),
});
export type Polygon = z.infer<typeof polygonSchema>;

export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(linearRingSchema).min(1)).min(1).max(100),
});
export type MultiPolygon = z.infer<typeof multiPolygonSchema>;

/** The geometry types a contribution may have, by their GeoJSON names. */
export const contributionGeometryTypeSchema = z.enum(['Point', 'LineString', 'Polygon']);
export type ContributionGeometryType = z.infer<typeof contributionGeometryTypeSchema>;

export const contributionGeometrySchema = z.discriminatedUnion('type', [
  pointSchema,
  lineStringSchema,
  polygonSchema,
]);
export type ContributionGeometry = z.infer<typeof contributionGeometrySchema>;

/** A project's area: one polygon or several. */
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);
export type AreaGeometry = z.infer<typeof areaGeometrySchema>;

/** `[minLongitude, minLatitude, maxLongitude, maxLatitude]` in degrees. */
export const bboxSchema = z
  .tuple([longitude, latitude, longitude, latitude])
  .refine(([w, s, e, n]) => w <= e && s <= n, 'bbox must be minLon,minLat,maxLon,maxLat');
export type BBox = z.infer<typeof bboxSchema>;

/** Parses the `bbox=minLon,minLat,maxLon,maxLat` query parameter. */
export const bboxQuerySchema = z
  .string()
  .transform((value) => value.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part))))
  .refine(
    (parts) => parts.length === 4 && parts.every(Number.isFinite),
    'bbox must be four numbers: minLon,minLat,maxLon,maxLat (degrees)',
  )
  .pipe(bboxSchema);
