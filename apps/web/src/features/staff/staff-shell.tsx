import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { OrganisationSwitcher } from './organisations/organisation-switcher.tsx';
import { type StaffRoute, staffPaths } from './staff-routes.ts';
import {
  isOperator,
  isOrganisationAdmin,
  mayAnalyse,
  mayManageOrganisations,
  mayRunWorkshops,
  useStaff,
} from './staff-session.ts';

type Section =
  | 'projects'
  | 'moderation'
  | 'workshops'
  | 'analysis'
  | 'users'
  | 'organisations'
  | 'tokens'
  | 'audit';

const sectionOf = (route: StaffRoute): Section | null => {
  switch (route.page) {
    case 'projects':
    case 'project-new':
    case 'project-edit':
    case 'project-export':
    case 'project-updates':
      return 'projects';
    case 'workshops':
    case 'workshop-console':
      return 'workshops';
    case 'analysis':
    case 'analysis-report':
      return 'analysis';
    case 'organisations':
    case 'organisation':
      return 'organisations';
    case 'moderation':
    case 'users':
    case 'tokens':
    case 'audit':
      return route.page;
    default:
      return null;
  }
};

/**
 * The staff pages' frame: the organisation worked in (with a switcher for people in several),
 * navigation, who is signed in, and signing out.
 */
export function StaffShell({ route, children }: { route: StaffRoute; children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut, organisation } = useStaff();
  const admin = isOperator(user) || isOrganisationAdmin(user);
  const current = sectionOf(route);

  const links: Array<{ section: Section; href: string; label: string }> = [
    { section: 'projects', href: staffPaths.projects, label: t('staff.nav.projects') },
    { section: 'moderation', href: staffPaths.moderation(), label: t('staff.nav.moderation') },
    ...(mayRunWorkshops(user)
      ? [{ section: 'workshops' as const, href: staffPaths.workshops(), label: t('staff.nav.workshops') }]
      : []),
    ...(mayAnalyse(user)
      ? [{ section: 'analysis' as const, href: staffPaths.analysis(), label: t('staff.nav.analysis') }]
      : []),
    ...(admin
      ? [
          {
            section: 'users' as const,
            href: staffPaths.users(organisation ?? undefined),
            label: t('staff.nav.users'),
          },
        ]
      : []),
    ...(mayManageOrganisations(user)
      ? [
          {
            section: 'organisations' as const,
            href: staffPaths.organisations,
            label: t('staff.nav.organisations'),
          },
        ]
      : []),
    { section: 'tokens', href: staffPaths.tokens, label: t('staff.nav.tokens') },
    ...(admin ? [{ section: 'audit' as const, href: staffPaths.audit, label: t('staff.nav.audit') }] : []),
  ];

  return (
    <div className="staff">
      <div className="staff__bar">
        <OrganisationSwitcher />
        <nav className="staff__nav" aria-label={t('staff.nav.label')}>
          <ul>
            {links.map((link) => (
              <li key={link.section}>
                <Link
                  href={link.href}
                  className="staff__nav-link"
                  aria-current={current === link.section ? 'page' : undefined}
                  data-testid={`nav-${link.section}`}
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="staff__user">
          <span className="staff__user-name" data-testid="signed-in-as">
            {t('staff.signedInAs', { name: user.name || user.email })}
          </span>
          <button type="button" className="button button--small" onClick={() => void signOut()}>
            {t('staff.signOut')}
          </button>
        </div>
      </div>
      <div className="staff__content">{children}</div>
    </div>
  );
}

/** A staff address that leads nowhere, or to a page this user may not see. */
export function StaffNotFound({ forbidden = false }: { forbidden?: boolean }) {
  const { t } = useTranslation();
  const title = forbidden ? t('staff.forbiddenTitle') : t('notFound.title');
  useDocumentTitle(title);
  return (
    <div className="staff-page">
      <h1>{title}</h1>
      <p>{forbidden ? t('staff.forbiddenText') : t('notFound.text')}</p>
      <p>
        <Link href={staffPaths.projects} className="button">
          {t('staff.nav.projects')}
        </Link>
      </p>
    </div>
  );
}
