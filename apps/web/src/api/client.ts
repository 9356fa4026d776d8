import type { ErrorCode } from '@nabolag/schema';
import type { z } from 'zod';
import { afterInteractive } from './schemas.ts';

/**
 * Why a request did not give what was asked for. `code` is one of the API's error codes, or
 * `NETWORK` (no answer: offline, server down, proxy without a server behind it) or
 * `UNEXPECTED_RESPONSE` (an answer that breaks the contract).
 */
export interface ApiFailure {
  code: ErrorCode | 'NETWORK' | 'UNEXPECTED_RESPONSE';
  /** HTTP status, or `null` when no answer came. */
  status: number | null;
  /** The server's own text, for logs; people see the translated sentence for `code`. */
  message: string;
  details?: unknown;
}

export type ApiResult<T> =
  | {
      ok: true;
      value: T;
      status: number;
      /**
       * Set when the answer is the service worker's saved copy, not the server's (offline, or the
       * server too slow): when that copy was taken, ISO 8601. See `SAVED_AT_HEADER`.
       */
      savedAt?: string;
    }
  | { ok: false; error: ApiFailure };

/**
 * The header the service worker puts on an answer it gives from its cache instead of the
 * network (`offline/service-worker/sw.ts`): when it kept that copy, ISO 8601.
 */
export const SAVED_AT_HEADER = 'X-Nabolag-Saved-At';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Statuses a gateway or dev proxy answers with when the API itself is not there. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The API's error body (`errorBodySchema`: `{ code, message, details? }`), checked by hand so
 * that reading an error needs no zod. A code this app does not know yet is kept as it is (the
 * reader then sees the generic sentence for it).
 */
function errorBodyOf(body: unknown): Omit<ApiFailure, 'status'> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, message, details } = body as Record<string, unknown>;
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(code) || typeof message !== 'string')
    return undefined;
  return { code: code as ErrorCode, message, ...(details !== undefined ? { details } : {}) };
}

/** A schema, or a function that loads it (see `schemas.ts`): zod is then fetched on first use. */
export type SchemaSource<Schema extends z.ZodType> = Schema | (() => Promise<Schema>);

/**
 * Sends a request and parses the answer with `schema` (the contract in `@nabolag/schema`).
 * Expected failures (no network, 4xx/5xx with an error body, a malformed answer) come back as
 * `{ ok: false }`; only an aborted request (`signal`) rejects, so callers can ignore it.
 */
export async function requestJson<Schema extends z.ZodType>(
  path: string,
  schema: SchemaSource<Schema>,
  init: RequestInit = {},
  fetchImpl: FetchLike = (input, requestInit) => globalThis.fetch(input, requestInit),
): Promise<ApiResult<z.infer<Schema>>> {
  const answer = await requestAnswer(path, init, fetchImpl);
  if (!answer.ok) return answer;
  let parsed: z.ZodSafeParseResult<z.infer<Schema>>;
  try {
    parsed = (typeof schema === 'function' ? await schema() : schema).safeParse(answer.value);
  } catch (error) {
    // The schemas' chunk did not arrive (offline with an old cache): as if no answer came.
    return { ok: false, error: { code: 'NETWORK', status: null, message: String(error) } };
  }
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'UNEXPECTED_RESPONSE',
        status: answer.status,
        message: `the answer to ${path} does not match the contract`,
        details: parsed.error.issues,
      },
    };
  }
  return { ok: true, value: parsed.data, status: answer.status, ...savedAtOf(answer) };
}

const savedAtOf = (answer: { savedAt?: string }) => (answer.savedAt ? { savedAt: answer.savedAt } : {});

/**
 * Like `requestJson`, for the few GETs a page needs before it can answer (the resident map's
 * project and places): the answer is handed over at once and checked against the contract
 * once the page is interactive and idle, so zod is not on the way to the first screen. A breach is reported on
 * the console. This is safe because the API serializes every answer through the same schema
 * (fastify-type-provider-zod); the late check catches a proxy or an old server in between.
 * Only for answers whose schema has no transforms or defaults the server would not already
 * have applied.
 */
export async function requestJsonCheckedLater<Schema extends z.ZodType>(
  path: string,
  schema: () => Promise<Schema>,
  init: RequestInit = {},
  fetchImpl: FetchLike = (input, requestInit) => globalThis.fetch(input, requestInit),
): Promise<ApiResult<z.infer<Schema>>> {
  const answer = await requestAnswer(path, init, fetchImpl);
  if (!answer.ok) return answer;
  if (typeof answer.value !== 'object' || answer.value === null) {
    // Not even JSON: a captive portal's page, a proxy's error. No need to wait for zod to say so.
    return {
      ok: false,
      error: {
        code: 'UNEXPECTED_RESPONSE',
        status: answer.status,
        message: `the answer to ${path} is not a JSON object`,
      },
    };
  }
  afterInteractive(() => {
    schema()
      .then((loaded) => {
        const parsed = loaded.safeParse(answer.value);
        if (!parsed.success)
          console.error(`the answer to ${path} does not match the contract`, parsed.error.issues);
      })
      .catch(() => undefined);
  });
  return { ok: true, value: answer.value as z.infer<Schema>, status: answer.status, ...savedAtOf(answer) };
}

/** Sends the request; a 2xx answer's body (JSON, or `undefined`), or the failure. */
async function requestAnswer(
  path: string,
  init: RequestInit,
  fetchImpl: FetchLike,
): Promise<ApiResult<unknown>> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetchImpl(path, { ...init, headers });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return { ok: false, error: { code: 'NETWORK', status: null, message: String(error) } };
  }

  const body = await readJson(response);
  if (!response.ok) {
    const errorBody = errorBodyOf(body);
    if (errorBody) {
      return { ok: false, error: { ...errorBody, status: response.status } };
    }
    return {
      ok: false,
      error: {
        code: GATEWAY_STATUSES.has(response.status) ? 'NETWORK' : 'UNEXPECTED_RESPONSE',
        status: response.status,
        message: `HTTP ${response.status} without an error body`,
      },
    };
  }
  const savedAt = response.headers.get(SAVED_AT_HEADER);
  return { ok: true, value: body, status: response.status, ...(savedAt ? { savedAt } : {}) };
}
