import type { OrganisationDetail } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../app/router.tsx';
import { staffPaths } from '../staff-routes.ts';

/** Members listed here at most; the users page has them all, with their project roles. */
export const MEMBERS_SHOWN = 10;

type Member = NonNullable<OrganisationDetail['members']>[number];

/**
 * The organisation's members at a glance (its admins and the operator get them with the
 * organisation): name, e-mail and roles across the organisation, with the way to the users page
 * where they are managed.
 */
export function MembersSection({ slug, members }: { slug: string; members: Member[] }) {
  const { t } = useTranslation();
  const shown = members.slice(0, MEMBERS_SHOWN);
  const more = members.length - shown.length;

  return (
    <section aria-labelledby="members-title" className="staff-form" data-testid="members-section">
      <h2 id="members-title">{t('staff.organisations.members')}</h2>
      {members.length === 0 ? (
        <p className="staff-empty" data-testid="members-empty">
          {t('staff.organisations.membersEmpty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="staff-table staff-table--cards staff-table--compact" data-testid="members">
            <caption className="visually-hidden">{t('staff.organisations.membersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.users.name')}</th>
                <th scope="col">{t('staff.organisations.email')}</th>
                <th scope="col">{t('staff.users.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((member) => (
                <tr
                  key={member.id}
                  className={member.disabled ? 'is-disabled' : undefined}
                  data-testid="member-row"
                  data-email={member.email}
                >
                  <th scope="row">
                    {member.name || '–'}
                    {member.disabled && (
                      <>
                        {' '}
                        <span className="badge">{t('staff.users.disabled')}</span>
                      </>
                    )}
                  </th>
                  <td data-label={t('staff.organisations.email')}>{member.email}</td>
                  <td data-label={t('staff.users.roles')}>
                    {member.roles.length > 0
                      ? member.roles.map((role) => t(`staff.roles.${role}`)).join(', ')
                      : t('staff.organisations.projectRolesOnly')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more > 0 && <p>{t('staff.organisations.moreMembers', { count: more })}</p>}
      <p>
        <Link href={staffPaths.users(slug)} data-testid="organisation-users">
          {t('staff.organisations.users')}
        </Link>
      </p>
    </section>
  );
}
