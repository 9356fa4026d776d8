import { describe, expect, it } from 'vitest';
import type { FetchLike } from './client.ts';
import { deletePhoto, uploadPhoto } from './photos.ts';

const ID = '0b6a4a3e-5d0e-4d43-9a39-2f8a4bb0d0f1';
const TOKEN = 'a'.repeat(43);

interface Seen {
  url: string;
  init: RequestInit;
}

const recording =
  (status: number, body: unknown, seen: Seen[]): FetchLike =>
  async (url, init = {}) => {
    seen.push({ url, init });
    return new Response(body === null ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };

describe('uploadPhoto', () => {
  it('puts the file as it is, with its type and the participant token', async () => {
    const seen: Seen[] = [];
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
    const stored = { url: `/api/contributions/${ID}/photo`, width: 800, height: 600 };
    const result = await uploadPhoto(ID, photo, TOKEN, { fetchImpl: recording(201, stored, seen) });
    expect(result).toEqual({ ok: true, status: 201, value: stored });
    expect(seen[0]?.url).toBe(`/api/contributions/${ID}/photo`);
    expect(seen[0]?.init.method).toBe('PUT');
    expect(seen[0]?.init.body).toBe(photo);
    const headers = new Headers(seen[0]?.init.headers);
    expect(headers.get('content-type')).toBe('image/jpeg');
    expect(headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it("reports the server's refusal as a value", async () => {
    const refusal = { code: 'UNSUPPORTED_IMAGE', message: 'not an image' };
    const result = await uploadPhoto(ID, new Blob(['x'], { type: 'image/png' }), TOKEN, {
      fetchImpl: recording(415, refusal, []),
    });
    expect(result).toEqual({ ok: false, error: { ...refusal, status: 415 } });
  });
});

describe('deletePhoto', () => {
  it('counts a photo that is already gone as removed', async () => {
    const result = await deletePhoto(
      ID,
      TOKEN,
      recording(404, { code: 'PHOTO_NOT_FOUND', message: 'gone' }, []),
    );
    expect(result.ok).toBe(true);
  });

  it('reports that someone else may not remove it', async () => {
    const result = await deletePhoto(ID, TOKEN, recording(403, { code: 'FORBIDDEN', message: 'no' }, []));
    expect(result.ok === false && result.error.code).toBe('FORBIDDEN');
  });
});
