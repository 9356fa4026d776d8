/**
 * The file name a `Content-Disposition` header gives (RFC 6266): `filename*` (RFC 8187, any
 * characters, percent-encoded UTF-8) wins over the plain `filename`. Path parts and characters
 * no file system accepts are taken out, so the name is safe to offer to the browser's "save".
 * `null` when the header names no usable file.
 */
export function filenameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const parameters = parseParameters(header);
  const extended = parameters.get('filename*');
  if (extended !== undefined) {
    const decoded = decodeExtendedValue(extended);
    const safe = decoded === null ? null : safeFilename(decoded);
    if (safe) return safe;
  }
  const plain = parameters.get('filename');
  return plain === undefined ? null : safeFilename(plain);
}

/** `type; name=value; name="quoted \"value\""` → lower-cased names to unquoted values. */
function parseParameters(header: string): Map<string, string> {
  const parameters = new Map<string, string>();
  // A parameter: a token name, `=`, then a quoted string (with backslash escapes) or a token.
  const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of header.matchAll(pattern)) {
    const name = match[1]?.toLowerCase();
    if (!name || parameters.has(name)) continue;
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
    parameters.set(name, value);
  }
  return parameters;
}

/** `UTF-8'lang'percent-encoded` (RFC 8187); only UTF-8 and ISO-8859-1 are in use. */
function decodeExtendedValue(value: string): string | null {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value.trim());
  if (!match) return null;
  const charset = (match[1] ?? '').toLowerCase();
  const encoded = match[2] ?? '';
  try {
    if (charset === 'utf-8') return decodeURIComponent(encoded);
    if (charset === 'iso-8859-1') {
      return encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    }
  } catch {
    return null; // broken percent-encoding
  }
  return null;
}

/** The last path part, without control characters or characters Windows refuses; `null` if nothing is left. */
function safeFilename(name: string): string | null {
  const last = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  const cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned;
}
