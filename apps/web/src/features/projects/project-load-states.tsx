import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { errorMessageKey } from '../../i18n/error-messages.ts';

/** A page's "loading the project" state. */
export function ProjectLoading({ children }: { children: ReactNode }) {
  return (
    <div className="page-state page-state--centred" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </div>
  );
}

/** A project that could not be loaded: not found, or a failure the reader can retry. */
export function ProjectLoadFailed({
  error,
  title,
  onRetry,
}: {
  error: ApiFailure;
  /** The heading when the project exists but could not be loaded. */
  title: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const notFound = error.code === 'PROJECT_NOT_FOUND' || error.status === 404;
  return (
    <div className="page page--narrow">
      <h1>{notFound ? t('project.notFoundTitle') : title}</h1>
      <p role="alert">{notFound ? t('project.notFoundText') : t(errorMessageKey(error.code))}</p>
      <p className="button-row">
        {!notFound && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            {t('project.retry')}
          </button>
        )}
        <Link href="/" className="button">
          {t('project.allProjects')}
        </Link>
      </p>
    </div>
  );
}
