import type { ParseKeys } from 'i18next';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { formatMoment } from '../common/format.ts';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { auditChoices, auditOrganisation, organisationNameOf } from '../organisation-scope.ts';
import { useStaff } from '../staff-session.ts';

/** Entries per page. */
const PAGE_SIZE = 50;

/** The actions the API records (`recordAudit` calls and the CLI), each in words. */
const ACTIONS: Record<string, ParseKeys> = {
  'auth.login': 'staff.audit.actions.auth-login',
  'user.create': 'staff.audit.actions.user-create',
  'user.add': 'staff.audit.actions.user-create',
  'user.add-to-organisation': 'staff.audit.actions.user-add-to-organisation',
  'user.remove-from-organisation': 'staff.audit.actions.user-remove-from-organisation',
  'organisation.create': 'staff.audit.actions.organisation-create',
  'organisation.update': 'staff.audit.actions.organisation-update',
  'organisation.logo': 'staff.audit.actions.organisation-logo',
  'organisation.logo-remove': 'staff.audit.actions.organisation-logo-remove',
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

/** The select's value for "all the organisations I may read". */
const ALL = '';

/**
 * `/staff/audit` (organisation admins, the operator): who did what, newest first, a page at a
 * time, in one organisation (the one worked in by default) or — for the operator, and admins of
 * several — in all of them.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { api, user, organisation: chosen, organisations } = useStaff();
  useDocumentTitle(t('staff.audit.title'));
  const choices = auditChoices(user, organisations);
  // undefined: follow the organisation worked in; null: all; a slug: that one.
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const organisation = auditOrganisation(user, choices, chosen, picked);
  const nameOf = (slug: string) => organisationNameOf(slug, user, organisations);
  // The `before` of each page shown so far: the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const before = cursors.at(-1);
  const { state, reload } = useLoad(
    (signal) =>
      api.listAudit({ before, limit: PAGE_SIZE, ...(organisation ? { organisation } : {}) }, signal),
    [api, before, organisation],
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pickerId = useId();
  // Switching the organisation worked in (in the shell) starts again from its newest entries.
  useEffect(() => {
    setPicked(undefined);
    setCursors([undefined]);
  }, [chosen]);

  const entries = state.status === 'ready' ? state.value.entries : [];
  const last = entries.at(-1);
  const go = (next: Array<string | undefined>) => {
    setCursors(next);
    headingRef.current?.focus();
  };
  const pick = (value: string) => {
    setPicked(value === ALL ? null : value);
    setCursors([undefined]);
  };

  return (
    <div className="staff-page staff-page--wide">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('staff.audit.title')}
      </h1>
      <p className="lead">{t('staff.audit.intro')}</p>
      {(choices.slugs.length > 1 || choices.all) && (
        <div className="field moderation-picker">
          <label htmlFor={pickerId}>{t('staff.audit.organisation')}</label>
          <select
            id={pickerId}
            value={organisation ?? ALL}
            onChange={(event) => pick(event.target.value)}
            data-testid="audit-organisation"
          >
            {choices.all && (
              <option value={ALL}>
                {user.operator ? t('staff.audit.allOrganisations') : t('staff.audit.allMine')}
              </option>
            )}
            {choices.slugs.map((slug) => (
              <option key={slug} value={slug}>
                {nameOf(slug)}
              </option>
            ))}
          </select>
        </div>
      )}
      {choices.slugs.length === 1 && !choices.all && organisation && (
        <p data-testid="audit-organisation-name">
          {t('staff.audit.showing', { organisation: nameOf(organisation) })}
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && entries.length === 0 && (
        <p className="staff-empty" data-testid="audit-empty">
          {organisation
            ? t('staff.audit.emptyIn', { organisation: nameOf(organisation) })
            : t('staff.audit.empty')}
        </p>
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
                {organisation === null && <th scope="col">{t('staff.audit.organisation')}</th>}
                <th scope="col">{t('staff.audit.project')}</th>
                <th scope="col">{t('staff.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row" data-organisation={entry.organisation ?? ''}>
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
                  {organisation === null && (
                    <td>{entry.organisation ? nameOf(entry.organisation) : t('staff.audit.instance')}</td>
                  )}
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
