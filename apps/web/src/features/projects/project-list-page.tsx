import type { ProjectSummary } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { listProjects } from '../../api/nabolag-api.ts';
import { Link } from '../../app/router.tsx';
import { projectPath, resultsPath } from '../../app/routes.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import './projects.css';

type State =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'ready'; projects: ProjectSummary[] };

/** `/`: the projects a resident can open, open ones first. */
export function ProjectListPage() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(t('projects.title'));

  // `attempt` is in the dependencies only to load again when the reader asks to retry.
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    listProjects(abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        if (!result.ok) setState({ status: 'failed', error: result.error });
        else {
          const projects = [...result.value.projects].sort((a, b) => Number(b.open) - Number(a.open));
          setState({ status: 'ready', projects });
        }
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [attempt]);

  return (
    <div className="page">
      <h1>{t('projects.title')}</h1>
      <p className="lead">{t('projects.intro')}</p>

      {state.status === 'loading' && (
        <p role="status" className="page-state">
          <span className="spinner" aria-hidden="true" />
          {t('projects.loading')}
        </p>
      )}

      {state.status === 'failed' && (
        <div role="alert" className="notice notice--error">
          <p>
            <strong>{t('projects.loadFailed')}</strong> {t(errorMessageKey(state.error.code))}
          </p>
          <button type="button" className="button" onClick={() => setAttempt((count) => count + 1)}>
            {t('project.retry')}
          </button>
        </div>
      )}

      {state.status === 'ready' && state.projects.length === 0 && <p>{t('projects.empty')}</p>}

      {state.status === 'ready' && state.projects.length > 0 && (
        <ul className="project-list">
          {state.projects.map((project) => {
            // The project's own texts may be in another language than the page (lang), and
            // a Norwegian text on an Arabic page keeps its own direction (dir="auto").
            const title = textInLanguage(project.title, i18n.language, project.textFallback);
            const description = textInLanguage(project.description, i18n.language, project.textFallback);
            return (
              <li key={project.slug} className="project-card">
                <h2 className="project-card__title" lang={langIfDifferent(title, i18n.language)} dir="auto">
                  <Link href={projectPath(project.slug)}>{title.text}</Link>
                </h2>
                <p className={project.open ? 'badge badge--open' : 'badge'}>
                  {project.open ? t('projects.open') : t('projects.closed')}
                </p>
                {project.hasResults && (
                  // Above the card's full-size link (projects.css), so that it can be followed itself.
                  <p className="project-card__results">
                    <Link href={resultsPath(project.slug)} data-testid="project-results-link">
                      {t('results.link')}
                    </Link>
                  </p>
                )}
                {description.text && (
                  <p
                    className="project-card__description"
                    lang={langIfDifferent(description, i18n.language)}
                    dir="auto"
                  >
                    {description.text}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
