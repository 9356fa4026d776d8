import type { LocalizedText } from '@nabolag/schema';

/** What the file input offers: GeoJSON, GeoPackage and KML, by extension and media type. */
export const REFERENCE_FILE_ACCEPT =
  '.geojson,.json,.gpkg,.kml,application/geo+json,application/vnd.google-earth.kml+xml,application/geopackage+sqlite3';

/** A first name for a layer from its file's name: `planlagte_skoleveier.geojson` → `planlagte skoleveier`. */
export function layerNameFromFile(filename: string): string {
  const base = filename.replace(/\.(geo)?json$|\.gpkg$|\.kml$/i, '');
  return base.replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * The names to send after editing: the languages with a name, trimmed; `null` when none is
 * left (a layer needs a name in at least one language).
 */
export function namesToSave(
  names: LocalizedText,
  languages: readonly string[],
): Record<string, string> | null {
  const kept = Object.fromEntries(
    languages
      .map((language) => [language, (names[language] ?? '').trim()] as const)
      .filter(([, name]) => name.length > 0),
  );
  return Object.keys(kept).length > 0 ? kept : null;
}
