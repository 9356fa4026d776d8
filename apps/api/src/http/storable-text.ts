/**
 * Text PostgreSQL cannot store: a NUL character (refused in `text` and `jsonb`) or half of a
 * UTF-16 surrogate pair (not a character at all; `jsonb` refuses its escape). JSON can carry
 * both as `\u0000` and `\ud800`, so a body that parses may still not be storable: it is refused
 * with a 400 naming where, instead of failing in the database with a 500.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isUnstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** The path of the first string (value or key) in `value` that cannot be stored, or undefined. */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? path || '(body)' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (isUnstorable(key)) return at;
    const found = findUnstorableText(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Whether a JSON text may hold unstorable text: only through an escape (`\u…`) or a raw NUL —
 * a raw lone surrogate cannot survive UTF-8 decoding. Lets the common body skip the walk.
 */
export function mayHoldUnstorableText(json: string): boolean {
  return json.includes('\\u') || json.includes('\u0000');
}
