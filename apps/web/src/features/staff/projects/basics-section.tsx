import { useTranslation } from 'react-i18next';
import { projectPath } from '../../../app/routes.ts';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { FieldErrorText, fieldDomId, TextAreaField, TextField } from '../common/fields.tsx';
import { LanguageCheckboxes, languageChoices, toggleLanguage } from '../common/language-choices.tsx';
import type { ProjectForm } from './project-form.ts';
import type { FieldErrors } from './project-validation.ts';
import { TextFallbackField } from './text-fallback-field.tsx';

interface BasicsSectionProps {
  form: ProjectForm;
  /** Whether the project is new (its slug can still be chosen). */
  isNew: boolean;
  errors: FieldErrors;
  onChange: (changes: Partial<ProjectForm>) => void;
  onSlugEdited: () => void;
}

/** Address, languages, and the title and description in each offered language. */
export function BasicsSection({ form, isNew, errors, onChange, onSlugEdited }: BasicsSectionProps) {
  const { t } = useTranslation();
  const choices = languageChoices(form.languages);
  const onToggleLanguage = (language: string, on: boolean) =>
    onChange(toggleLanguage(choices, form.languages, form.defaultLanguage, language, on));

  return (
    <>
      {isNew ? (
        <TextField
          field="slug"
          label={t('staff.editor.slug')}
          hint={t('staff.editor.slugHint', { example: projectPath(form.slug || 'torstrand') })}
          error={errors.slug}
          value={form.slug}
          spellCheck={false}
          autoComplete="off"
          maxLength={63}
          data-testid="project-slug"
          onChange={(event) => {
            onSlugEdited();
            onChange({ slug: event.target.value.toLowerCase() });
          }}
        />
      ) : (
        <p>
          {t('staff.editor.slugFixed')} <code>{projectPath(form.slug)}</code>
        </p>
      )}

      <fieldset
        className={errors.languages ? 'field has-error' : 'field'}
        id={fieldDomId('languages')}
        aria-describedby={`${fieldDomId('languages')}-hint`}
      >
        <legend>{t('staff.editor.languages')}</legend>
        <p id={`${fieldDomId('languages')}-hint`} className="field__hint">
          {t('staff.editor.languagesHint')}
        </p>
        <LanguageCheckboxes choices={choices} selected={form.languages} onToggle={onToggleLanguage} />
        <FieldErrorText id={`${fieldDomId('languages')}-error`} error={errors.languages} />
      </fieldset>

      <div className={errors.defaultLanguage ? 'field has-error' : 'field'}>
        <label htmlFor={fieldDomId('defaultLanguage')}>{t('staff.editor.defaultLanguage')}</label>
        <select
          id={fieldDomId('defaultLanguage')}
          value={form.defaultLanguage}
          onChange={(event) => onChange({ defaultLanguage: event.target.value })}
          aria-invalid={errors.defaultLanguage ? true : undefined}
          aria-describedby={errors.defaultLanguage ? `${fieldDomId('defaultLanguage')}-error` : undefined}
        >
          {form.languages.map((language) => (
            <option key={language} value={language} lang={language}>
              {nativeLanguageName(language)}
            </option>
          ))}
        </select>
        <FieldErrorText id={`${fieldDomId('defaultLanguage')}-error`} error={errors.defaultLanguage} />
      </div>

      <TextFallbackField
        languages={form.languages}
        defaultLanguage={form.defaultLanguage}
        value={form.textFallback}
        onChange={(textFallback) => onChange({ textFallback })}
      />

      {form.languages.map((language) => {
        const name = nativeLanguageName(language);
        return (
          <div key={language} className="language-texts">
            <TextField
              field={`title.${language}`}
              label={t('staff.editor.projectTitle', { language: name })}
              error={errors[`title.${language}`]}
              value={form.title[language] ?? ''}
              maxLength={200}
              lang={language}
              data-testid={`project-title-${language}`}
              onChange={(event) => onChange({ title: { ...form.title, [language]: event.target.value } })}
            />
            <TextAreaField
              field={`description.${language}`}
              label={t('staff.editor.description', { language: name })}
              error={errors[`description.${language}`]}
              value={form.description[language] ?? ''}
              rows={3}
              maxLength={10_000}
              lang={language}
              onChange={(event) =>
                onChange({ description: { ...form.description, [language]: event.target.value } })
              }
            />
          </div>
        );
      })}
    </>
  );
}
