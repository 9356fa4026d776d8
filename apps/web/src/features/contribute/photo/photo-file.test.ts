import { MAX_PHOTO_BYTES } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { checkPhotoFile, uploadPercent } from './photo-file.ts';

describe('checkPhotoFile', () => {
  it('accepts a JPEG, PNG or WebP up to the limit', () => {
    expect(checkPhotoFile({ type: 'image/jpeg', size: 2_000_000 })).toEqual({ ok: true });
    expect(checkPhotoFile({ type: 'image/png', size: MAX_PHOTO_BYTES })).toEqual({ ok: true });
    expect(checkPhotoFile({ type: 'IMAGE/WEBP', size: 10 })).toEqual({ ok: true });
  });

  it('refuses other types, HEIC and GIF among them', () => {
    for (const type of ['image/heic', 'image/gif', 'application/pdf', '']) {
      expect(checkPhotoFile({ type, size: 10 })).toEqual({ ok: false, problem: { kind: 'type' } });
    }
  });

  it('refuses a file over 10 MB and says how large it is, rounded up', () => {
    expect(checkPhotoFile({ type: 'image/jpeg', size: MAX_PHOTO_BYTES + 1 })).toEqual({
      ok: false,
      problem: { kind: 'size', megabytes: 10.1 },
    });
  });

  it('refuses an empty file', () => {
    expect(checkPhotoFile({ type: 'image/jpeg', size: 0 })).toEqual({
      ok: false,
      problem: { kind: 'empty' },
    });
  });
});

describe('uploadPercent', () => {
  it('is a whole percentage of what was sent', () => {
    expect(uploadPercent(1, 3)).toBe(33);
    expect(uploadPercent(5, 5)).toBe(100);
  });

  it('is null when the total is unknown', () => {
    expect(uploadPercent(10, null)).toBeNull();
    expect(uploadPercent(10, 0)).toBeNull();
  });
});
