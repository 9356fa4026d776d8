import {
  MIN_PASSWORD_LENGTH,
  passwordSchema,
  type StaffRole,
  type StaffUser,
  staffRoleSchema,
  userCreateSchema,
} from '@nabolag/schema';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../../api/client.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { Dialog } from '../common/dialog.tsx';
import { type ProjectOption, projectChoices } from './project-choices.ts';

type ProjectRole = StaffUser['projectRoles'][number];
export const ROLES: readonly StaffRole[] = staffRoleSchema.options;

interface UserFormValue {
  email: string;
  name: string;
  password: string;
  roles: StaffRole[];
  projectRoles: ProjectRole[];
}

type Problems = Partial<Record<'email' | 'password' | 'form', string>>;

function RoleCheckboxes({
  roles,
  onChange,
  lockAdmin,
  organisationName,
}: {
  roles: StaffRole[];
  onChange: (roles: StaffRole[]) => void;
  lockAdmin: boolean;
  organisationName: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{t('staff.users.instanceRoles', { organisation: organisationName })}</legend>
      <p className="field__hint">{t('staff.users.instanceRolesHint', { organisation: organisationName })}</p>
      {ROLES.map((role) => (
        <label key={role} className="checkbox">
          <input
            type="checkbox"
            checked={roles.includes(role)}
            disabled={lockAdmin && role === 'admin'}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? ROLES.filter((candidate) => candidate === role || roles.includes(candidate))
                  : roles.filter((candidate) => candidate !== role),
              )
            }
          />
          <span>
            <strong>{t(`staff.roles.${role}`)}</strong>
            <span className="checkbox__aside"> – {t(`staff.roleHints.${role}`)}</span>
          </span>
        </label>
      ))}
      {lockAdmin && <p className="field__hint">{t('staff.users.cannotDemoteSelf')}</p>}
    </fieldset>
  );
}

function ProjectRoleRows({
  value,
  projects,
  organisationName,
  onChange,
}: {
  value: ProjectRole[];
  projects: ProjectOption[];
  organisationName: string;
  onChange: (value: ProjectRole[]) => void;
}) {
  const { t } = useTranslation();
  // A role in a project the page cannot name (the operator lists no organisation's projects)
  // stays choosable under its slug, so that saving keeps it as it is.
  const choices = projectChoices(projects, value);
  const set = (index: number, changes: Partial<ProjectRole>) =>
    onChange(value.map((entry, at) => (at === index ? { ...entry, ...changes } : entry)));
  return (
    <fieldset className="field">
      <legend>{t('staff.users.projectRoles')}</legend>
      <p className="field__hint">{t('staff.users.projectRolesHint')}</p>
      {value.length === 0 && <p className="field__hint">{t('staff.users.noProjectRoles')}</p>}
      <ul className="project-roles">
        {value.map((entry, index) => (
          <li key={index} className="project-roles__row">
            <label className="visually-hidden" htmlFor={`project-role-project-${index}`}>
              {t('staff.users.project')}
            </label>
            <select
              id={`project-role-project-${index}`}
              value={entry.project}
              onChange={(event) => set(index, { project: event.target.value })}
            >
              {choices.map((project) => (
                <option key={project.slug} value={project.slug}>
                  {project.title}
                </option>
              ))}
            </select>
            <label className="visually-hidden" htmlFor={`project-role-role-${index}`}>
              {t('staff.users.role')}
            </label>
            <select
              id={`project-role-role-${index}`}
              value={entry.role}
              onChange={(event) => set(index, { role: event.target.value as StaffRole })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`staff.roles.${role}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              onClick={() => onChange(value.filter((_, at) => at !== index))}
            >
              {t('staff.users.removeProjectRole')}
            </button>
          </li>
        ))}
      </ul>
      {projects.length === 0 && (
        <p className="field__hint" data-testid="no-project-choices">
          {t('staff.users.noProjectsToChoose', { organisation: organisationName })}
        </p>
      )}
      {projects.length > 0 && (
        <button
          type="button"
          className="button button--small"
          onClick={() => onChange([...value, { project: projects[0]?.slug ?? '', role: 'facilitator' }])}
        >
          {t('staff.users.addProjectRole')}
        </button>
      )}
    </fieldset>
  );
}

/** Same-project, same-role duplicates are dropped (the server would store one). */
const uniqueRoles = (roles: ProjectRole[]) =>
  roles.filter(
    (entry, index) =>
      roles.findIndex((other) => other.project === entry.project && other.role === entry.role) === index,
  );

function PasswordField({
  id,
  label,
  value,
  onChange,
  problem,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem: string | undefined;
}) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className={problem ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t('staff.users.passwordHint', { count: MIN_PASSWORD_LENGTH })}
      </p>
      <input
        id={id}
        type={visible ? 'text' : 'password'}
        autoComplete="new-password"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      {problem && (
        <p id={`${id}-error`} className="field__error">
          {problem}
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={visible} onChange={(event) => setVisible(event.target.checked)} />
        {t('staff.signIn.showPassword')}
      </label>
    </div>
  );
}

interface UserDialogProps {
  /** `null` to create a user. */
  user: StaffUser | null;
  isSelf: boolean;
  /** The organisation the roles are given in. */
  organisationName: string;
  projects: ProjectOption[];
  onCancel: () => void;
  /** Sends the change; resolves to the failure to show, or `null` when done. */
  onSubmit: (value: UserFormValue) => Promise<ApiFailure | null>;
}

/** Creates a user (e-mail, name, password, roles) or changes one's name and roles. */
export function UserDialog({
  user,
  isSelf,
  organisationName,
  projects,
  onCancel,
  onSubmit,
}: UserDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<UserFormValue>({
    email: user?.email ?? '',
    name: user?.name ?? '',
    password: '',
    roles: user ? [...user.roles] : [],
    projectRoles: user ? [...user.projectRoles] : [],
  });
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Problems = {};
    if (!user) {
      const parsed = userCreateSchema.safeParse({ ...value, projectRoles: uniqueRoles(value.projectRoles) });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === 'email') found.email = t('staff.signIn.emailInvalid');
          if (issue.path[0] === 'password')
            found.password = t('staff.users.passwordTooShort', { count: MIN_PASSWORD_LENGTH });
        }
      }
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const failure = await onSubmit({ ...value, projectRoles: uniqueRoles(value.projectRoles) });
    setBusy(false);
    if (failure) {
      setProblems(
        failure.code === 'EMAIL_TAKEN'
          ? { email: t('errors.EMAIL_TAKEN') }
          : { form: t(errorMessageKey(failure.code)) },
      );
    }
  };

  return (
    <Dialog
      title={user ? t('staff.users.editTitle', { name: user.name || user.email }) : t('staff.users.newTitle')}
      onClose={onCancel}
      testId="user-dialog"
    >
      <form onSubmit={submit} noValidate aria-busy={busy} className="staff-form">
        {problems.form && (
          <p className="notice notice--error" role="alert">
            {problems.form}
          </p>
        )}
        {!user && (
          <div className={problems.email ? 'field has-error' : 'field'}>
            <label htmlFor="user-email">{t('staff.signIn.email')}</label>
            <p id="user-email-hint" className="field__hint">
              {t('staff.users.existingEmailHint', { organisation: organisationName })}
            </p>
            <input
              id="user-email"
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={value.email}
              onChange={(event) => setValue({ ...value, email: event.target.value })}
              aria-invalid={problems.email ? true : undefined}
              aria-describedby={problems.email ? 'user-email-hint user-email-error' : 'user-email-hint'}
            />
            {problems.email && (
              <p id="user-email-error" className="field__error">
                {problems.email}
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor="user-name">{t('staff.users.name')}</label>
          <input
            id="user-name"
            autoComplete="off"
            maxLength={200}
            value={value.name}
            onChange={(event) => setValue({ ...value, name: event.target.value })}
          />
        </div>
        {!user && (
          <PasswordField
            id="user-password"
            label={t('staff.signIn.password')}
            value={value.password}
            onChange={(password) => setValue({ ...value, password })}
            problem={problems.password}
          />
        )}
        <RoleCheckboxes
          roles={value.roles}
          onChange={(roles) => setValue({ ...value, roles })}
          lockAdmin={isSelf && value.roles.includes('admin')}
          organisationName={organisationName}
        />
        <ProjectRoleRows
          value={value.projectRoles}
          projects={projects}
          organisationName={organisationName}
          onChange={(projectRoles) => setValue({ ...value, projectRoles })}
        />
        <div className="button-row staff-dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('staff.cancel')}
          </button>
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {user ? t('staff.users.save') : t('staff.users.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Sets a new password for a user; they are signed out everywhere. */
export function ResetPasswordDialog({
  user,
  onCancel,
  onSubmit,
}: {
  user: StaffUser;
  onCancel: () => void;
  onSubmit: (password: string) => Promise<ApiFailure | null>;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!passwordSchema.safeParse(password).success) {
      setProblem(t('staff.users.passwordTooShort', { count: MIN_PASSWORD_LENGTH }));
      return;
    }
    setBusy(true);
    const failure = await onSubmit(password);
    setBusy(false);
    if (failure) setProblem(t(errorMessageKey(failure.code)));
  };

  return (
    <Dialog title={t('staff.users.resetTitle', { name: user.name || user.email })} onClose={onCancel}>
      <form onSubmit={submit} noValidate aria-busy={busy} className="staff-form">
        <p>{t('staff.users.resetText')}</p>
        <PasswordField
          id="reset-password"
          label={t('staff.users.newPassword')}
          value={password}
          onChange={setPassword}
          problem={problem}
        />
        <div className="button-row staff-dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('staff.cancel')}
          </button>
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {t('staff.users.resetSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
