import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../../api/client.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';

/** "Loading …" with a spinner, announced politely. */
export function Loading({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="page-state">
      <span className="spinner" aria-hidden="true" />
      {text ?? t('staff.loading')}
    </p>
  );
}

/** A failed load, in words, with a retry button. */
export function LoadFailed({ error, onRetry }: { error: ApiFailure; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice--error">
      <p>
        <strong>{t('staff.loadFailed')}</strong> {t(errorMessageKey(error.code))}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        {t('project.retry')}
      </button>
    </div>
  );
}

/**
 * A page's empty project list in the organisation worked in, naming it (or `fallback` for an
 * operator outside every organisation); people in several organisations are told where the others are.
 */
export function NoProjectsIn({
  organisation,
  text,
  fallback,
  several,
}: {
  organisation: string | null;
  text: (organisation: string) => string;
  fallback: string;
  several: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="staff-empty" data-testid="no-projects">
      <p>{organisation === null ? fallback : text(organisation)}</p>
      {organisation !== null && several && <p>{t('staff.scope.otherOrganisations')}</p>}
    </div>
  );
}
