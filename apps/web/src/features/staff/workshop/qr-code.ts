import { create } from 'qrcode';

/** Quiet zone around the symbol, in modules (the QR standard asks for 4). */
const QUIET_ZONE = 4;

/**
 * A QR code for `text` as an SVG path (one `h1v1h-1z` square per dark module) with its
 * view-box size, drawn by React rather than put in as markup.
 */
export function qrCodePath(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.data[row * modules.size + column]) {
        parts.push(`M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
      }
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, path: parts.join('') };
}

/** The join code in groups of three ("ABC DEF"), easier to read off a projector. */
export const spacedCode = (code: string) => code.replace(/(.{3})(?=.)/g, '$1 ');

/** Where a tablet joins, and where the projector view is. */
export const joinUrl = (origin: string, code: string) => `${origin}/w/${encodeURIComponent(code)}`;
export const projectorUrl = (origin: string, code: string) => `${joinUrl(origin, code)}/projector`;
