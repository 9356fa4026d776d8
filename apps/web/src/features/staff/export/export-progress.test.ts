import { describe, expect, it } from 'vitest';
import { crsAllowed, downloadFraction, formatBytes, formatPercent } from './export-progress.ts';

const progress = (changes: Partial<Parameters<typeof downloadFraction>[0]>) => ({
  bytes: 0,
  totalBytes: null,
  features: null,
  totalFeatures: null,
  ...changes,
});

describe('downloadFraction', () => {
  it('uses bytes when the size is known', () => {
    expect(
      downloadFraction(progress({ bytes: 250, totalBytes: 1000, features: 1, totalFeatures: 10 }), 10),
    ).toBe(0.25);
  });

  it('uses counted features against X-Feature-Count, else against the summary', () => {
    expect(downloadFraction(progress({ features: 3, totalFeatures: 12 }), 99)).toBe(0.25);
    expect(downloadFraction(progress({ features: 5 }), 20)).toBe(0.25);
  });

  it('is unknown for a streamed zip, and never above 1', () => {
    expect(downloadFraction(progress({ bytes: 5000 }), 20)).toBeNull();
    expect(downloadFraction(progress({ features: 0, totalFeatures: 0 }), null)).toBeNull();
    expect(downloadFraction(progress({ features: 30, totalFeatures: 20 }), null)).toBe(1);
  });
});

describe('formatBytes', () => {
  it('writes bytes, kB and MB in the reader’s language', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(23_400_000, 'en')).toBe('23.4 MB');
    expect(formatBytes(123_456_789, 'en')).toBe('123 MB');
    expect(formatBytes(1500, 'nb')).toMatch(/^1,5\s?kB$/);
    expect(formatBytes(20 * 1024 * 1024, 'en', 1024)).toBe('20 MB');
  });
});

describe('formatPercent', () => {
  it('floors, so that 100 % means done', () => {
    expect(formatPercent(0.999, 'en')).toBe('99%');
    expect(formatPercent(1, 'en')).toBe('100%');
  });
});

describe('crsAllowed', () => {
  it('allows only WGS 84 for KML', () => {
    expect(crsAllowed('kml', 4326)).toBe(true);
    expect(crsAllowed('kml', 25832)).toBe(false);
    expect(crsAllowed('gpkg', 25833)).toBe(true);
  });
});
