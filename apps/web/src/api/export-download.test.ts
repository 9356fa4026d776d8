import { describe, expect, it } from 'vitest';
import type { FetchLike } from './client.ts';
import { type DownloadProgress, downloadExport, exportPath } from './export-download.ts';

const choice = { format: 'geojson', layout: 'single', lang: 'nb', crs: 4326 } as const;

/** A response whose body arrives in the given pieces. */
function streamed(pieces: string[], headers: Record<string, string>, status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(body, { status, headers });
}

describe('exportPath', () => {
  it('names every choice in the query', () => {
    expect(exportPath('tor-strand', { format: 'gpkg', layout: 'per-category', lang: 'nn', crs: 25832 })).toBe(
      '/api/projects/tor-strand/export?format=gpkg&layout=per-category&lang=nn&crs=25832',
    );
  });
});

describe('downloadExport', () => {
  it('reports bytes and features as they come and names the file from Content-Disposition', async () => {
    const pieces = [
      '{"type":"FeatureCollection","features":[\n{"type":"Fea',
      'ture","id":"1"},\n{"type":"Feature","id":"2"}',
      '\n]}\n',
    ];
    const fetchImpl: FetchLike = async (path) => {
      expect(path).toBe(exportPath('torstrand', choice));
      return streamed(pieces, {
        'Content-Type': 'application/geo+json',
        'Content-Disposition': `attachment; filename="torstrand-2025-06-01.geojson"`,
        'X-Feature-Count': '2',
      });
    };
    const progress: DownloadProgress[] = [];
    const result = await downloadExport('torstrand', choice, {
      fetchImpl,
      onProgress: (p) => progress.push(p),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.filename).toBe('torstrand-2025-06-01.geojson');
    expect(result.value.totalFeatures).toBe(2);
    expect(await result.value.blob.text()).toBe(pieces.join(''));
    expect(progress.map((p) => p.features)).toEqual([0, 0, 2, 2]);
    expect(progress.at(-1)).toEqual({
      bytes: pieces.join('').length,
      totalBytes: null,
      features: 2,
      totalFeatures: 2,
    });
  });

  it('gives the API error of a refused export as a value', async () => {
    const fetchImpl: FetchLike = async () =>
      new Response(JSON.stringify({ code: 'VALIDATION_FAILED', message: 'KML is always in EPSG:4326' }), {
        status: 400,
        headers: { 'Content-Type': 'application/json' },
      });
    const result = await downloadExport('torstrand', { ...choice, format: 'kml', crs: 25832 }, { fetchImpl });
    expect(result).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'KML is always in EPSG:4326', status: 400 },
    });
  });

  it('refuses a body shorter than its Content-Length', async () => {
    const fetchImpl: FetchLike = async () =>
      streamed(['abc'], { 'Content-Type': 'application/geopackage+sqlite3', 'Content-Length': '10' });
    const result = await downloadExport('torstrand', { ...choice, format: 'gpkg' }, { fetchImpl });
    expect(result.ok === false && result.error.code).toBe('NETWORK');
  });

  it('makes a file name when the server gives none', async () => {
    const fetchImpl: FetchLike = async () => streamed(['PK'], { 'Content-Type': 'application/zip' });
    const result = await downloadExport('torstrand', { ...choice, format: 'shp' }, { fetchImpl });
    expect(result.ok && result.value.filename).toBe('torstrand.zip');
  });

  it('rejects when cancelled, so that a cancel needs no error message', async () => {
    const abort = new AbortController();
    const fetchImpl: FetchLike = async (_path, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const download = downloadExport('torstrand', choice, { fetchImpl, signal: abort.signal });
    abort.abort();
    await expect(download).rejects.toThrow('aborted');
  });
});
