import { errorBodySchema } from '@nabolag/schema';

/** Error bodies every route may answer with; spread into a route's `response` schema. */
export const errorResponses = {
  '4xx': errorBodySchema,
  '5xx': errorBodySchema,
} as const;
