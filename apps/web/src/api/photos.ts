import type { PhotoStored } from '@nabolag/schema';
import { type ApiResult, type FetchLike, requestJson } from './client.ts';
import { anyAnswer, loadSchemas } from './schemas.ts';

/**
 * A contribution's photo, sent by the participant who made it. The server reads the image by
 * its bytes, turns it upright, shrinks it and drops every EXIF field (GPS position included)
 * before it stores it; the client only sends the file as it is.
 *
 * The photo goes up only after the contribution itself was accepted (the route needs it to
 * exist), so the offline outbox calls `uploadPhoto` once the server has acknowledged the
 * contribution it queued.
 */

const photoPath = (contributionId: string) =>
  `/api/contributions/${encodeURIComponent(contributionId)}/photo`;

/** How much of an upload has gone, for a progress bar. */
export interface UploadProgress {
  /** Bytes sent so far. */
  sent: number;
  /** Bytes in all; `null` when the browser cannot tell. */
  total: number | null;
}

export interface UploadOptions {
  /** Called as the bytes go out (only where the browser has XMLHttpRequest). */
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Replaces the transport, for tests; progress is then not reported. */
  fetchImpl?: FetchLike;
}

/** Header lines of an XMLHttpRequest answer as `Headers`. */
function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * A `fetch` made of XMLHttpRequest, because fetch cannot report upload progress (a 10 MB photo
 * on a phone's mobile connection can take a minute). It answers like fetch: a `Response` for
 * any HTTP answer, a rejected promise when no answer came or the request was aborted.
 */
export function fetchWithUploadProgress(onProgress: (progress: UploadProgress) => void): FetchLike {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open(init.method ?? 'GET', input);
      request.responseType = 'arraybuffer';
      for (const [name, value] of new Headers(init.headers)) request.setRequestHeader(name, value);
      request.upload.addEventListener('progress', (event) =>
        onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : null }),
      );
      request.addEventListener('load', () => {
        // 204 and 304 may not carry a body in a Response.
        const body = request.status === 204 || request.status === 304 ? null : request.response;
        resolve(
          new Response(body, {
            status: request.status,
            statusText: request.statusText,
            headers: parseHeaders(request.getAllResponseHeaders()),
          }),
        );
      });
      request.addEventListener('error', () => reject(new TypeError('network error')));
      request.addEventListener('timeout', () => reject(new TypeError('timed out')));
      const abort = () => request.abort();
      request.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      if (init.signal?.aborted) {
        reject(new DOMException('aborted', 'AbortError'));
        return;
      }
      init.signal?.addEventListener('abort', abort, { once: true });
      request.addEventListener('loadend', () => init.signal?.removeEventListener('abort', abort));
      request.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}

/**
 * `PUT /api/contributions/:id/photo` as the participant holding `participantToken`; `photo` is
 * the file as chosen (JPEG, PNG or WebP, at most `MAX_PHOTO_BYTES`). Sending it again replaces
 * the stored photo, so a retry after a lost reply is harmless. Only an aborted request rejects.
 */
export function uploadPhoto(
  contributionId: string,
  photo: Blob,
  participantToken: string,
  { onProgress, signal, fetchImpl }: UploadOptions = {},
): Promise<ApiResult<PhotoStored>> {
  const transport =
    fetchImpl ??
    (onProgress && typeof XMLHttpRequest === 'function' ? fetchWithUploadProgress(onProgress) : undefined);
  return requestJson(
    photoPath(contributionId),
    async () => (await loadSchemas()).photoStoredSchema,
    {
      method: 'PUT',
      headers: {
        // The server decides what the image is by its bytes; an unknown type is sent as JPEG
        // so that it reaches that check rather than failing on the header.
        'Content-Type': photo.type || 'image/jpeg',
        Authorization: `Bearer ${participantToken}`,
      },
      body: photo,
      ...(signal ? { signal } : {}),
    },
    transport,
  );
}

/** `DELETE /api/contributions/:id/photo`. A photo that is already gone counts as removed. */
export async function deletePhoto(
  contributionId: string,
  participantToken: string,
  fetchImpl?: FetchLike,
): Promise<ApiResult<void>> {
  const result = await requestJson(
    photoPath(contributionId),
    anyAnswer,
    { method: 'DELETE', headers: { Authorization: `Bearer ${participantToken}` } },
    fetchImpl,
  );
  if (result.ok) return { ok: true, value: undefined, status: result.status };
  if (result.error.code === 'PHOTO_NOT_FOUND') return { ok: true, value: undefined, status: 404 };
  return result;
}
