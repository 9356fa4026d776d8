import { errorCodeSchema } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { errorMessageKey } from './error-messages.ts';
import { UI_LANGUAGES } from './language.ts';
import { resources } from './resources.ts';

/** Every key of a nested locale object as `a.b.c`, with plural suffixes reduced to the base key. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function lookup(language: (typeof UI_LANGUAGES)[number], key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? Reflect.get(node, part) : undefined),
      resources[language].translation,
    );
}

describe('locale files', () => {
  const reference = keysOf(resources.nb.translation).sort();

  it.each(UI_LANGUAGES)('%s has exactly the keys of nb', (language) => {
    expect(keysOf(resources[language].translation).sort()).toEqual(reference);
  });

  it.each(UI_LANGUAGES)('%s has no empty text', (language) => {
    const empty = keysOf(resources[language].translation).filter((key) => lookup(language, key) === '');
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
