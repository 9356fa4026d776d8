import type { ExportCrs, ExportFormat } from '@nabolag/schema';
import type { DownloadProgress } from '../../../api/export-download.ts';

/**
 * How far a download is, as a fraction from 0 to 1, or `null` when that cannot be known:
 * by bytes when the server sent `Content-Length` (GeoPackage, Shapefile), else by the features
 * counted in the stream against how many come (`X-Feature-Count`, or the summary's count).
 */
export function downloadFraction(progress: DownloadProgress, summaryFeatures: number | null): number | null {
  if (progress.totalBytes !== null && progress.totalBytes > 0) {
    return Math.min(1, progress.bytes / progress.totalBytes);
  }
  const total = progress.totalFeatures ?? summaryFeatures;
  if (progress.features !== null && total !== null && total > 0) {
    return Math.min(1, progress.features / total);
  }
  return null;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * A size in the reader's language: "512 byte", "1,5 kB", "23 MB" — decimal units (1 kB = 1000
 * bytes, SI) by default, one decimal below 100, which is all a progress line needs. `base` 1024
 * for limits set in binary units (20 × 1024² bytes reads "20 MB", as people say it).
 */
export function formatBytes(bytes: number, language: string, base: 1000 | 1024 = 1000): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= base && unit < UNITS.length - 1) {
    value /= base;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  try {
    return new Intl.NumberFormat(language, {
      style: 'unit',
      unit: UNITS[unit],
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${['B', 'kB', 'MB', 'GB'][unit]}`;
  }
}

/** A fraction (0–1) as a whole percentage in the reader's language ("42 %"). */
export function formatPercent(fraction: number, language: string): string {
  const floored = Math.floor(fraction * 100) / 100;
  try {
    return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(floored);
  } catch {
    return `${Math.round(floored * 100)} %`;
  }
}

/** Whether `format` can be written in `crs`: KML is WGS 84 by definition (KML 2.2, OGC 07-147r2). */
export const crsAllowed = (format: ExportFormat, crs: ExportCrs): boolean => format !== 'kml' || crs === 4326;
