import { pickText, type WorkshopSession } from '@nabolag/schema';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { formatDay } from '../../../i18n/format.ts';
import { LoadFailed, Loading, NoProjectsIn } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { useOrganisationProjects } from '../common/use-organisation-projects.ts';
import { staffPaths } from '../staff-routes.ts';
import { holdsProjectRole, useStaff } from '../staff-session.ts';
import { JoinCard } from './join-card.tsx';

const FACILITATING = ['planner', 'facilitator'] as const;

/** `/staff/workshops[/:slug]`: a project's workshop sessions, and a new one with its join code. */
export function WorkshopsPage({ slug }: { slug: string | null }) {
  const { t, i18n } = useTranslation();
  const { user } = useStaff();
  useDocumentTitle(t('staff.workshops.title'));
  const { state, reload, projects, outside, organisationName } = useOrganisationProjects({
    roles: FACILITATING,
    open: slug,
    pickerPath: staffPaths.workshops(),
  });
  const title = (project: (typeof projects)[number]) =>
    pickText(project.title, i18n.language) || project.slug;

  // With one project only, there is nothing to choose.
  const only = projects.length === 1 ? projects[0]?.slug : undefined;
  useEffect(() => {
    if (slug === null && only) navigate(staffPaths.workshops(only), { replace: true });
  }, [slug, only]);

  return (
    <div className="staff-page">
      <h1>{t('staff.workshops.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && projects.length === 0 && !outside && (
        <NoProjectsIn
          organisation={organisationName}
          text={(organisation) => t('staff.scope.noWorkshopProjects', { organisation })}
          fallback={t('staff.projects.empty')}
          several={user.organisations.length > 1}
        />
      )}
      {(projects.length > 0 || outside) && (
        <div className="field moderation-picker">
          <label htmlFor="workshop-project">{t('staff.moderation.project')}</label>
          <select
            id="workshop-project"
            value={slug ?? ''}
            onChange={(event) => navigate(staffPaths.workshops(event.target.value || undefined))}
            data-testid="workshop-project"
          >
            {slug === null && <option value="">{t('staff.moderation.chooseProject')}</option>}
            {outside && <option value={outside.slug}>{title(outside)}</option>}
            {projects.map((project) => (
              <option key={project.slug} value={project.slug}>
                {title(project)}
              </option>
            ))}
          </select>
        </div>
      )}
      {slug &&
        (holdsProjectRole(user, slug, FACILITATING) ? (
          <ProjectSessions key={slug} slug={slug} />
        ) : (
          <p>{t('staff.forbiddenText')}</p>
        ))}
    </div>
  );
}

function ProjectSessions({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const { state, reload, setValue } = useLoad((signal) => api.listSessions(slug, signal), [api, slug]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<WorkshopSession | null>(null);

  const onCreated = (session: WorkshopSession) => {
    setCreating(false);
    setCreated(session);
    setValue((value) => ({ sessions: [session, ...value.sessions.filter((s) => s.code !== session.code)] }));
  };

  return (
    <>
      <div className="staff-page__header">
        <h2>{t('staff.workshops.sessions')}</h2>
        {!creating && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
            data-testid="new-workshop"
          >
            {t('staff.workshops.new')}
          </button>
        )}
      </div>
      {creating && <NewSessionForm slug={slug} onCreated={onCreated} onCancel={() => setCreating(false)} />}
      {created && (
        <>
          <JoinCard session={created} />
          <p>
            <Link
              href={staffPaths.workshopConsole(slug, created.code)}
              className="button button--primary"
              data-testid="open-console"
            >
              {t('staff.workshops.openConsole')}
            </Link>
          </p>
        </>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.sessions.length === 0 && (
        <p className="staff-empty">{t('staff.workshops.empty')}</p>
      )}
      {state.status === 'ready' && state.value.sessions.length > 0 && (
        <section className="table-scroll" aria-labelledby="sessions-caption">
          <table className="staff-table staff-table--cards" data-testid="sessions">
            <caption id="sessions-caption" className="visually-hidden">
              {t('staff.workshops.sessions')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.workshops.sessionTitle')}</th>
                <th scope="col">{t('staff.workshops.heldOn')}</th>
                <th scope="col">{t('staff.workshops.code')}</th>
                <th scope="col">{t('staff.workshops.statusLabel')}</th>
                <th scope="col">{t('staff.projects.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.value.sessions.map((session) => (
                <tr key={session.code} data-testid="session-row" data-code={session.code}>
                  <td>
                    <span className="staff-table__title">{session.title}</span>
                    {session.place && <span className="staff-table__sub">{session.place}</span>}
                  </td>
                  <td>{session.heldOn ? formatDay(session.heldOn, i18n.language) : '—'}</td>
                  <td>
                    <span className="session-code">{session.code}</span>
                  </td>
                  <td>
                    <span className={`badge badge--session-${session.status}`}>
                      {t(`staff.workshops.status.${session.status}`)}
                    </span>
                  </td>
                  <td>
                    <Link
                      href={staffPaths.workshopConsole(slug, session.code)}
                      className="button button--small"
                    >
                      {t('staff.workshops.openConsole')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

function NewSessionForm({
  slug,
  onCreated,
  onCancel,
}: {
  slug: string;
  onCreated: (session: WorkshopSession) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useStaff();
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [heldOn, setHeldOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [groups, setGroups] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (title.trim().length === 0) {
      setProblem(t('staff.workshops.titleRequired'));
      return;
    }
    setBusy(true);
    setProblem(null);
    const groupNames = [
      ...new Set(
        groups
          .split('\n')
          .map((name) => name.trim())
          .filter((name) => name.length > 0),
      ),
    ];
    const result = await api.createSession(slug, {
      title: title.trim(),
      ...(place.trim() ? { place: place.trim() } : {}),
      ...(heldOn ? { heldOn } : {}),
      groups: groupNames,
    });
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setProblem(`${t('staff.workshops.createFailed')} ${t(errorMessageKey(result.error.code))}`);
  };

  return (
    <form className="staff-form" onSubmit={(event) => void submit(event)} data-testid="new-workshop-form">
      <div className="field">
        <label htmlFor="workshop-title">{t('staff.workshops.sessionTitle')}</label>
        <input
          id="workshop-title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={200}
          required
          data-testid="workshop-title"
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="workshop-place">{t('staff.workshops.place')}</label>
          <input
            id="workshop-place"
            value={place}
            onChange={(event) => setPlace(event.target.value)}
            maxLength={200}
            data-testid="workshop-place"
          />
        </div>
        <div className="field">
          <label htmlFor="workshop-date">{t('staff.workshops.heldOn')}</label>
          <input
            id="workshop-date"
            type="date"
            value={heldOn}
            onChange={(event) => setHeldOn(event.target.value)}
            data-testid="workshop-date"
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="workshop-groups">{t('staff.workshops.groups')}</label>
        <p className="field__hint" id="workshop-groups-hint">
          {t('staff.workshops.groupsHint')}
        </p>
        <textarea
          id="workshop-groups"
          rows={4}
          value={groups}
          onChange={(event) => setGroups(event.target.value)}
          aria-describedby="workshop-groups-hint"
          data-testid="workshop-groups"
        />
      </div>
      {problem && (
        <p role="alert" className="notice notice--error" data-testid="workshop-problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={busy}
          data-testid="create-workshop"
        >
          {t('staff.workshops.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('staff.cancel')}
        </button>
      </div>
    </form>
  );
}
