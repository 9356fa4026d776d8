#!/usr/bin/env node
// Lists the keys of nb.json (the reference locale) that each other locale file lacks, with the
// bokmål text to translate, and the keys a locale has that nb.json does not (left over after a
// rename). Other engineers add keys to nb/nn/en as they go; run this before a release.
//
//   node apps/web/scripts/missing-translations.mjs           # report
//   node apps/web/scripts/missing-translations.mjs --check   # also exit 1 if anything is missing
//   node apps/web/scripts/missing-translations.mjs --json    # machine-readable
//
// The rules are those of src/i18n/locales.test.ts and src/i18n/locale-keys.ts: nn and en must
// have every key; the languages translated for residents only (every other locale file) must
// have every key outside the `staff` namespace. Plural keys must come in each of the language's
// plural forms (Intl.PluralRules: Arabic has six, Polish and Ukrainian four).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '../src/i18n/locales');
const REFERENCE = 'nb';
/** Languages with every key (COMPLETE_LANGUAGES in src/i18n/language.ts). */
const COMPLETE = new Set(['nb', 'nn', 'en']);
/** Keys only the complete languages translate (STAFF_NAMESPACE in src/i18n/locale-keys.ts). */
const STAFF_PREFIX = 'staff.';
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

const args = new Set(process.argv.slice(2));

/** Every text of a nested locale object as `[dotted.key, text]`. */
function flatten(value, prefix = '') {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

const read = (language) =>
  new Map(flatten(JSON.parse(readFileSync(join(LOCALES, `${language}.json`), 'utf8'))));

/** The keys `language` must have for one key of nb: plurals in the language's own forms. */
function requiredKeys(key, language) {
  const match = PLURAL_SUFFIX.exec(key);
  if (!match) return [key];
  const base = key.slice(0, match.index);
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.map((form) => `${base}_${form}`);
}

const reference = read(REFERENCE);
const referenceBases = new Set([...reference.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
const languages = readdirSync(LOCALES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .filter((language) => language !== REFERENCE)
  .sort((a, b) => Number(COMPLETE.has(b)) - Number(COMPLETE.has(a)) || a.localeCompare(b));

const report = languages.map((language) => {
  const texts = read(language);
  const complete = COMPLETE.has(language);
  const missing = new Map();
  for (const [key, text] of reference) {
    if (!complete && key.startsWith(STAFF_PREFIX)) continue;
    for (const required of requiredKeys(key, language)) {
      const value = texts.get(required);
      if (typeof value !== 'string' || value === '') {
        // One line per plural: the bokmål `other` form says what to translate.
        missing.set(required, text);
      }
    }
  }
  const unknown = [...texts.keys()].filter((key) => !referenceBases.has(key.replace(PLURAL_SUFFIX, '')));
  return { language, scope: complete ? 'all keys' : 'resident keys', missing: [...missing], unknown };
});

if (args.has('--json')) {
  console.log(
    JSON.stringify(
      report.map(({ language, scope, missing, unknown }) => ({
        language,
        scope,
        missing: Object.fromEntries(missing),
        unknown,
      })),
      null,
      2,
    ),
  );
} else {
  for (const { language, scope, missing, unknown } of report) {
    const summary = missing.length === 0 ? 'nothing missing' : `${missing.length} missing`;
    console.log(`${language} (${scope}): ${summary}${unknown.length ? `, ${unknown.length} not in nb` : ''}`);
    for (const [key, text] of missing) console.log(`  - ${key}  «${text}»`);
    for (const key of unknown) console.log(`  ? ${key} (not in ${REFERENCE}.json: renamed or removed?)`);
  }
}

if (args.has('--check') && report.some(({ missing }) => missing.length > 0)) process.exitCode = 1;
