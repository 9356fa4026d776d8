import { z } from 'zod';

/**
 * Every error code the API answers with. The API maps each to an HTTP status and a message
 * (`apps/api/src/errors.ts`); the web app maps each to a sentence in the reader's language.
 */
export const errorCodeSchema = z.enum([
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_TOO_LARGE',
  'NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'CONTRIBUTION_NOT_FOUND',
  'PROJECT_CLOSED',
  'UNKNOWN_CATEGORY',
  'GEOMETRY_TYPE_NOT_ALLOWED',
  'INVALID_GEOMETRY',
  'OUTSIDE_PROJECT_AREA',
  'INVALID_ANSWERS',
  'UNKNOWN_SESSION',
  'SESSION_NOT_OPEN',
  'ID_CONFLICT',
  'SLUG_TAKEN',
  'CATEGORY_IN_USE',
  'UNSUPPORTED_IMAGE',
  'PHOTO_NOT_FOUND',
  'INVALID_REFERENCE_LAYER',
  'UNAUTHORIZED',
  'INVALID_CREDENTIALS',
  'CSRF_FAILED',
  'EMAIL_TAKEN',
  'USER_NOT_FOUND',
  'ORGANISATION_NOT_FOUND',
  'ORGANISATION_SLUG_TAKEN',
  'ORGANISATION_REQUIRED',
  'INVALID_IMAGE',
  'FORBIDDEN',
  'RATE_LIMITED',
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The body of every error response. */
export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
