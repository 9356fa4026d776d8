import type { ErrorBody, ErrorCode } from '@nabolag/schema';

/**
 * The one list of errors: each code's HTTP status and default message. Messages are written for
 * the person who must act on them; the web app translates codes for residents.
 */
export const ERRORS: Record<ErrorCode, { status: number; message: string }> = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid; see details.' },
  MALFORMED_JSON: { status: 400, message: 'The body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  BODY_TOO_LARGE: { status: 413, message: 'The body is too large.' },
  NOT_FOUND: { status: 404, message: 'There is nothing at this address.' },
  PROJECT_NOT_FOUND: { status: 404, message: 'There is no project with this name.' },
  CONTRIBUTION_NOT_FOUND: { status: 404, message: 'There is no contribution with this id.' },
  PROJECT_CLOSED: { status: 403, message: 'This project is not taking contributions now.' },
  UNKNOWN_CATEGORY: { status: 400, message: 'This project has no such category.' },
  GEOMETRY_TYPE_NOT_ALLOWED: { status: 400, message: 'This category does not take this kind of geometry.' },
  INVALID_GEOMETRY: { status: 400, message: 'The geometry is not valid.' },
  OUTSIDE_PROJECT_AREA: { status: 400, message: 'The place is too far outside the project area.' },
  INVALID_ANSWERS: {
    status: 400,
    message: 'An answer to the questions about the place is missing or not valid; see details.',
  },
  UNKNOWN_SESSION: { status: 400, message: 'There is no open workshop session with this code.' },
  SESSION_NOT_OPEN: {
    status: 409,
    message: 'This workshop session is paused or closed; ask the facilitator.',
  },
  ID_CONFLICT: {
    status: 409,
    message: 'This id is already used by a different contribution; make a new id.',
  },
  SLUG_TAKEN: { status: 409, message: 'Another project has this short name; choose another.' },
  CATEGORY_IN_USE: {
    status: 409,
    message:
      'A category that already has contributions cannot be removed; hide it from new contributions instead.',
  },
  UNSUPPORTED_IMAGE: {
    status: 415,
    message: 'The photo must be a JPEG, PNG or WebP image of at most 10 MB.',
  },
  PHOTO_NOT_FOUND: { status: 404, message: 'This contribution has no photo.' },
  INVALID_REFERENCE_LAYER: {
    status: 400,
    message:
      'The file cannot be used as a map layer: send a GeoJSON, GeoPackage or KML file with valid features.',
  },
  UNAUTHORIZED: { status: 401, message: 'Sign in or send the participant token.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The e-mail address or the password is wrong.' },
  CSRF_FAILED: {
    status: 403,
    message: 'The request lacks the X-CSRF-Token header of your session; reload the page and try again.',
  },
  EMAIL_TAKEN: { status: 409, message: 'A user with this e-mail address exists already.' },
  USER_NOT_FOUND: { status: 404, message: 'There is no user with this id.' },
  ORGANISATION_NOT_FOUND: { status: 404, message: 'There is no organisation with this name.' },
  ORGANISATION_SLUG_TAKEN: {
    status: 409,
    message: 'Another organisation has this short name; choose another.',
  },
  ORGANISATION_REQUIRED: {
    status: 400,
    message: 'Say which organisation this is for: you belong to several.',
  },
  INVALID_IMAGE: { status: 400, message: 'The file is not a PNG, JPEG or WebP image that can be read.' },
  FORBIDDEN: { status: 403, message: 'You may not do this.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; wait a little and try again.' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'The database is not reachable just now; try again shortly.',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. It has been logged.' },
};

/** An expected failure with a stable code, thrown at the edge (routes) and turned into JSON by the handler. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** The domain's way to say "no" without throwing: `{ ok: false, code, reason }`. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; reason: string; details?: unknown };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, reason: string, details?: unknown): Result<T> => ({
  ok: false,
  code,
  reason,
  details,
});

/** Unwraps a domain result at the edge: a failure becomes the matching 4xx. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.code, result.reason, result.details);
}
