import { type Project, type ProjectUpdate, pickText } from '@nabolag/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getProject } from '../../../api/nabolag-api.ts';
import { Link } from '../../../app/router.tsx';
import { resultsPath } from '../../../app/routes.ts';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { formatDay } from '../../../i18n/format.ts';
import { ConfirmDialog } from '../common/dialog.tsx';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { staffPaths } from '../staff-routes.ts';
import { useStaff } from '../staff-session.ts';
import { UpdateEditor } from './update-editor.tsx';
import { byDateDescending, draftFromUpdate, emptyDraft, toInput, type UpdateDraft } from './update-form.ts';
import './updates.css';

/**
 * `/staff/projects/:slug/updates`: the planners' updates residents read on the results page
 * ("what happens next") — listed newest first, written and edited per offered language, dated,
 * published when ready, deleted after a confirmation.
 */
export function UpdatesPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const { state, reload } = useLoad((signal) => getProject(slug, signal), [slug]);
  const title = state.status === 'ready' ? pickText(state.value.title, i18n.language) || slug : slug;
  useDocumentTitle(t('staff.updates.title', { title }));

  return (
    <div className="staff-page updates-page">
      <p className="staff-page__back">
        <Link href={staffPaths.projects}>{t('staff.editor.back')}</Link>
      </p>
      <h1>{t('staff.updates.title', { title })}</h1>
      <p className="staff-page__intro">
        {t('staff.updates.intro')}{' '}
        <a href={resultsPath(slug)} target="_blank" rel="noreferrer" data-testid="updates-results-link">
          {t('staff.updates.openResults')}
        </a>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <UpdatesOfProject project={state.value} />}
    </div>
  );
}

type Editing = { kind: 'new' } | { kind: 'edit'; update: ProjectUpdate } | null;

function UpdatesOfProject({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const { state, reload, setValue } = useLoad(
    (signal) => api.updates.list(project.slug, signal),
    [api, project.slug],
  );
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<ProjectUpdate | null>(null);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; sequence: number } | null>(null);
  const say = (text: string) => setStatus((previous) => ({ text, sequence: (previous?.sequence ?? 0) + 1 }));

  const save = async (draft: UpdateDraft) => {
    if (!editing) return;
    setSaving(true);
    setServerError(null);
    const input = toInput(draft);
    const result =
      editing.kind === 'new'
        ? await api.updates.create(project.slug, input)
        : await api.updates.replace(project.slug, editing.update.id, input);
    setSaving(false);
    if (!result.ok) {
      setServerError(
        `${t('staff.updates.saveFailed')} ${t(errorMessageKey(result.error.code))} ${result.error.message}`,
      );
      return;
    }
    const saved = result.value;
    setValue((value) => ({
      updates: [...value.updates.filter((update) => update.id !== saved.id), saved].sort(byDateDescending),
    }));
    setEditing(null);
    say(t(saved.published ? 'staff.updates.savedPublished' : 'staff.updates.savedDraft'));
  };

  const remove = async (update: ProjectUpdate) => {
    setSaving(true);
    const result = await api.updates.remove(project.slug, update.id);
    setSaving(false);
    setDeleting(null);
    if (!result.ok) {
      say(`${t('staff.updates.deleteFailed')} ${t(errorMessageKey(result.error.code))}`);
      return;
    }
    setValue((value) => ({ updates: value.updates.filter((entry) => entry.id !== update.id) }));
    say(t('staff.updates.deleted'));
  };

  return (
    <>
      <div role="status" className="updates-page__status" data-testid="updates-status">
        {status && <p key={status.sequence}>{status.text}</p>}
      </div>
      {editing ? (
        <UpdateEditor
          key={editing.kind === 'edit' ? editing.update.id : 'new'}
          project={project}
          initial={editing.kind === 'edit' ? draftFromUpdate(editing.update, project) : emptyDraft(project)}
          existing={editing.kind === 'edit'}
          saving={saving}
          serverError={serverError}
          onSave={(draft) => void save(draft)}
          onCancel={() => {
            setEditing(null);
            setServerError(null);
          }}
        />
      ) : (
        <p className="button-row">
          <button
            type="button"
            className="button button--primary"
            data-testid="new-update"
            onClick={() => setEditing({ kind: 'new' })}
          >
            {t('staff.updates.new')}
          </button>
        </p>
      )}

      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.updates.length === 0 && (
        <p className="staff-empty" data-testid="updates-empty">
          {t('staff.updates.empty')}
        </p>
      )}
      {state.status === 'ready' && state.value.updates.length > 0 && (
        <ol className="updates-list" aria-label={t('staff.updates.listLabel')}>
          {state.value.updates.map((update) => {
            const heading =
              pickText(update.title, i18n.language) || pickText(update.title, project.defaultLanguage);
            return (
              <li
                key={update.id}
                className="updates-list__item"
                data-testid="update-item"
                data-id={update.id}
              >
                <div className="updates-list__text">
                  <time dateTime={update.publishedOn}>{formatDay(update.publishedOn, i18n.language)}</time>
                  <h2 className="updates-list__title" dir="auto">
                    {heading}
                  </h2>
                  <span className={update.published ? 'badge badge--open' : 'badge'}>
                    {update.published ? t('staff.updates.published') : t('staff.updates.draft')}
                  </span>
                  <span className="updates-list__languages">
                    {t('staff.updates.languages', { languages: Object.keys(update.title).join(', ') })}
                  </span>
                </div>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('staff.updates.editNamed', { title: heading })}
                    onClick={() => {
                      setServerError(null);
                      setEditing({ kind: 'edit', update });
                    }}
                  >
                    {t('staff.updates.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    aria-label={t('staff.updates.deleteNamed', { title: heading })}
                    data-testid="delete-update"
                    onClick={() => setDeleting(update)}
                  >
                    {t('staff.updates.delete')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}

      {deleting && (
        <ConfirmDialog
          title={t('staff.updates.deleteTitle')}
          text={<p>{t('staff.updates.deleteText', { title: pickText(deleting.title, i18n.language) })}</p>}
          confirmLabel={t('staff.updates.delete')}
          cancelLabel={t('staff.cancel')}
          danger
          busy={saving}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
          testId="delete-update-dialog"
        />
      )}
    </>
  );
}
