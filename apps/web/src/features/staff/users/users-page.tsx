import { pickText, type StaffUser } from '@nabolag/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { ConfirmDialog } from '../common/dialog.tsx';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { organisationNameOf } from '../organisation-scope.ts';
import { organisationFromSearch, staffPaths } from '../staff-routes.ts';
import { projectsOf, useStaff } from '../staff-session.ts';
import type { ProjectOption } from './project-choices.ts';
import { ResetPasswordDialog, UserDialog } from './user-dialogs.tsx';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; user: StaffUser }
  | { kind: 'reset'; user: StaffUser }
  | { kind: 'disable'; user: StaffUser }
  | null;

/**
 * `/staff/users?organisation=` (its admins, the operator): the organisation's staff, their roles
 * there, passwords and whether they may sign in. Without `?organisation=` the organisation worked in.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const search = useSearch();
  const { organisation: current } = useStaff();
  const organisation = organisationFromSearch(search) ?? current;
  useDocumentTitle(t('staff.users.title'));
  if (!organisation) {
    // An operator who belongs to no organisation opens this page from an organisation's page.
    return (
      <div className="staff-page">
        <h1>{t('staff.users.title')}</h1>
        <p>{t('staff.users.chooseOrganisation')}</p>
        <p>
          <Link href={staffPaths.organisations}>{t('staff.nav.organisations')}</Link>
        </p>
      </div>
    );
  }
  return <OrganisationUsers key={organisation} organisation={organisation} />;
}

function OrganisationUsers({ organisation }: { organisation: string }) {
  const { t, i18n } = useTranslation();
  const { api, user: me, organisations } = useStaff();
  const organisationName = organisationNameOf(organisation, me, organisations);
  const { state, reload, setValue } = useLoad(
    (signal) => api.listUsers(organisation, signal),
    [api, organisation],
  );
  const projectList = useLoad((signal) => api.listProjects(signal), [api]);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const projects: ProjectOption[] =
    projectList.state.status === 'ready'
      ? projectsOf(projectList.state.value.projects, organisation).map((project) => ({
          slug: project.slug,
          title: pickText(project.title, i18n.language) || project.slug,
        }))
      : [];
  const projectTitle = (slug: string) => projects.find((project) => project.slug === slug)?.title ?? slug;

  const replaceUser = (changed: StaffUser) =>
    setValue((value) => ({ users: value.users.map((user) => (user.id === changed.id ? changed : user)) }));

  const setDisabled = async (user: StaffUser, disabled: boolean) => {
    setOpen(null);
    const result = await api.updateUser(organisation, user.id, { disabled });
    if (!result.ok) {
      setNotice({ tone: 'error', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    replaceUser(result.value);
    setNotice({
      tone: 'success',
      text: t(disabled ? 'staff.users.disabledDone' : 'staff.users.enabledDone', { email: user.email }),
    });
  };

  return (
    <div className="staff-page">
      <div className="staff-page__header">
        <h1>{t('staff.users.titleIn', { organisation: organisationName })}</h1>
        <button type="button" className="button button--primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('staff.users.new')}
        </button>
      </div>
      <div
        role="status"
        className={notice ? `moderation-notice moderation-notice--${notice.tone}` : 'moderation-notice'}
      >
        {notice && <p>{notice.text}</p>}
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.users.length === 0 && (
        <p className="staff-empty" data-testid="users-empty">
          {t('staff.users.empty', { organisation: organisationName })}
        </p>
      )}
      {state.status === 'ready' && state.value.users.length > 0 && (
        <section className="table-scroll" aria-labelledby="users-caption">
          <table className="staff-table staff-table--cards">
            <caption id="users-caption" className="visually-hidden">
              {t('staff.users.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.users.user')}</th>
                <th scope="col">{t('staff.users.roles')}</th>
                <th scope="col">{t('staff.users.status')}</th>
                <th scope="col">{t('staff.projects.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.value.users.map((user) => {
                const isSelf = user.id === me.id;
                const name = user.name || user.email;
                return (
                  <tr key={user.id} className={user.disabled ? 'is-disabled' : undefined}>
                    <th scope="row">
                      <span className="staff-table__title">
                        {user.name || user.email}
                        {isSelf && ` ${t('staff.users.you')}`}
                      </span>
                      {user.name && <span className="staff-table__sub">{user.email}</span>}
                    </th>
                    <td data-label={t('staff.users.roles')}>
                      <ul className="plain-list">
                        {user.roles.map((role) => (
                          <li key={role}>
                            {t('staff.users.everywhere', {
                              role: t(`staff.roles.${role}`),
                              organisation: organisationName,
                            })}
                          </li>
                        ))}
                        {user.projectRoles.map((entry) => (
                          <li key={`${entry.project}-${entry.role}`}>
                            {t('staff.users.inProject', {
                              role: t(`staff.roles.${entry.role}`),
                              project: projectTitle(entry.project),
                            })}
                          </li>
                        ))}
                        {user.roles.length === 0 && user.projectRoles.length === 0 && (
                          <li>{t('staff.users.noRoles')}</li>
                        )}
                      </ul>
                    </td>
                    <td data-label={t('staff.users.status')}>
                      <span className={user.disabled ? 'badge' : 'badge badge--open'}>
                        {user.disabled ? t('staff.users.disabled') : t('staff.users.active')}
                      </span>
                    </td>
                    <td data-label={t('staff.projects.actions')}>
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setOpen({ kind: 'edit', user })}
                          aria-label={t('staff.users.editNamed', { name })}
                        >
                          {t('staff.users.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setOpen({ kind: 'reset', user })}
                          aria-label={t('staff.users.resetNamed', { name })}
                        >
                          {t('staff.users.reset')}
                        </button>
                        {!isSelf &&
                          (user.disabled ? (
                            <button
                              type="button"
                              className="button button--small"
                              onClick={() => void setDisabled(user, false)}
                              aria-label={t('staff.users.enableNamed', { name })}
                            >
                              {t('staff.users.enable')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="button button--small button--danger-quiet"
                              onClick={() => setOpen({ kind: 'disable', user })}
                              aria-label={t('staff.users.disableNamed', { name })}
                            >
                              {t('staff.users.disable')}
                            </button>
                          ))}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      {(open?.kind === 'create' || open?.kind === 'edit') && (
        <UserDialog
          user={open.kind === 'edit' ? open.user : null}
          isSelf={open.kind === 'edit' && open.user.id === me.id}
          organisationName={organisationName}
          projects={projects}
          onCancel={() => setOpen(null)}
          onSubmit={async (value) => {
            if (open.kind === 'create') {
              const result = await api.createUser({ ...value, organisation });
              if (!result.ok) return result.error;
              // An e-mail that already had an account adds that person: replace, do not repeat.
              setValue((list) => ({
                users: [...list.users.filter((user) => user.id !== result.value.id), result.value],
              }));
              setNotice({ tone: 'success', text: t('staff.users.created', { email: result.value.email }) });
            } else {
              const result = await api.updateUser(organisation, open.user.id, {
                name: value.name,
                roles: value.roles,
                projectRoles: value.projectRoles,
              });
              if (!result.ok) return result.error;
              replaceUser(result.value);
              setNotice({ tone: 'success', text: t('staff.users.saved', { email: result.value.email }) });
            }
            setOpen(null);
            return null;
          }}
        />
      )}
      {open?.kind === 'reset' && (
        <ResetPasswordDialog
          user={open.user}
          onCancel={() => setOpen(null)}
          onSubmit={async (password) => {
            const result = await api.updateUser(organisation, open.user.id, { password });
            if (!result.ok) return result.error;
            setOpen(null);
            setNotice({ tone: 'success', text: t('staff.users.resetDone', { email: open.user.email }) });
            return null;
          }}
        />
      )}
      {open?.kind === 'disable' && (
        <ConfirmDialog
          title={t('staff.users.disableTitle', { name: open.user.name || open.user.email })}
          text={<p>{t('staff.users.disableText')}</p>}
          confirmLabel={t('staff.users.disable')}
          cancelLabel={t('staff.cancel')}
          danger
          onConfirm={() => void setDisabled(open.user, true)}
          onCancel={() => setOpen(null)}
        />
      )}
    </div>
  );
}
