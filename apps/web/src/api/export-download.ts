import { type ExportCrs, type ExportFormat, type ExportLayout, errorBodySchema } from '@nabolag/schema';
import type { ApiResult, FetchLike } from './client.ts';
import { filenameFromContentDisposition } from './content-disposition.ts';
import { featureCounter } from './feature-counter.ts';

/** What the planner asked for (`GET /api/projects/:slug/export`). */
export interface ExportChoice {
  format: ExportFormat;
  layout: ExportLayout;
  /** Language of the category labels in the file. */
  lang: string;
  /** EPSG code. */
  crs: ExportCrs;
}

/** How far a download has come; reported after each chunk. */
export interface DownloadProgress {
  /** Bytes received so far. */
  bytes: number;
  /** `Content-Length`, when the server knows it (GeoPackage and Shapefile); else `null`. */
  totalBytes: number | null;
  /** Features counted in the bytes so far, for formats that can be counted (see feature-counter.ts). */
  features: number | null;
  /** `X-Feature-Count`: how many features the file holds; `null` if the server did not say. */
  totalFeatures: number | null;
}

export interface DownloadedFile {
  blob: Blob;
  /** From `Content-Disposition`, or made from the project and format when it names none. */
  filename: string;
  totalFeatures: number | null;
  bytes: number;
}

/** The address of an export, e.g. `/api/projects/torstrand/export?format=gpkg&layout=single&lang=nb&crs=25832`. */
export function exportPath(slug: string, choice: ExportChoice): string {
  const query = new URLSearchParams({
    format: choice.format,
    layout: choice.layout,
    lang: choice.lang,
    crs: String(choice.crs),
  });
  return `/api/projects/${encodeURIComponent(slug)}/export?${query.toString()}`;
}

const EXTENSIONS: Record<ExportFormat, string> = {
  gpkg: 'gpkg',
  geojson: 'geojson',
  csv: 'csv',
  kml: 'kml',
  shp: 'zip',
};

const nonNegativeInteger = (value: string | null): number | null => {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
};

/**
 * Downloads a project's export, reading the body chunk by chunk so that `onProgress` can show
 * bytes, and features where the format allows. Failures come back as values (as `requestJson`
 * does); aborting with `signal` rejects, so that a cancel needs no message.
 */
export async function downloadExport(
  slug: string,
  choice: ExportChoice,
  options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void; fetchImpl?: FetchLike },
): Promise<ApiResult<DownloadedFile>> {
  const fetchImpl = options.fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await fetchImpl(exportPath(slug, choice), {
      credentials: 'same-origin',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { ok: false, error: { code: 'NETWORK', status: null, message: String(error) } };
  }

  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) return { ok: false, error: { ...parsed.data, status: response.status } };
    return {
      ok: false,
      error: {
        code: [502, 503, 504].includes(response.status) ? 'NETWORK' : 'UNEXPECTED_RESPONSE',
        status: response.status,
        message: `HTTP ${response.status} without an error body`,
      },
    };
  }

  const totalFeatures = nonNegativeInteger(response.headers.get('X-Feature-Count'));
  const totalBytes = nonNegativeInteger(response.headers.get('Content-Length'));
  const contentType = response.headers.get('Content-Type');
  const counter = featureCounter(choice.format, contentType);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  let features: number | null = counter ? 0 : null;
  const report = () => options.onProgress?.({ bytes, totalBytes, features, totalFeatures });
  report();

  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        if (counter) features = counter.push(value);
        report();
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // The connection broke half-way: what arrived is not a usable file.
      return { ok: false, error: { code: 'NETWORK', status: response.status, message: String(error) } };
    } finally {
      reader.releaseLock();
    }
  }
  if (totalBytes !== null && bytes !== totalBytes) {
    return {
      ok: false,
      error: { code: 'NETWORK', status: response.status, message: `${bytes} of ${totalBytes} bytes arrived` },
    };
  }

  const filename =
    filenameFromContentDisposition(response.headers.get('Content-Disposition')) ??
    `${slug}.${EXTENSIONS[choice.format]}`;
  return {
    ok: true,
    status: response.status,
    value: {
      blob: new Blob(chunks, { type: contentType ?? 'application/octet-stream' }),
      filename,
      totalFeatures,
      bytes,
    },
  };
}
