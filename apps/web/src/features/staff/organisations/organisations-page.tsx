import { organisationCreateSchema } from '@nabolag/schema';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { TextField } from '../common/fields.tsx';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import type { FieldErrors } from '../projects/project-validation.ts';
import { staffPaths } from '../staff-routes.ts';
import { isOperator, isOrganisationAdmin, useStaff } from '../staff-session.ts';

/**
 * `/staff/organisations`: the organisations (municipalities) on the instance — for the operator
 * all of them and a form for a new one, for an organisation admin their own.
 */
export function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const { api, user } = useStaff();
  useDocumentTitle(t('staff.organisations.title'));
  const { state, reload } = useLoad((signal) => api.organisations.list(signal), [api]);
  const number = new Intl.NumberFormat(i18n.language);
  const mayOpen = (slug: string) => isOperator(user) || isOrganisationAdmin(user, slug);

  return (
    <div className="staff-page">
      <h1>{t('staff.organisations.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.organisations.length === 0 && (
        <p className="staff-empty">{t('staff.organisations.empty')}</p>
      )}
      {state.status === 'ready' && state.value.organisations.length > 0 && (
        <section className="table-scroll" aria-labelledby="organisations-caption">
          <table className="staff-table staff-table--cards">
            <caption id="organisations-caption" className="visually-hidden">
              {t('staff.organisations.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.organisations.name')}</th>
                <th scope="col" className="numeric">
                  {t('staff.organisations.projects')}
                </th>
                <th scope="col">{t('staff.organisations.yourRoles')}</th>
              </tr>
            </thead>
            <tbody>
              {state.value.organisations.map((organisation) => (
                <tr key={organisation.slug} data-testid={`organisation-row-${organisation.slug}`}>
                  <th scope="row">
                    <span className="staff-table__title">
                      {mayOpen(organisation.slug) ? (
                        <Link href={staffPaths.organisation(organisation.slug)}>{organisation.name}</Link>
                      ) : (
                        organisation.name
                      )}
                    </span>
                    <span className="staff-table__sub">{organisation.slug}</span>
                  </th>
                  <td className="numeric" data-label={t('staff.organisations.projects')}>
                    {number.format(organisation.projectCount)}
                  </td>
                  <td data-label={t('staff.organisations.yourRoles')}>
                    {organisation.roles.length > 0
                      ? organisation.roles.map((role) => t(`staff.roles.${role}`)).join(', ')
                      : t('staff.users.noRoles')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {isOperator(user) && <NewOrganisationForm />}
    </div>
  );
}

/** The operator's form for a new organisation: its short name (in addresses) and its name. */
function NewOrganisationForm() {
  const { t } = useTranslation();
  const { api, reloadOrganisations } = useStaff();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = organisationCreateSchema.safeParse({ slug: slug.trim(), name });
    const found: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'slug') found['organisation.slug'] = { key: 'staff.organisations.slugInvalid' };
        if (issue.path[0] === 'name') found['organisation.name'] = { key: 'staff.organisations.nameMissing' };
      }
    }
    setErrors(found);
    setFailure(null);
    if (!parsed.success) return;
    setBusy(true);
    const result = await api.organisations.create(parsed.data);
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'ORGANISATION_SLUG_TAKEN') {
        setErrors({ 'organisation.slug': { key: 'errors.ORGANISATION_SLUG_TAKEN' } });
      } else {
        setFailure(t(errorMessageKey(result.error.code)));
      }
      return;
    }
    reloadOrganisations();
    navigate(staffPaths.organisation(result.value.slug));
  };

  return (
    <section className="staff-section" aria-labelledby="new-organisation-title">
      <h2 id="new-organisation-title">{t('staff.organisations.new')}</h2>
      <form
        onSubmit={submit}
        noValidate
        aria-busy={busy}
        className="staff-form"
        data-testid="new-organisation"
      >
        {failure && (
          <p className="notice notice--error" role="alert">
            {failure}
          </p>
        )}
        <TextField
          field="organisation.name"
          label={t('staff.organisations.name')}
          error={errors['organisation.name']}
          value={name}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          field="organisation.slug"
          label={t('staff.organisations.slug')}
          hint={t('staff.organisations.slugHint')}
          error={errors['organisation.slug']}
          value={slug}
          maxLength={63}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setSlug(event.target.value.toLowerCase())}
        />
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t('staff.organisations.create')}
        </button>
      </form>
    </section>
  );
}
