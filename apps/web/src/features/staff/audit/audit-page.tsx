import type { ParseKeys } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { formatMoment } from '../common/format.ts';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { useStaff } from '../staff-session.ts';

/** Entries per page. */
const PAGE_SIZE = 50;

/** The actions the API records (`recordAudit` calls and the CLI), each in words. */
const ACTIONS: Record<string, ParseKeys> = {
  'auth.login': 'staff.audit.actions.auth-login',
  'user.create': 'staff.audit.actions.user-create',
  'user.add': 'staff.audit.actions.user-create',
  'user.update': 'staff.audit.actions.user-update',
  'user.reset-password': 'staff.audit.actions.user-reset-password',
  'user.disable': 'staff.audit.actions.user-disable',
  'user.enable': 'staff.audit.actions.user-enable',
  'token.create': 'staff.audit.actions.token-create',
  'token.revoke': 'staff.audit.actions.token-revoke',
  'project.create': 'staff.audit.actions.project-create',
  'project.update': 'staff.audit.actions.project-update',
  'contribution.publish': 'staff.audit.actions.contribution-publish',
  'contribution.restore': 'staff.audit.actions.contribution-restore',
  'contribution.hide': 'staff.audit.actions.contribution-hide',
  'contribution.delete': 'staff.audit.actions.contribution-delete',
  'participant.erase': 'staff.audit.actions.participant-erase',
};

/** Details as short `key: value` text; nested values as JSON. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

/** `/staff/audit` (instance admins): who did what, newest first, a page at a time. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  useDocumentTitle(t('staff.audit.title'));
  // The `before` of each page shown so far: the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const before = cursors.at(-1);
  const { state, reload } = useLoad(
    (signal) => api.listAudit({ before, limit: PAGE_SIZE }, signal),
    [api, before],
  );
  const headingRef = useRef<HTMLHeadingElement>(null);

  const entries = state.status === 'ready' ? state.value.entries : [];
  const last = entries.at(-1);
  const go = (next: Array<string | undefined>) => {
    setCursors(next);
    headingRef.current?.focus();
  };

  return (
    <div className="staff-page staff-page--wide">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('staff.audit.title')}
      </h1>
      <p className="lead">{t('staff.audit.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && entries.length === 0 && (
        <p className="staff-empty">{t('staff.audit.empty')}</p>
      )}
      {state.status === 'ready' && entries.length > 0 && (
        <section className="table-scroll" aria-labelledby="audit-caption">
          <table className="staff-table staff-table--compact">
            <caption id="audit-caption" className="visually-hidden">
              {t('staff.audit.caption', { page: cursors.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.audit.when')}</th>
                <th scope="col">{t('staff.audit.who')}</th>
                <th scope="col">{t('staff.audit.what')}</th>
                <th scope="col">{t('staff.audit.target')}</th>
                <th scope="col">{t('staff.audit.project')}</th>
                <th scope="col">{t('staff.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">{formatMoment(entry.at, i18n.language)}</td>
                  <td>{entry.user ?? t('staff.audit.system')}</td>
                  <td>
                    {ACTIONS[entry.action] ? (
                      t(ACTIONS[entry.action] as ParseKeys)
                    ) : (
                      <code>{entry.action}</code>
                    )}
                  </td>
                  <td>
                    <span className="staff-table__sub">{entry.targetType}</span>
                    {entry.targetId && <code className="audit-id">{entry.targetId}</code>}
                  </td>
                  <td>{entry.project ?? '–'}</td>
                  <td className="audit-details">{detailsText(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <nav className="button-row pager" aria-label={t('staff.audit.paging')}>
        <button
          type="button"
          className="button"
          onClick={() => go([undefined])}
          disabled={cursors.length === 1}
        >
          {t('staff.audit.newest')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => go(cursors.slice(0, -1))}
          disabled={cursors.length === 1}
        >
          {t('staff.audit.newer')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => last && go([...cursors, last.id])}
          disabled={!last || entries.length < PAGE_SIZE}
        >
          {t('staff.audit.older')}
        </button>
      </nav>
    </div>
  );
}
