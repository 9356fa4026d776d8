/** dBASE field names: at most 10 characters (ASCII letters, digits, `_`), unique regardless of case. */
const MAX_LENGTH = 10;
/** Characters kept from the start of a long name before its tag (`q_grou` + `_` + 3). */
const PREFIX_LENGTH = 6;
const TAG_LENGTH = 3;

/** FNV-1a (32 bit) of the text as `length` base-36 characters: a tag that depends on the text alone. */
function tag(text: string, length: number): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(length, '0').slice(-length);
}

const ascii = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_') || 'field';

/**
 * Shapefile field names for column names: a name of at most 10 characters stays as it is; a
 * longer one becomes its first 6 characters, `_` and a 3-character tag hashed from the whole
 * name (`q_group_size` → `q_grou_1xk`). So a column keeps its field name from one export to the
 * next, whatever other questions come and go, and every layer of one zip uses the same name. In
 * the rare case of a clash the tag is hashed again (`name#1`, `name#2`…), in column order. Short
 * names are claimed first so that a tagged name never takes one. `columns.csv` in the zip maps
 * each field name back to its full name.
 */
export function dbfFieldNames(names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  const claim = (name: string, field: string) => {
    result.set(name, field);
    used.add(field.toLowerCase());
  };
  const unique = [...new Set(names)];
  for (const name of unique) {
    const field = ascii(name);
    if (field.length <= MAX_LENGTH && !used.has(field.toLowerCase())) claim(name, field);
  }
  for (const name of unique) {
    if (result.has(name)) continue;
    const prefix = ascii(name).slice(0, PREFIX_LENGTH).replace(/_+$/, '') || 'f';
    let field = `${prefix}_${tag(name, TAG_LENGTH)}`;
    for (let attempt = 1; used.has(field.toLowerCase()); attempt += 1)
      field = `${prefix}_${tag(`${name}#${attempt}`, TAG_LENGTH)}`;
    claim(name, field);
  }
  return result;
}
