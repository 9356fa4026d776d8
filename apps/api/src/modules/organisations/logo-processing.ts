import sharp from 'sharp';
import { fail, ok, type Result } from '../../errors.ts';

/** Longest edge of a stored logo, in pixels: sharp in a page header on a high-density screen. */
export const LOGO_MAX_EDGE = 512;
/** Refuse images whose pixel count could exhaust memory when decoded (decompression bombs). */
const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

/**
 * Re-encodes an uploaded logo as a PNG (transparency kept): checks by its content that it is a
 * JPEG, PNG or WebP (never SVG: it could carry script), turns it upright by its EXIF orientation
 * and shrinks it to LOGO_MAX_EDGE. sharp writes no metadata unless asked, so EXIF is dropped.
 */
export async function processLogo(
  input: Buffer,
): Promise<Result<{ png: Buffer; width: number; height: number }>> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    return fail('INVALID_IMAGE', 'The file is not an image we can read; send a PNG, JPEG or WebP logo.');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    return fail(
      'INVALID_IMAGE',
      `The file is ${format ?? 'of an unknown kind'}; send a PNG, JPEG or WebP logo.`,
    );
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: LOGO_MAX_EDGE, height: LOGO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return ok({ png: data, width: info.width, height: info.height });
  } catch (error) {
    return fail('INVALID_IMAGE', `The image could not be read: ${(error as Error).message}.`);
  }
}
