import './staff.css';
import type { StaffSession } from '@nabolag/schema';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createStaffApi, fetchStaffSession } from '../../api/staff-api.ts';
import { mayLeavePage, navigate, usePathname } from '../../app/router.tsx';
import { AuditPage } from './audit/audit-page.tsx';
import { LoadFailed, Loading } from './common/load-states.tsx';
import { ExportPage } from './export/export-page.tsx';
import { ModerationPage } from './moderation/moderation-page.tsx';
import { ProjectEditorPage } from './projects/project-editor-page.tsx';
import { ProjectListPage } from './projects/project-list-page.tsx';
import { type SignedOutReason, SignInPage } from './sign-in-page.tsx';
import { matchStaffRoute } from './staff-routes.ts';
import { holdsProjectRole, isInstanceAdmin, StaffContext, type StaffContextValue } from './staff-session.ts';
import { StaffNotFound, StaffShell } from './staff-shell.tsx';
import { TokensPage } from './tokens/tokens-page.tsx';
import { UpdatesPage } from './updates/updates-page.tsx';
import { UsersPage } from './users/users-page.tsx';
import { SessionConsolePage } from './workshop/session-console-page.tsx';
import { WorkshopsPage } from './workshop/workshops-page.tsx';

// The place analysis brings a map and the charting library: its own chunks, loaded when opened.
const AnalysisIndexPage = lazy(() =>
  import('../analyse/analysis-index-page.tsx').then((module) => ({ default: module.AnalysisIndexPage })),
);
const AnalysisPage = lazy(() =>
  import('../analyse/analysis-page.tsx').then((module) => ({ default: module.AnalysisPage })),
);
const AnalysisReportPage = lazy(() =>
  import('../analyse/report-page.tsx').then((module) => ({ default: module.AnalysisReportPage })),
);

type SessionState =
  | { status: 'checking' }
  | { status: 'unreachable'; error: Parameters<typeof LoadFailed>[0]['error'] }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; session: StaffSession };

/**
 * `/staff/**`: asks the server who is signed in, shows the sign-in page to nobody, and the staff
 * pages (in their shell) to staff. Any call answering 401 ends the session here too: the page
 * returns to the sign-in with a message, and to the same address after signing in again.
 */
export function StaffApp() {
  // Staff styles are scoped to this box, so that they never leak into the resident pages.
  return (
    <div className="staff-root">
      <StaffPages />
    </div>
  );
}

function StaffPages() {
  const pathname = usePathname();
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const csrfToken = useRef('');

  // `attempt` is in the dependencies only to ask again when the reader retries.
  useEffect(() => {
    const abort = new AbortController();
    fetchStaffSession(abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        if (result.ok) {
          csrfToken.current = result.value.csrfToken;
          setState({ status: 'signed-in', session: result.value });
        } else if (result.error.status === 401) {
          setState({ status: 'signed-out', reason: null });
        } else {
          setState({ status: 'unreachable', error: result.error });
        }
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [attempt]);

  const api = useMemo(
    () =>
      createStaffApi({
        csrfToken: () => csrfToken.current,
        onUnauthorized: () => {
          csrfToken.current = '';
          setState((previous) =>
            previous.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : previous,
          );
        },
      }),
    [],
  );

  const onSignedIn = useCallback((session: StaffSession) => {
    csrfToken.current = session.csrfToken;
    setState({ status: 'signed-in', session });
    // The page changes without a new address: take screen-reader users to its start.
    requestAnimationFrame(() => document.getElementById('main')?.focus());
  }, []);

  const signOut = useCallback(async () => {
    if (!mayLeavePage()) return;
    await api.signOut();
    csrfToken.current = '';
    setState({ status: 'signed-out', reason: 'signed-out' });
    navigate('/staff', { replace: true, force: true });
  }, [api]);

  const user = state.status === 'signed-in' ? state.session.user : null;
  const context = useMemo<StaffContextValue | null>(
    () => (user ? { user, api, signOut } : null),
    [user, api, signOut],
  );

  if (state.status === 'checking') return <StaffLoading />;
  if (state.status === 'unreachable') {
    return (
      <div className="page page--narrow">
        <LoadFailed error={state.error} onRetry={() => setAttempt((count) => count + 1)} />
      </div>
    );
  }
  if (state.status === 'signed-out' || !context) {
    return (
      <SignInPage reason={state.status === 'signed-out' ? state.reason : null} onSignedIn={onSignedIn} />
    );
  }

  const route = matchStaffRoute(pathname);
  const admin = isInstanceAdmin(context.user);
  return (
    <StaffContext.Provider value={context}>
      <StaffShell route={route}>
        {route.page === 'projects' && <ProjectListPage />}
        {route.page === 'project-new' &&
          (admin ? <ProjectEditorPage key="new" slug={null} /> : <StaffNotFound forbidden />)}
        {route.page === 'project-edit' &&
          (holdsProjectRole(context.user, route.slug, ['admin']) ? (
            <ProjectEditorPage key={route.slug} slug={route.slug} />
          ) : (
            <StaffNotFound forbidden />
          ))}
        {route.page === 'project-export' &&
          (holdsProjectRole(context.user, route.slug, ['planner']) ? (
            <ExportPage key={route.slug} slug={route.slug} />
          ) : (
            <StaffNotFound forbidden />
          ))}
        {route.page === 'project-updates' &&
          (holdsProjectRole(context.user, route.slug, ['planner']) ? (
            <UpdatesPage key={route.slug} slug={route.slug} />
          ) : (
            <StaffNotFound forbidden />
          ))}
        {route.page === 'moderation' && <ModerationPage slug={route.slug} />}
        {(route.page === 'analysis' || route.page === 'analysis-report') && (
          <Suspense fallback={<Loading />}>
            {route.slug === null ? (
              <AnalysisIndexPage />
            ) : !holdsProjectRole(context.user, route.slug, ['planner']) ? (
              <StaffNotFound forbidden />
            ) : route.page === 'analysis' ? (
              <AnalysisPage key={route.slug} slug={route.slug} />
            ) : (
              <AnalysisReportPage key={route.slug} slug={route.slug} />
            )}
          </Suspense>
        )}
        {route.page === 'workshops' && <WorkshopsPage slug={route.slug} />}
        {route.page === 'workshop-console' &&
          (holdsProjectRole(context.user, route.slug, ['planner', 'facilitator']) ? (
            <SessionConsolePage key={route.code} slug={route.slug} code={route.code} />
          ) : (
            <StaffNotFound forbidden />
          ))}
        {route.page === 'users' && (admin ? <UsersPage /> : <StaffNotFound forbidden />)}
        {route.page === 'tokens' && <TokensPage />}
        {route.page === 'audit' && (admin ? <AuditPage /> : <StaffNotFound forbidden />)}
        {route.page === 'not-found' && <StaffNotFound />}
      </StaffShell>
    </StaffContext.Provider>
  );
}

function StaffLoading() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <Loading text={t('staff.loading')} />
    </div>
  );
}
