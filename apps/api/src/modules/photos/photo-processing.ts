import sharp from 'sharp';
import { fail, ok, type Result } from '../../errors.ts';

/** Longest edge of a stored photo, in pixels: sharp enough on a projector, small on a phone. */
export const PHOTO_MAX_EDGE = 1600;
/** Refuse images whose pixel count could exhaust memory when decoded (decompression bombs). */
const MAX_INPUT_PIXELS = 60_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

export interface ProcessedPhoto {
  bytes: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

/**
 * Re-encodes an uploaded photo: checks by its content that it is a JPEG, PNG or WebP (never by
 * name or header), turns it upright by its EXIF orientation, shrinks it to PHOTO_MAX_EDGE and
 * writes a fresh JPEG. sharp writes no metadata unless asked, so EXIF — GPS position, camera
 * serial, time — is gone from the stored bytes.
 */
export async function processPhoto(input: Buffer): Promise<Result<ProcessedPhoto>> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    return fail('UNSUPPORTED_IMAGE', 'The file is not an image we can read; send a JPEG, PNG or WebP photo.');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    return fail(
      'UNSUPPORTED_IMAGE',
      `The file is ${format ?? 'of an unknown kind'}; send a JPEG, PNG or WebP photo.`,
    );
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return ok({ bytes: data, contentType: 'image/jpeg', width: info.width, height: info.height });
  } catch (error) {
    return fail('UNSUPPORTED_IMAGE', `The image could not be read: ${(error as Error).message}.`);
  }
}
