/**
 * WCAG 2.x colour contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio), for an
 * organisation's own colours: they brand the resident pages only where text stays readable.
 * Pure and tiny on purpose: the resident bundle imports it.
 */

/** The smallest contrast ratio for normal text (WCAG 2.1 success criterion 1.4.3, level AA). */
export const MIN_TEXT_CONTRAST = 4.5;

/** The text colour on an accented header (white, as on the app's own banner). */
export const ACCENT_TEXT_COLOUR = '#ffffff';

/** Relative luminance (0 black … 1 white) of a `#rrggbb` colour in sRGB. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [red, green, blue] = match.slice(1).map((part) => {
    const channel = Number.parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** The contrast ratio between two `#rrggbb` colours: 1 (none) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
  const a = relativeLuminance(first);
  const b = relativeLuminance(second);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * The organisation's primary colour as the header accent behind white text, or null (the
 * default theme) when there is none or white text on it would be under 4.5:1.
 */
export function headerAccent(primaryColour: string | null): string | null {
  if (!primaryColour) return null;
  return contrastRatio(primaryColour, ACCENT_TEXT_COLOUR) >= MIN_TEXT_CONTRAST ? primaryColour : null;
}
