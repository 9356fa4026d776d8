import { type ModerationItem, pickText } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModerationQueue } from '../../../api/staff-api.ts';
import { Link, navigate, useSearch } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { ConfirmDialog } from '../common/dialog.tsx';
import { LoadFailed, Loading, NoProjectsIn } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { useOrganisationProjects } from '../common/use-organisation-projects.ts';
import { MODERATION_QUEUES, queueFromSearch, staffPaths } from '../staff-routes.ts';
import { holdsProjectRole, useStaff } from '../staff-session.ts';
import { HideDialog } from './hide-dialog.tsx';
import { ModerationItemCard } from './moderation-item.tsx';
import { applyAction, type ItemAction, rollBack } from './moderation-queue.ts';

type Asking = { kind: 'hide' | 'delete' | 'erase'; item: ModerationItem } | null;
type Notice = { tone: 'success' | 'error'; text: string; sequence: number } | null;

/** `/staff/moderation/:slug?queue=`: the project's contributions to look at, queue by queue. */
export function ModerationPage({ slug }: { slug: string | null }) {
  const { t, i18n } = useTranslation();
  const { user } = useStaff();
  useDocumentTitle(t('staff.moderation.title'));
  // Every staff role moderates: the server lists only projects where the person holds one.
  const { state, reload, projects, outside, organisationName } = useOrganisationProjects({
    roles: null,
    open: slug,
    pickerPath: staffPaths.moderation(),
  });

  // With one project only, there is nothing to choose.
  const only = state.status === 'ready' && projects.length === 1 ? projects[0]?.slug : undefined;
  useEffect(() => {
    if (slug === null && only) navigate(staffPaths.moderation(only), { replace: true });
  }, [slug, only]);

  const label = (project: (typeof projects)[number]) =>
    `${pickText(project.title, i18n.language) || project.slug}${
      project.pending > 0 ? ` (${t('staff.moderation.pendingCount', { count: project.pending })})` : ''
    }`;

  return (
    <div className="staff-page">
      <h1>{t('staff.moderation.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {(projects.length > 0 || outside) && (
        <div className="field moderation-picker">
          <label htmlFor="moderation-project">{t('staff.moderation.project')}</label>
          <select
            id="moderation-project"
            value={slug ?? ''}
            onChange={(event) => navigate(staffPaths.moderation(event.target.value || undefined))}
            data-testid="moderation-project"
          >
            {slug === null && <option value="">{t('staff.moderation.chooseProject')}</option>}
            {outside && <option value={outside.slug}>{label(outside)}</option>}
            {projects.map((project) => (
              <option key={project.slug} value={project.slug}>
                {label(project)}
              </option>
            ))}
          </select>
        </div>
      )}
      {state.status === 'ready' && projects.length === 0 && !outside && (
        <NoProjectsIn
          organisation={organisationName}
          text={(organisation) => t('staff.scope.noProjects', { organisation })}
          fallback={t('staff.projects.empty')}
          several={user.organisations.length > 1}
        />
      )}
      {slug && <ModerationQueueView key={slug} slug={slug} />}
    </div>
  );
}

function ModerationQueueView({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { api, user } = useStaff();
  const queue = queueFromSearch(useSearch());
  const definition = useLoad((signal) => api.getProject(slug, signal), [api, slug]);
  const { state, reload, setValue } = useLoad(
    (signal) => api.listModeration(slug, queue, signal),
    [api, slug, queue],
  );
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);
  const canErase = holdsProjectRole(user, slug, ['admin']);
  const categories = definition.state.status === 'ready' ? definition.state.value.categories : [];
  // Workshops by their title; a moderator who may not list them (403) sees the join code.
  const sessions = useLoad((signal) => api.listSessions(slug, signal), [api, slug]);
  const sessionTitle = (code: string) =>
    sessions.state.status === 'ready'
      ? sessions.state.value.sessions.find((session) => session.code === code)?.title
      : undefined;

  const say = (tone: 'success' | 'error', text: string) =>
    setNotice((previous) => ({ tone, text, sequence: (previous?.sequence ?? 0) + 1 }));

  const run = async (item: ModerationItem, action: ItemAction) => {
    if (state.status !== 'ready' || busy.has(item.id)) return;
    const index = state.value.items.findIndex((candidate) => candidate.id === item.id);
    setAsking(null);
    setBusy((previous) => new Set([...previous, item.id]));
    // Optimistic: the queue changes at once, and goes back if the server refuses.
    setValue((value) => ({ items: applyAction(value.items, item.id, action, queue) }));
    const result =
      action.action === 'delete'
        ? await api.deleteContribution(item.id)
        : action.action === 'erase'
          ? await api.eraseParticipant(item.id)
          : action.action === 'feature'
            ? await api.setFeatured(item.id, action.featured)
            : await api.moderate(item.id, action);
    setBusy((previous) => {
      const next = new Set(previous);
      next.delete(item.id);
      return next;
    });
    if (!result.ok) {
      setValue((value) => ({ items: rollBack(value.items, item, index) }));
      say('error', `${t('staff.moderation.failed')} ${t(errorMessageKey(result.error.code))}`);
      return;
    }
    say(
      'success',
      action.action === 'feature'
        ? t(action.featured ? 'staff.moderation.done.featured' : 'staff.moderation.done.unfeatured')
        : t(`staff.moderation.done.${action.action}`),
    );
    // Erasing a participant removes their other contributions too: show the queue as it is now.
    if (action.action === 'erase') reload();
  };

  const tabs = MODERATION_QUEUES.map((name: ModerationQueue) => (
    <li key={name}>
      <Link
        href={staffPaths.moderation(slug, name)}
        className="queue-tabs__tab"
        aria-current={name === queue ? 'page' : undefined}
        data-testid={`queue-${name}`}
      >
        {t(`staff.moderation.queues.${name}`)}
      </Link>
    </li>
  ));

  return (
    <>
      <nav aria-label={t('staff.moderation.queuesLabel')} className="queue-tabs">
        <ul>{tabs}</ul>
      </nav>
      <div
        className={notice ? `moderation-notice moderation-notice--${notice.tone}` : 'moderation-notice'}
        role="status"
        data-testid="moderation-status"
      >
        {notice && <p key={notice.sequence}>{notice.text}</p>}
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.items.length === 0 && (
        <div className="staff-empty" data-testid="moderation-empty">
          <p>{t(`staff.moderation.empty.${queue}`)}</p>
        </div>
      )}
      {state.status === 'ready' && state.value.items.length > 0 && (
        <ul className="moderation-list">
          {state.value.items.map((item) => (
            <li key={item.id}>
              <ModerationItemCard
                item={item}
                category={categories.find((category) => category.key === item.category)}
                sessionTitle={item.session ? sessionTitle(item.session) : undefined}
                canErase={canErase}
                busy={busy.has(item.id)}
                onAction={(action) => {
                  if (action.action === 'ask-hide') setAsking({ kind: 'hide', item });
                  else if (action.action === 'delete' || action.action === 'erase')
                    setAsking({ kind: action.action, item });
                  else void run(item, action);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {asking?.kind === 'hide' && (
        <HideDialog
          onCancel={() => setAsking(null)}
          onHide={(reason) => void run(asking.item, { action: 'hide', reason })}
        />
      )}
      {asking?.kind === 'delete' && (
        <ConfirmDialog
          title={t('staff.moderation.deleteTitle')}
          text={<p>{t('staff.moderation.deleteText')}</p>}
          confirmLabel={t('staff.moderation.delete')}
          cancelLabel={t('staff.cancel')}
          danger
          onConfirm={() => void run(asking.item, { action: 'delete' })}
          onCancel={() => setAsking(null)}
          testId="delete-dialog"
        />
      )}
      {asking?.kind === 'erase' && (
        <ConfirmDialog
          title={t('staff.moderation.eraseTitle')}
          text={<p>{t('staff.moderation.eraseText')}</p>}
          confirmLabel={t('staff.moderation.erase')}
          cancelLabel={t('staff.cancel')}
          danger
          onConfirm={() => void run(asking.item, { action: 'erase' })}
          onCancel={() => setAsking(null)}
          testId="erase-dialog"
        />
      )}
    </>
  );
}
