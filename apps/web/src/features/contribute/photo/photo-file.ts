import { MAX_PHOTO_BYTES, PHOTO_UPLOAD_TYPES } from '@nabolag/schema/plain';

/** The `accept` of a photo input: the types the server takes (phones offer the camera for these). */
export const PHOTO_ACCEPT = PHOTO_UPLOAD_TYPES.join(',');

export type PhotoProblem = { kind: 'type' } | { kind: 'size'; megabytes: number } | { kind: 'empty' };

/**
 * Whether a chosen file can be sent as a photo: a JPEG, PNG or WebP of at most
 * `MAX_PHOTO_BYTES` (10 MB). The browser's type comes from the file name; the server checks the
 * bytes again, so this only spares the reader a long upload that would be refused.
 */
export function checkPhotoFile(
  file: Pick<File, 'type' | 'size'>,
): { ok: true } | { ok: false; problem: PhotoProblem } {
  if (!(PHOTO_UPLOAD_TYPES as readonly string[]).includes(file.type.toLowerCase())) {
    return { ok: false, problem: { kind: 'type' } };
  }
  if (file.size === 0) return { ok: false, problem: { kind: 'empty' } };
  if (file.size > MAX_PHOTO_BYTES) {
    // Rounded up to one decimal, so that "10.0 MB" is never shown for a file just over the limit.
    return {
      ok: false,
      problem: { kind: 'size', megabytes: Math.ceil((file.size / 1024 / 1024) * 10) / 10 },
    };
  }
  return { ok: true };
}

/** The limit in megabytes, for messages. */
export const MAX_PHOTO_MEGABYTES = MAX_PHOTO_BYTES / 1024 / 1024;

/** A share (0–1) of an upload as a whole percentage, or `null` when the total is unknown. */
export function uploadPercent(sent: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((sent / total) * 100)));
}
