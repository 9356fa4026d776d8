import type { Organisation, StaffMe, StaffRole } from '@nabolag/schema';
import { createContext, useContext } from 'react';
import type { StaffApi } from '../../api/staff-api.ts';

/** The signed-in staff member and the API as them, for every staff page. */
export interface StaffContextValue {
  user: StaffMe;
  api: StaffApi;
  /** Signs out (after asking any page with unsaved changes) and shows the sign-in page. */
  signOut(): Promise<void>;
  /**
   * Asks the server again who is signed in: after creating a project, whose effective roles
   * (the organisation's admins are its admins) the session does not hold yet.
   */
  refreshSession(): Promise<void>;
  /**
   * The organisation the staff pages work in (chosen in the shell's switcher, remembered), or
   * null for an operator who belongs to none.
   */
  organisation: string | null;
  /** Switches to another organisation (one of `user.organisations`). */
  setOrganisation(slug: string): void;
  /** The organisations the person sees (operator: all), with logos; null while loading or failed. */
  organisations: Organisation[] | null;
  /** Loads `organisations` again (after a name or logo changed). */
  reloadOrganisations(): void;
}

export const StaffContext = createContext<StaffContextValue | null>(null);

export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff() is only for pages inside <StaffApp>');
  return value;
}

/** Whether the user is the instance operator (manages organisations; no raw data by itself). */
export const isOperator = (user: StaffMe) => user.operator;

/** Whether the user administers the organisation `slug`, or any organisation when `slug` is left out. */
export function isOrganisationAdmin(user: StaffMe, slug?: string | null): boolean {
  return user.organisations.some(
    (membership) => (slug == null || membership.slug === slug) && membership.roles.includes('admin'),
  );
}

/**
 * Whether the user holds one of `roles` in the project. `projectRoles` are the effective roles
 * the server computed (organisation roles apply to each of its projects); a project admin holds
 * every role there, as on the server.
 */
export function holdsProjectRole(user: StaffMe, slug: string, roles: readonly StaffRole[]): boolean {
  return user.projectRoles.some(
    (entry) => entry.project === slug && (entry.role === 'admin' || roles.includes(entry.role)),
  );
}

/** Whether the user holds any of `roles` anywhere: in an organisation or in one project. */
function holdsAnywhere(user: StaffMe, roles: readonly StaffRole[]): boolean {
  return (
    user.organisations.some((membership) => membership.roles.some((role) => roles.includes(role))) ||
    user.projectRoles.some((entry) => roles.includes(entry.role))
  );
}

/** Whether the user runs workshops anywhere: admins, planners and facilitators. */
export const mayRunWorkshops = (user: StaffMe) => holdsAnywhere(user, ['admin', 'planner', 'facilitator']);

/** Whether the user reads the place analysis anywhere: admins and planners. */
export const mayAnalyse = (user: StaffMe) => holdsAnywhere(user, ['admin', 'planner']);

/** Whether the user sees the organisations pages: the operator and organisation admins. */
export const mayManageOrganisations = (user: StaffMe) => user.operator || isOrganisationAdmin(user);

/** Where the chosen organisation is remembered between visits (per browser). */
export const ORGANISATION_STORAGE_KEY = 'nabolag.staff.organisation';

/**
 * The organisation to work in: the remembered one if the person still belongs to it, else the
 * first they administer, else the first they belong to; null when they belong to none.
 */
export function chooseOrganisation(user: StaffMe, remembered: string | null): string | null {
  if (remembered && user.organisations.some((membership) => membership.slug === remembered))
    return remembered;
  const administered = user.organisations.find((membership) => membership.roles.includes('admin'));
  return administered?.slug ?? user.organisations[0]?.slug ?? null;
}

/**
 * The projects of the organisation worked in. The server already lists only projects the person
 * holds a role in; with no organisation chosen (an operator outside every one) all of them.
 */
export function projectsOf<Project extends { organisation: string }>(
  projects: readonly Project[],
  organisation: string | null,
): Project[] {
  return organisation === null
    ? [...projects]
    : projects.filter((project) => project.organisation === organisation);
}
