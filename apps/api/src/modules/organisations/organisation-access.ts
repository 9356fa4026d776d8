import type { Queryable } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import type { StaffIdentity } from '../auth/sessions.repository.ts';
import { adminOrganisations } from '../auth/staff-auth.ts';
import {
  findOrganisationById,
  findOrganisationBySlug,
  type StoredOrganisation,
} from './organisations.repository.ts';

/**
 * The organisation a management request is about, checked against the caller: the one named by
 * `slug`, or else the caller's only organisation they administer (400 ORGANISATION_REQUIRED when
 * that is ambiguous). 404 for an unknown slug; 403 unless the caller is its admin or — where
 * `operator` allows — the instance operator.
 */
export async function organisationToManage(
  db: Queryable,
  principal: StaffIdentity,
  slug: string | undefined,
  options: { operator: boolean },
): Promise<StoredOrganisation> {
  const administered = adminOrganisations(principal);
  if (slug === undefined) {
    const only = administered.length === 1 ? administered[0] : undefined;
    if (!only) {
      throw new AppError(
        'ORGANISATION_REQUIRED',
        administered.length === 0
          ? 'Say which organisation this is for (?organisation=).'
          : `Say which organisation this is for (?organisation=): you administer ${administered.map((entry) => entry.slug).join(', ')}.`,
      );
    }
    const organisation = await findOrganisationById(db, only.organisationId);
    if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND');
    return organisation;
  }
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND', `There is no organisation "${slug}".`);
  const isAdmin = administered.some((entry) => entry.organisationId === organisation.id);
  if (!isAdmin && !(options.operator && principal.operator)) {
    throw new AppError('FORBIDDEN', `This needs the role admin in the organisation "${slug}".`);
  }
  return organisation;
}

/** The caller's roles across an organisation (empty when not a member). */
export function rolesIn(principal: StaffIdentity, organisationId: string) {
  return principal.organisations.find((entry) => entry.organisationId === organisationId)?.roles ?? [];
}
