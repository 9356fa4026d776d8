import { type Organisation, organisationUpdateSchema } from '@nabolag/schema';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { FieldErrorText, fieldDomId, TextField } from '../common/fields.tsx';
import { LanguageCheckboxes, languageChoices, toggleLanguage } from '../common/language-choices.tsx';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import type { FieldErrors } from '../projects/project-validation.ts';
import { BasemapSection } from '../projects/settings-section.tsx';
import { staffPaths } from '../staff-routes.ts';
import { useStaff } from '../staff-session.ts';
import { BrandPreview, ColourField } from './brand-preview.tsx';
import { LogoSection } from './logo-section.tsx';
import { MembersSection } from './members-section.tsx';
import { type OrganisationForm, organisationForm, updateFromForm } from './organisation-form.ts';

/**
 * `/staff/organisations/:org` (its admins, the operator): the organisation's name, colours (with
 * a preview of the resident header and a contrast warning), default languages and basemap for new
 * projects, its logo, and its members with the way to the users page.
 */
export function OrganisationPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { api } = useStaff();
  const { state, reload, setValue } = useLoad((signal) => api.organisations.get(slug, signal), [api, slug]);
  const name = state.status === 'ready' ? state.value.name : slug;
  useDocumentTitle(t('staff.organisations.editTitle', { name }));

  return (
    <div className="staff-page">
      <p className="staff-page__back">
        <Link href={staffPaths.organisations}>{t('staff.organisations.back')}</Link>
      </p>
      <h1>{t('staff.organisations.editTitle', { name })}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <OrganisationEditor
            organisation={state.value}
            onSaved={(saved) => setValue((previous) => ({ ...previous, ...saved }))}
          />
          <LogoSection
            organisation={state.value}
            onChanged={(changed) => setValue((previous) => ({ ...previous, ...changed }))}
          />
          {state.value.members ? (
            <MembersSection slug={slug} members={state.value.members} />
          ) : (
            <p>
              <Link href={staffPaths.users(slug)} data-testid="organisation-users">
                {t('staff.organisations.users')}
              </Link>
            </p>
          )}
        </>
      )}
    </div>
  );
}

function OrganisationEditor({
  organisation,
  onSaved,
}: {
  organisation: Organisation;
  onSaved: (organisation: Organisation) => void;
}) {
  const { t } = useTranslation();
  const { api, reloadOrganisations } = useStaff();
  const [form, setForm] = useState<OrganisationForm>(() => organisationForm(organisation));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (changes: Partial<OrganisationForm>) => setForm((previous) => ({ ...previous, ...changes }));
  const choices = languageChoices(form.defaultLanguages);
  const onToggleLanguage = (language: string, on: boolean) => {
    const { languages, defaultLanguage } = toggleLanguage(
      choices,
      form.defaultLanguages,
      form.defaultLanguage,
      language,
      on,
    );
    change({ defaultLanguages: languages, defaultLanguage });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    const parsed = organisationUpdateSchema.safeParse(updateFromForm(form));
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'defaultBasemap' ? 'basemap' : String(issue.path[0] ?? 'name');
        found[field] ??= { key: 'staff.organisations.fieldInvalid', detail: issue.message };
      }
      setErrors(found);
      document.getElementById(fieldDomId(Object.keys(found)[0] ?? 'name'))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await api.organisations.update(organisation.slug, parsed.data);
    setBusy(false);
    if (!result.ok) {
      setNotice({ tone: 'error', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    onSaved(result.value);
    reloadOrganisations();
    setNotice({ tone: 'success', text: t('staff.organisations.saved') });
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-busy={busy}
      className="staff-form"
      data-testid="organisation-form"
    >
      <TextField
        field="name"
        label={t('staff.organisations.name')}
        error={errors.name}
        value={form.name}
        maxLength={200}
        autoComplete="off"
        onChange={(event) => change({ name: event.target.value })}
      />
      <fieldset className="field">
        <legend>{t('staff.organisations.colours')}</legend>
        <p className="field__hint">{t('staff.organisations.coloursHint')}</p>
        <ColourField
          field="primaryColour"
          label={t('staff.organisations.primaryColour')}
          value={form.primaryColour}
          error={errors.primaryColour}
          onChange={(primaryColour) => change({ primaryColour })}
        />
        <ColourField
          field="accentColour"
          label={t('staff.organisations.accentColour')}
          value={form.accentColour}
          error={errors.accentColour}
          onChange={(accentColour) => change({ accentColour })}
        />
        <BrandPreview name={form.name} logoUrl={organisation.logoUrl} primaryColour={form.primaryColour} />
      </fieldset>

      <fieldset
        className={errors.defaultLanguages ? 'field has-error' : 'field'}
        id={fieldDomId('defaultLanguages')}
      >
        <legend>{t('staff.organisations.defaultLanguages')}</legend>
        <p className="field__hint">{t('staff.organisations.defaultLanguagesHint')}</p>
        <LanguageCheckboxes choices={choices} selected={form.defaultLanguages} onToggle={onToggleLanguage} />
        <FieldErrorText id={`${fieldDomId('defaultLanguages')}-error`} error={errors.defaultLanguages} />
      </fieldset>
      <div className="field">
        <label htmlFor={fieldDomId('defaultLanguage')}>{t('staff.editor.defaultLanguage')}</label>
        <select
          id={fieldDomId('defaultLanguage')}
          value={form.defaultLanguage}
          onChange={(event) => change({ defaultLanguage: event.target.value })}
        >
          {form.defaultLanguages.map((language) => (
            <option key={language} value={language}>
              {nativeLanguageName(language)}
            </option>
          ))}
        </select>
      </div>

      <p className="field__hint">{t('staff.organisations.basemapHint')}</p>
      <BasemapSection form={form} errors={errors} onChange={change} />

      <div
        role="status"
        className={notice ? (notice.tone === 'error' ? 'notice notice--error' : 'notice') : undefined}
      >
        {notice?.text}
      </div>
      <button
        type="submit"
        className="button button--primary"
        aria-disabled={busy}
        data-testid="organisation-save"
      >
        {t('staff.organisations.save')}
      </button>
    </form>
  );
}
