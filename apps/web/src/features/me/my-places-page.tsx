import {
  type OwnContribution,
  type ParticipantData,
  type Project,
  participantTokenSchema,
  pickText,
} from '@nabolag/schema';
import { projectTextFallback } from '@nabolag/schema/plain';
import type { ParseKeys } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { getProject } from '../../api/nabolag-api.ts';
import { eraseOwnData, getOwnData } from '../../api/participant-api.ts';
import { Link } from '../../app/router.tsx';
import { privacyPath, projectPath } from '../../app/routes.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { ProjectTextScope } from '../../i18n/project-text-scope.tsx';
import { browserStorage } from '../../lib/storage.ts';
import { forgetFirstSend } from '../contribute/first-send/first-send.ts';
import { storedParticipantToken } from '../contribute/participant-token.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { OwnAnswers } from './own-answers.tsx';
import { OwnPlaceCard } from './own-place-card.tsx';
import './me.css';

type PageState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  /** This browser has never contributed to the project: there is nothing to ask for. */
  | { status: 'no-token'; project: Project }
  | { status: 'ready'; project: Project; token: string; data: ParticipantData };

const isValidToken = (token: string) => participantTokenSchema.safeParse(token).success;

/**
 * `/p/:slug/me` ("My places"): everything this browser's participant gave to a project, by the
 * token kept in localStorage — to read, change, move and delete, down to all of it at once.
 */
export function MyPlacesPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState<ParseKeys | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  // `attempt` is in the dependencies only to load again when the reader asks to retry.
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    void (async () => {
      const project = await getProject(slug, abort.signal);
      if (abort.signal.aborted) return;
      if (!project.ok) {
        setState({ status: 'failed', error: project.error });
        return;
      }
      const token = storedParticipantToken(slug, browserStorage(), isValidToken);
      if (!token) {
        setState({ status: 'no-token', project: project.value });
        return;
      }
      const data = await getOwnData(slug, token, abort.signal);
      if (abort.signal.aborted) return;
      setState(
        data.ok
          ? { status: 'ready', project: project.value, token, data: data.value }
          : { status: 'failed', error: data.error },
      );
    })().catch(() => undefined); // aborted
    return () => abort.abort();
  }, [slug, attempt]);

  /** Loads the data again in place, keeping the page as it is while the answer comes. */
  const refresh = useCallback(async () => {
    if (state.status !== 'ready') return;
    const data = await getOwnData(slug, state.token);
    if (data.ok)
      setState((current) => (current.status === 'ready' ? { ...current, data: data.value } : current));
  }, [slug, state]);

  const title =
    state.status === 'ready' || state.status === 'no-token'
      ? pickText(state.project.title, i18n.language, projectTextFallback(state.project))
      : null;
  useDocumentTitle(title ? t('me.documentTitle', { title }) : t('me.title'));

  if (state.status === 'loading') {
    return (
      <div className="page-state page-state--centred" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('me.loading')}
      </div>
    );
  }

  if (state.status === 'failed') {
    const notFound = state.error.code === 'PROJECT_NOT_FOUND';
    return (
      <div className="page page--narrow">
        <h1>{notFound ? t('project.notFoundTitle') : t('me.loadFailedTitle')}</h1>
        <p role="alert">{notFound ? t('project.notFoundText') : t(errorMessageKey(state.error.code))}</p>
        <p className="button-row">
          {!notFound && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => setAttempt((count) => count + 1)}
            >
              {t('project.retry')}
            </button>
          )}
          <Link href={notFound ? '/' : projectPath(slug)} className="button">
            {notFound ? t('project.allProjects') : t('me.backToMap')}
          </Link>
        </p>
      </div>
    );
  }

  const contributions = state.status === 'ready' ? state.data.contributions : [];
  const removeFromList = (removed: OwnContribution) => {
    setState((current) =>
      current.status === 'ready'
        ? {
            ...current,
            data: {
              ...current.data,
              contributions: current.data.contributions.filter((candidate) => candidate.id !== removed.id),
            },
          }
        : current,
    );
    setAnnouncement('me.deleted');
    listHeading.current?.focus();
  };

  return (
    <ProjectTextScope project={state.project}>
      <div className="page page--narrow my-places" data-testid="my-places">
        <p className="my-places__back">
          <Link href={projectPath(slug)}>{t('me.backToMap')}</Link>
        </p>
        <h1 ref={listHeading} tabIndex={-1}>
          {t('me.title')}
        </h1>
        <p className="lead">{t('me.intro', { title })}</p>
        <div
          role="status"
          aria-live="polite"
          className="my-places__announcement"
          data-testid="my-places-status"
        >
          {announcement && <p className="status-line status-line--success">{t(announcement)}</p>}
        </div>

        {contributions.length === 0 ? (
          <div className="notice my-places__empty" data-testid="my-places-empty">
            <h2 className="notice__title">{t('me.emptyTitle')}</h2>
            <p>{t(state.status === 'no-token' ? 'me.emptyNoToken' : 'me.emptyText')}</p>
            <p>
              <Link href={projectPath(slug)} className="button button--primary">
                {t('me.goToMap')}
              </Link>
            </p>
          </div>
        ) : (
          <ul className="my-places__list" aria-label={t('me.listLabel', { count: contributions.length })}>
            {contributions.map((contribution) => (
              <li key={contribution.id}>
                <OwnPlaceCard
                  project={state.project}
                  contribution={contribution}
                  token={state.status === 'ready' ? state.token : ''}
                  onChanged={refresh}
                  onDeleted={removeFromList}
                />
              </li>
            ))}
          </ul>
        )}

        {state.status === 'ready' && state.data.participantId !== null && (
          <>
            <section className="my-places__section" aria-labelledby="own-answers-section">
              <h2 id="own-answers-section" className="visually-hidden">
                {t('me.answersHeading')}
              </h2>
              <OwnAnswers
                projectSlug={slug}
                asked={state.project.backgroundQuestions}
                token={state.token}
                profile={state.data.profile}
                onSaved={refresh}
              />
            </section>
            <EraseEverything
              slug={slug}
              token={state.token}
              onErased={() => {
                forgetFirstSend(slug, browserStorage());
                setState((current) =>
                  current.status === 'ready'
                    ? { ...current, data: { participantId: null, profile: {}, contributions: [] } }
                    : current,
                );
                setAnnouncement('me.erased');
                listHeading.current?.focus();
              }}
            />
          </>
        )}

        <p className="my-places__privacy link-row">
          <Link href={privacyPath(slug)}>{t('me.privacyLink')}</Link>
        </p>
      </div>
    </ProjectTextScope>
  );
}

/** "Delete everything I gave": every place, photo and answer, after a confirmation. */
function EraseEverything({ slug, token, onErased }: { slug: string; token: string; onErased: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);

  const erase = async () => {
    setBusy(true);
    const result = await eraseOwnData(slug, token);
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onErased();
  };

  return (
    <section className="my-places__section my-places__erase" aria-labelledby="erase-heading">
      <h2 id="erase-heading">{t('me.eraseHeading')}</h2>
      <p>{t('me.eraseText')}</p>
      <button
        type="button"
        className="button button--danger"
        data-testid="erase-everything"
        onClick={() => {
          setError(null);
          setConfirming(true);
        }}
      >
        {t('me.eraseButton')}
      </button>
      {error && (
        <p className="field__error" role="alert">
          {t('me.eraseFailed')} {t(errorMessageKey(error.code))}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('me.eraseTitle')}
        confirmLabel={busy ? t('me.deleting') : t('me.eraseConfirm')}
        cancelLabel={t('me.keep')}
        busy={busy}
        testId="confirm-erase"
        onConfirm={() => void erase()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('me.eraseConfirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
