import type { Project } from '@nabolag/schema';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nativeLanguageName, textDirection } from '../../../i18n/language.ts';
import { FieldErrorText, fieldDomId, TextAreaField, TextField } from '../common/fields.tsx';
import type { FieldErrors } from '../projects/project-validation.ts';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, type UpdateDraft, validateDraft } from './update-form.ts';

interface UpdateEditorProps {
  project: Project;
  initial: UpdateDraft;
  /** Whether this edits a stored update (else it makes a new one). */
  existing: boolean;
  saving: boolean;
  /** The server's refusal, in words, when the last save failed. */
  serverError: string | null;
  onSave: (draft: UpdateDraft) => void;
  onCancel: () => void;
}

/**
 * One update: its date, a title and a text in each language the project is offered in (the
 * default language first, and required), and whether residents see it yet.
 */
export function UpdateEditor({
  project,
  initial,
  existing,
  saving,
  serverError,
  onSave,
  onCancel,
}: UpdateEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<UpdateDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const languages = [
    project.defaultLanguage,
    ...project.languages.filter((language) => language !== project.defaultLanguage),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = validateDraft(draft, project);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(fieldDomId(first))?.focus();
      return;
    }
    onSave(draft);
  };
  const setText = (field: 'title' | 'body', language: string, text: string) =>
    setDraft((previous) => ({ ...previous, [field]: { ...previous[field], [language]: text } }));

  return (
    <form className="update-editor" onSubmit={submit} noValidate data-testid="update-editor">
      <h2>{existing ? t('staff.updates.editTitle') : t('staff.updates.newTitle')}</h2>
      <TextField
        field="publishedOn"
        type="date"
        label={t('staff.updates.date')}
        hint={t('staff.updates.dateHint')}
        error={errors.publishedOn}
        value={draft.publishedOn}
        required
        onChange={(event) => setDraft((previous) => ({ ...previous, publishedOn: event.target.value }))}
      />
      {languages.map((language) => {
        const name = nativeLanguageName(language);
        return (
          <fieldset key={language} className="update-editor__language">
            <legend>
              {language === project.defaultLanguage
                ? t('staff.updates.languageRequired', { language: name })
                : t('staff.updates.languageOptional', { language: name })}
            </legend>
            <TextField
              field={`title.${language}`}
              label={t('staff.updates.titleLabel')}
              error={errors[`title.${language}`]}
              value={draft.title[language] ?? ''}
              maxLength={MAX_TITLE_LENGTH}
              lang={language}
              dir={textDirection(language)}
              required={language === project.defaultLanguage}
              data-testid={`update-title-${language}`}
              onChange={(event) => setText('title', language, event.target.value)}
            />
            <TextAreaField
              field={`body.${language}`}
              label={t('staff.updates.bodyLabel')}
              hint={t('staff.updates.bodyHint')}
              error={errors[`body.${language}`]}
              value={draft.body[language] ?? ''}
              rows={5}
              maxLength={MAX_BODY_LENGTH}
              lang={language}
              dir={textDirection(language)}
              data-testid={`update-body-${language}`}
              onChange={(event) => setText('body', language, event.target.value)}
            />
          </fieldset>
        );
      })}
      <div className="field field--checkbox">
        <label>
          <input
            type="checkbox"
            checked={draft.published}
            data-testid="update-published"
            onChange={(event) => setDraft((previous) => ({ ...previous, published: event.target.checked }))}
          />{' '}
          {t('staff.updates.publishedLabel')}
        </label>
        <p className="field__hint">{t('staff.updates.publishedHint')}</p>
      </div>
      {serverError && (
        <div role="alert" className="notice notice--error">
          <p>{serverError}</p>
        </div>
      )}
      <FieldErrorText id="update-form-error" error={errors.form} />
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={saving}
          data-testid="update-save"
        >
          {saving ? t('staff.updates.saving') : t('staff.updates.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('staff.cancel')}
        </button>
      </div>
    </form>
  );
}
