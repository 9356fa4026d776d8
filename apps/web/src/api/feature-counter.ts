import type { ExportFormat } from '@nabolag/schema';

/**
 * Counts the features that have arrived of an export that streams as one text file, from the
 * bytes alone, so that the page can say "1 200 of 5 000 places". Each format has a mark that
 * begins every feature and that the feature's own text cannot contain:
 * - GeoJSON: `{"type":"Feature"` (a story's quotes are escaped as `\"` inside JSON strings);
 * - KML: `<Placemark` (a story's `<` is written as `&lt;`);
 * - CSV: a line break outside quotes ends a record (RFC 4180), less the header line.
 * Zips (per-category GeoJSON or CSV), GeoPackage and Shapefile are binary: no counter.
 */
export interface FeatureCounter {
  /** Feeds the next bytes; returns the features counted so far. */
  push(bytes: Uint8Array): number;
}

const MARKS: Partial<Record<ExportFormat, string>> = {
  geojson: '{"type":"Feature"',
  kml: '<Placemark',
};

/** A counter for a download of `format` with `contentType`, or `null` when its bytes cannot be counted. */
export function featureCounter(format: ExportFormat, contentType: string | null): FeatureCounter | null {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('zip')) return null;
  if (format === 'csv') return csvRecordCounter();
  const mark = MARKS[format];
  return mark ? markCounter(mark) : null;
}

/** Counts `mark` in the stream, also where it is split between two chunks. */
function markCounter(mark: string): FeatureCounter {
  const decoder = new TextDecoder();
  let count = 0;
  // The end of the text so far that could be the start of a mark split across chunks.
  let carry = '';
  return {
    push(bytes) {
      const text = carry + decoder.decode(bytes, { stream: true });
      let at = text.indexOf(mark);
      while (at >= 0) {
        count += 1;
        at = text.indexOf(mark, at + mark.length);
      }
      // Shorter than the mark, so a mark counted above never lies wholly in it.
      carry = text.slice(Math.max(0, text.length - (mark.length - 1)));
      return count;
    },
  };
}

/** Counts CSV records: line feeds outside double quotes, less the header line. */
function csvRecordCounter(): FeatureCounter {
  const QUOTE = 0x22;
  const LINE_FEED = 0x0a;
  let quoted = false;
  let lines = 0;
  return {
    push(bytes) {
      // Byte by byte is safe in UTF-8: neither byte occurs inside a multi-byte character.
      for (const byte of bytes) {
        // An escaped quote (`""`) toggles twice and leaves the state as it was.
        if (byte === QUOTE) quoted = !quoted;
        else if (byte === LINE_FEED && !quoted) lines += 1;
      }
      return Math.max(0, lines - 1);
    },
  };
}
