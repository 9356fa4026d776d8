import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from './content-disposition.ts';

describe('filenameFromContentDisposition', () => {
  it('reads the server’s header: filename* wins over the ASCII filename', () => {
    const header = `attachment; filename="tr_ndelag-2025-05-01.gpkg"; filename*=UTF-8''tr%C3%B8ndelag-2025-05-01.gpkg`;
    expect(filenameFromContentDisposition(header)).toBe('trøndelag-2025-05-01.gpkg');
  });

  it('reads a quoted filename with escaped quotes, and an unquoted one', () => {
    expect(filenameFromContentDisposition('attachment; filename="a \\"b\\".csv"')).toBe('a _b_.csv');
    expect(filenameFromContentDisposition('attachment; filename=plain.kml')).toBe('plain.kml');
  });

  it('matches parameter names in any case', () => {
    expect(filenameFromContentDisposition('Attachment; FILENAME="x.zip"')).toBe('x.zip');
  });

  it('falls back to filename when filename* is broken or in an unknown charset', () => {
    expect(filenameFromContentDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="ok.csv"`)).toBe(
      'ok.csv',
    );
    expect(filenameFromContentDisposition(`attachment; filename*=KOI8-R''x; filename="ok.csv"`)).toBe(
      'ok.csv',
    );
  });

  it('decodes ISO-8859-1', () => {
    expect(filenameFromContentDisposition(`attachment; filename*=iso-8859-1'en'%E6%F8%E5.csv`)).toBe(
      'æøå.csv',
    );
  });

  it('keeps only the last path part and replaces characters file systems refuse', () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromContentDisposition('attachment; filename="C:\\\\temp\\\\a:b?.csv"')).toBe('a_b_.csv');
  });

  it('gives null when no usable name is there', () => {
    expect(filenameFromContentDisposition(null)).toBeNull();
    expect(filenameFromContentDisposition('attachment')).toBeNull();
    expect(filenameFromContentDisposition('attachment; filename=".."')).toBeNull();
    expect(filenameFromContentDisposition('attachment; filename=""')).toBeNull();
  });
});
