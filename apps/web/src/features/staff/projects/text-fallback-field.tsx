import { projectTextFallback } from '@nabolag/schema/plain';
import { useTranslation } from 'react-i18next';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { fieldDomId } from '../common/fields.tsx';
import { moved } from './follow-up-editing.ts';

interface TextFallbackFieldProps {
  languages: readonly string[];
  defaultLanguage: string;
  /** The project's own order, or null for the default (English, then the default language). */
  value: string[] | null;
  onChange: (value: string[] | null) => void;
}

/**
 * Which language a resident sees a project text in when it is not written in theirs: the
 * default order (English, then the project's main language) or the project's own — the offered
 * languages ticked and put in order (a project in Larvik may want nynorsk before bokmål, or
 * Arabic before English for a Syrian community). Languages not ticked are never a fallback.
 */
export function TextFallbackField({ languages, defaultLanguage, value, onChange }: TextFallbackFieldProps) {
  const { t } = useTranslation();
  const id = fieldDomId('textFallback');
  const defaultOrder = projectTextFallback({ defaultLanguage }).filter(
    (language) => language === defaultLanguage || languages.includes(language),
  );
  const names = (order: readonly string[]) => order.map(nativeLanguageName).join(' → ');
  const own = value !== null;
  // Ticked languages first, in their order; the rest after, to be ticked.
  const chosen = (value ?? []).filter((language) => languages.includes(language));
  const rows = [...chosen, ...languages.filter((language) => !chosen.includes(language))];

  return (
    <fieldset
      className="field text-fallback"
      id={id}
      aria-describedby={`${id}-hint`}
      data-testid="text-fallback"
    >
      <legend>{t('staff.languageOrder.legend')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {t('staff.languageOrder.hint')}
      </p>
      <label className="checkbox">
        <input
          type="radio"
          name={`${id}-mode`}
          checked={!own}
          data-testid="text-fallback-default"
          onChange={() => onChange(null)}
        />
        {t('staff.languageOrder.default', { order: names(defaultOrder) })}
      </label>
      <label className="checkbox">
        <input
          type="radio"
          name={`${id}-mode`}
          checked={own}
          data-testid="text-fallback-own"
          onChange={() => onChange(defaultOrder)}
        />
        {t('staff.languageOrder.own')}
      </label>
      {own && (
        <ol className="text-fallback__list">
          {rows.map((language) => {
            const position = chosen.indexOf(language);
            const name = nativeLanguageName(language);
            return (
              <li key={language} className="text-fallback__item" data-testid={`text-fallback-${language}`}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={position !== -1}
                    onChange={(event) =>
                      onChange(
                        event.target.checked
                          ? [...chosen, language]
                          : chosen.filter((candidate) => candidate !== language),
                      )
                    }
                  />
                  <span lang={language}>{name}</span>
                </label>
                {position !== -1 && (
                  <span className="text-fallback__moves">
                    <button
                      type="button"
                      className="button button--small button--icon"
                      disabled={position === 0}
                      aria-label={t('staff.languageOrder.moveUp', { language: name })}
                      title={t('staff.languageOrder.moveUp', { language: name })}
                      onClick={() => onChange(moved(chosen, position, -1))}
                    >
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      className="button button--small button--icon"
                      disabled={position === chosen.length - 1}
                      aria-label={t('staff.languageOrder.moveDown', { language: name })}
                      title={t('staff.languageOrder.moveDown', { language: name })}
                      onClick={() => onChange(moved(chosen, position, 1))}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </fieldset>
  );
}
