import { useTranslation } from 'react-i18next';
import { useStaff } from '../staff-session.ts';

/**
 * The organisation the staff pages work in, with its logo and name; a menu to switch when the
 * person belongs to several (the choice is remembered in this browser). Nothing for an operator
 * who belongs to no organisation.
 */
export function OrganisationSwitcher() {
  const { t } = useTranslation();
  const { user, organisation, setOrganisation, organisations } = useStaff();
  if (!organisation) return null;
  const membership = user.organisations.find((candidate) => candidate.slug === organisation);
  const details = organisations?.find((candidate) => candidate.slug === organisation);
  const name = details?.name ?? membership?.name ?? organisation;

  return (
    <div className="staff-organisation" data-testid="current-organisation">
      {details?.logoUrl && (
        // The name stands beside it: the logo adds nothing for a screen reader.
        <img className="staff-organisation__logo" src={details.logoUrl} alt="" />
      )}
      {user.organisations.length > 1 ? (
        <label className="staff-organisation__choice">
          <span className="visually-hidden">{t('staff.organisations.switchLabel')}</span>
          <select
            className="staff-organisation__select"
            value={organisation}
            onChange={(event) => setOrganisation(event.target.value)}
            data-testid="organisation-switcher"
          >
            {user.organisations.map((candidate) => (
              <option key={candidate.slug} value={candidate.slug}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="staff-organisation__name">{name}</span>
      )}
    </div>
  );
}
