import './staff.css';
import type { Organisation, StaffSession } from '@nabolag/schema';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createStaffApi, fetchStaffSession } from '../../api/staff-api.ts';
import { mayLeavePage, navigate, usePathname } from '../../app/router.tsx';
import { browserStorage } from '../../lib/storage.ts';
import { AuditPage } from './audit/audit-page.tsx';
import { LoadFailed, Loading } from './common/load-states.tsx';
import { ExportPage } from './export/export-page.tsx';
import { ModerationPage } from './moderation/moderation-page.tsx';
import { OrganisationPage } from './organisations/organisation-page.tsx';
import { OrganisationsPage } from './organisations/organisations-page.tsx';
import { ProjectEditorPage } from './projects/project-editor-page.tsx';
import { ProjectListPage } from './projects/project-list-page.tsx';
import { type SignedOutReason, SignInPage } from './sign-in-page.tsx';
import { matchStaffRoute } from './staff-routes.ts';
import {
  chooseOrganisation,
  holdsProjectRole,
  isOperator,
  isOrganisationAdmin,
  mayManageOrganisations,
  ORGANISATION_STORAGE_KEY,
  StaffContext,
  type StaffContextValue,
} from './staff-session.ts';
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

  const refreshSession = useCallback(async () => {
    const result = await fetchStaffSession();
    if (!result.ok) return; // a 401 shows on the next call; anything else keeps what was known
    csrfToken.current = result.value.csrfToken;
    setState((previous) =>
      previous.status === 'signed-in' ? { status: 'signed-in', session: result.value } : previous,
    );
  }, []);

  const user = state.status === 'signed-in' ? state.session.user : null;
  const [remembered, setRemembered] = useState(() => browserStorage().getItem(ORGANISATION_STORAGE_KEY));
  const organisation = user ? chooseOrganisation(user, remembered) : null;
  const setOrganisation = useCallback((slug: string) => {
    browserStorage().setItem(ORGANISATION_STORAGE_KEY, slug);
    setRemembered(slug);
  }, []);

  // The organisations' names and logos for the shell; a failure only leaves the logo out.
  const [organisations, setOrganisations] = useState<Organisation[] | null>(null);
  const [organisationsAttempt, setOrganisationsAttempt] = useState(0);
  const reloadOrganisations = useCallback(() => setOrganisationsAttempt((count) => count + 1), []);
  const userId = user?.id ?? null;
  // `organisationsAttempt` is in the dependencies only to load again after a change.
  useEffect(() => {
    if (!userId) return;
    const abort = new AbortController();
    api.organisations.list(abort.signal).then(
      (result) => {
        if (!abort.signal.aborted) setOrganisations(result.ok ? result.value.organisations : null);
      },
      () => undefined, // aborted
    );
    return () => abort.abort();
  }, [api, userId, organisationsAttempt]);

  const context = useMemo<StaffContextValue | null>(
    () =>
      user
        ? {
            user,
            api,
            signOut,
            refreshSession,
            organisation,
            setOrganisation,
            organisations,
            reloadOrganisations,
          }
        : null,
    [user, api, signOut, refreshSession, organisation, setOrganisation, organisations, reloadOrganisations],
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
  const me = context.user;
  // Users and the audit log: admins of an organisation, and the operator (who creates first admins).
  const managesUsers = isOperator(me) || isOrganisationAdmin(me);
  return (
    <StaffContext.Provider value={context}>
      <StaffShell route={route}>
        {route.page === 'projects' && <ProjectListPage />}
        {route.page === 'project-new' &&
          (isOrganisationAdmin(me) ? (
            <ProjectEditorPage key="new" slug={null} />
          ) : (
            <StaffNotFound forbidden />
          ))}
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
        {route.page === 'users' && (managesUsers ? <UsersPage /> : <StaffNotFound forbidden />)}
        {route.page === 'organisations' &&
          (mayManageOrganisations(me) ? <OrganisationsPage /> : <StaffNotFound forbidden />)}
        {route.page === 'organisation' &&
          (isOperator(me) || isOrganisationAdmin(me, route.slug) ? (
            <OrganisationPage key={route.slug} slug={route.slug} />
          ) : (
            <StaffNotFound forbidden />
          ))}
        {route.page === 'tokens' && <TokensPage />}
        {route.page === 'audit' && (managesUsers ? <AuditPage /> : <StaffNotFound forbidden />)}
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
