import { type ErrorCode, errorBodySchema } from '@nabolag/schema';
import type { z } from 'zod';

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

export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; error: ApiFailure };

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
 * Sends a request and parses the answer with `schema` (the contract in `@nabolag/schema`).
 * Expected failures (no network, 4xx/5xx with an error body, a malformed answer) come back as
 * `{ ok: false }`; only an aborted request (`signal`) rejects, so callers can ignore it.
 */
export async function requestJson<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  init: RequestInit = {},
  fetchImpl: FetchLike = (input, requestInit) => globalThis.fetch(input, requestInit),
): Promise<ApiResult<z.infer<Schema>>> {
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
    const errorBody = errorBodySchema.safeParse(body);
    if (errorBody.success) {
      return { ok: false, error: { ...errorBody.data, status: response.status } };
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

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'UNEXPECTED_RESPONSE',
        status: response.status,
        message: `the answer to ${path} does not match the contract`,
        details: parsed.error.issues,
      },
    };
  }
  return { ok: true, value: parsed.data, status: response.status };
}
