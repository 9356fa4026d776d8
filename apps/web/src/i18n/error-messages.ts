import type { ParseKeys } from 'i18next';
import type { ApiFailure } from '../api/client.ts';

/**
 * Every failure the API client can report, each with the sentence a person is shown. The type
 * check fails when the schema gains an error code without a sentence here (and in every locale).
 */
const MESSAGE_KEYS = {
  NETWORK: 'errors.NETWORK',
  UNEXPECTED_RESPONSE: 'errors.UNEXPECTED_RESPONSE',
  VALIDATION_FAILED: 'errors.VALIDATION_FAILED',
  MALFORMED_JSON: 'errors.MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'errors.UNSUPPORTED_MEDIA_TYPE',
  BODY_TOO_LARGE: 'errors.BODY_TOO_LARGE',
  NOT_FOUND: 'errors.NOT_FOUND',
  PROJECT_NOT_FOUND: 'errors.PROJECT_NOT_FOUND',
  CONTRIBUTION_NOT_FOUND: 'errors.CONTRIBUTION_NOT_FOUND',
  PROJECT_CLOSED: 'errors.PROJECT_CLOSED',
  UNKNOWN_CATEGORY: 'errors.UNKNOWN_CATEGORY',
  GEOMETRY_TYPE_NOT_ALLOWED: 'errors.GEOMETRY_TYPE_NOT_ALLOWED',
  INVALID_GEOMETRY: 'errors.INVALID_GEOMETRY',
  OUTSIDE_PROJECT_AREA: 'errors.OUTSIDE_PROJECT_AREA',
  INVALID_ANSWERS: 'errors.INVALID_ANSWERS',
  UNKNOWN_SESSION: 'errors.UNKNOWN_SESSION',
  SESSION_NOT_OPEN: 'errors.SESSION_NOT_OPEN',
  ID_CONFLICT: 'errors.ID_CONFLICT',
  UNSUPPORTED_IMAGE: 'errors.UNSUPPORTED_IMAGE',
  PHOTO_NOT_FOUND: 'errors.PHOTO_NOT_FOUND',
  INVALID_REFERENCE_LAYER: 'errors.INVALID_REFERENCE_LAYER',
  UNAUTHORIZED: 'errors.UNAUTHORIZED',
  INVALID_CREDENTIALS: 'errors.INVALID_CREDENTIALS',
  CSRF_FAILED: 'errors.CSRF_FAILED',
  EMAIL_TAKEN: 'errors.EMAIL_TAKEN',
  USER_NOT_FOUND: 'errors.USER_NOT_FOUND',
  ORGANISATION_NOT_FOUND: 'errors.ORGANISATION_NOT_FOUND',
  ORGANISATION_SLUG_TAKEN: 'errors.ORGANISATION_SLUG_TAKEN',
  ORGANISATION_REQUIRED: 'errors.ORGANISATION_REQUIRED',
  INVALID_IMAGE: 'errors.INVALID_IMAGE',
  SLUG_TAKEN: 'errors.SLUG_TAKEN',
  CATEGORY_IN_USE: 'errors.CATEGORY_IN_USE',
  FORBIDDEN: 'errors.FORBIDDEN',
  RATE_LIMITED: 'errors.RATE_LIMITED',
  DATABASE_UNAVAILABLE: 'errors.DATABASE_UNAVAILABLE',
  INTERNAL: 'errors.INTERNAL',
} as const satisfies Record<ApiFailure['code'], ParseKeys>;

/**
 * The translation key for a failure's code. A code the app does not know yet (a newer server)
 * reads as an unexpected answer rather than as a missing text.
 */
export function errorMessageKey(code: string): ParseKeys {
  return Object.hasOwn(MESSAGE_KEYS, code)
    ? MESSAGE_KEYS[code as keyof typeof MESSAGE_KEYS]
    : MESSAGE_KEYS.UNEXPECTED_RESPONSE;
}
