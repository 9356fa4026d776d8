import { errorCodeSchema } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { errorMessageKey } from './error-messages.ts';
import { COMPLETE_LANGUAGES, RESIDENT_LANGUAGES, UI_LANGUAGES, type UiLanguage } from './language.ts';
import { baseKey, flatten, isResidentKey, placeholders, pluralCategory } from './locale-keys.ts';
import { resources } from './resources.ts';

const textsOf = (language: UiLanguage) =>
  new Map(flatten(resources[language].translation) as [string, unknown][]);
const keysOf = (language: UiLanguage) => [...textsOf(language).keys()].sort();
const baseKeysOf = (language: UiLanguage) => [...new Set(keysOf(language).map(baseKey))].sort();

const reference = textsOf('nb');
/** nb's keys that are plurals, by their base key (`project.placesCount`). */
const pluralBases = new Set([...reference.keys()].filter((key) => pluralCategory(key)).map(baseKey));

function lookup(language: UiLanguage, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? Reflect.get(node, part) : undefined),
      resources[language].translation,
    );
}

describe('locale files', () => {
  it.each(COMPLETE_LANGUAGES.filter((language) => language !== 'nb'))(
    '%s has exactly the keys of nb',
    (language) => {
      expect(keysOf(language)).toEqual(keysOf('nb'));
    },
  );

  it.each(RESIDENT_LANGUAGES)('%s has every key a resident sees (all but the staff pages)', (language) => {
    const present = new Set(baseKeysOf(language));
    const missing = baseKeysOf('nb').filter((key) => isResidentKey(key) && !present.has(key));
    expect(missing, 'run apps/web/scripts/missing-translations.mjs').toEqual([]);
  });

  it.each(RESIDENT_LANGUAGES)('%s has no key that nb lacks', (language) => {
    const known = new Set(baseKeysOf('nb'));
    expect(baseKeysOf(language).filter((key) => !known.has(key))).toEqual([]);
  });

  it.each(UI_LANGUAGES)("%s writes each plural in exactly its language's plural forms", (language) => {
    const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
    const formsByBase = new Map<string, string[]>();
    for (const key of keysOf(language)) {
      const category = pluralCategory(key);
      if (category === null) continue;
      formsByBase.set(baseKey(key), [...(formsByBase.get(baseKey(key)) ?? []), category]);
    }
    const wrong = [...formsByBase].filter(([, forms]) => forms.sort().join() !== categories.join());
    expect(wrong, `plural forms must be ${categories.join(', ')}`).toEqual([]);
    const notPlural = keysOf(language).filter((key) => pluralBases.has(key));
    expect(notPlural, 'plurals in nb must be plurals here too').toEqual([]);
  });

  it.each(UI_LANGUAGES)('%s keeps the {{variables}} and <tags> of nb', (language) => {
    const changed: string[] = [];
    for (const [key, text] of textsOf(language)) {
      const category = pluralCategory(key);
      // A plural form is compared with nb's `other`; a form may spell its number out ("two").
      const nbText = reference.get(category ? `${baseKey(key)}_other` : key);
      if (typeof text !== 'string' || typeof nbText !== 'string') continue;
      const withoutCount = (list: string[]) =>
        category ? list.filter((item) => item !== '{{count}}') : list;
      if (withoutCount(placeholders(text)).join() !== withoutCount(placeholders(nbText)).join())
        changed.push(key);
    }
    expect(changed).toEqual([]);
  });

  it('names no <tag> after an HTML void element, whose text Trans would drop', () => {
    const VOID = [
      'area',
      'base',
      'br',
      'col',
      'embed',
      'hr',
      'img',
      'input',
      'link',
      'meta',
      'source',
      'track',
      'wbr',
    ];
    const clashing = [...reference]
      .filter(([, text]) => typeof text === 'string' && VOID.some((tag) => text.includes(`<${tag}>`)))
      .map(([key]) => key);
    expect(clashing).toEqual([]);
  });

  it.each(UI_LANGUAGES)('%s has no empty text', (language) => {
    const empty = [...textsOf(language)].filter(([, text]) => text === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });
});

describe('errorMessageKey', () => {
  it.each(errorCodeSchema.options)('gives %s a text in every language', (code) => {
    const key = errorMessageKey(code);
    for (const language of UI_LANGUAGES) expect(typeof lookup(language, key)).toBe('string');
  });

  it('maps a network failure to its own text', () => {
    expect(errorMessageKey('NETWORK')).toBe('errors.NETWORK');
  });

  it('reads a code it does not know as an unexpected answer', () => {
    expect(errorMessageKey('SOMETHING_NEW')).toBe('errors.UNEXPECTED_RESPONSE');
  });
});
