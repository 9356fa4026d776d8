import { useTranslation } from 'react-i18next';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { languageNameIn } from './format.ts';

/**
 * Languages a project (or an organisation, as its default) may offer: Norwegian, Sami, English and the languages most spoken by
 * newcomers in Norwegian neighbourhoods. Text in the others falls back to the default language.
 */
export const OFFERED_LANGUAGES = [
  'nb',
  'nn',
  'en',
  'se',
  'pl',
  'lt',
  'uk',
  'ru',
  'ar',
  'so',
  'ti',
  'fa',
  'ur',
  'tr',
  'es',
  'de',
  'fr',
  'th',
  'vi',
];

/**
 * The languages after ticking or unticking one, in the order of `choices`, and a default language
 * that is still among them (the first one when the old default was unticked).
 */
export function toggleLanguage(
  choices: readonly string[],
  selected: readonly string[],
  defaultLanguage: string,
  language: string,
  on: boolean,
): { languages: string[]; defaultLanguage: string } {
  const languages = on
    ? choices.filter((candidate) => candidate === language || selected.includes(candidate))
    : selected.filter((candidate) => candidate !== language);
  return {
    languages,
    defaultLanguage:
      languages.includes(defaultLanguage) || languages.length === 0
        ? defaultLanguage
        : (languages[0] as string),
  };
}

/** Every offered language plus any already chosen outside the list. */
export const languageChoices = (selected: readonly string[]) => [
  ...new Set([...OFFERED_LANGUAGES, ...selected]),
];

/** A checkbox per language, named in itself and (when different) in the reader's language. */
export function LanguageCheckboxes({
  choices,
  selected,
  onToggle,
}: {
  choices: readonly string[];
  selected: readonly string[];
  onToggle: (language: string, on: boolean) => void;
}) {
  const { i18n } = useTranslation();
  return (
    <div className="checkbox-grid">
      {choices.map((language) => (
        <label key={language} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(language)}
            onChange={(event) => onToggle(language, event.target.checked)}
          />
          <span lang={language}>{nativeLanguageName(language)}</span>
          {nativeLanguageName(language).toLocaleLowerCase(language) !==
            languageNameIn(language, i18n.language).toLocaleLowerCase(language) && (
            <span className="checkbox__aside"> ({languageNameIn(language, i18n.language)})</span>
          )}
        </label>
      ))}
    </div>
  );
}
