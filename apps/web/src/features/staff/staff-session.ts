import type { StaffRole, StaffUser } from '@nabolag/schema';
import { createContext, useContext } from 'react';
import type { StaffApi } from '../../api/staff-api.ts';

/** The signed-in staff member and the API as them, for every staff page. */
export interface StaffContextValue {
  user: StaffUser;
  api: StaffApi;
  /** Signs out (after asking any page with unsaved changes) and shows the sign-in page. */
  signOut(): Promise<void>;
}

export const StaffContext = createContext<StaffContextValue | null>(null);

export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff() is only for pages inside <StaffApp>');
  return value;
}

/** Whether the user is an instance admin (manages users, creates projects, reads the audit log). */
export const isInstanceAdmin = (user: StaffUser) => user.roles.includes('admin');

/** Whether the user holds one of `roles` in the project, instance-wide or there (admins hold every role). */
export function holdsProjectRole(user: StaffUser, slug: string, roles: readonly StaffRole[]): boolean {
  if (user.roles.includes('admin')) return true;
  if (user.roles.some((role) => roles.includes(role))) return true;
  return user.projectRoles.some(
    (entry) => entry.project === slug && (entry.role === 'admin' || roles.includes(entry.role)),
  );
}

/** Whether the user runs workshops anywhere: admins, planners and facilitators (instance-wide or in a project). */
export function mayRunWorkshops(user: StaffUser): boolean {
  const roles: readonly StaffRole[] = ['admin', 'planner', 'facilitator'];
  return (
    user.roles.some((role) => roles.includes(role)) ||
    user.projectRoles.some((entry) => roles.includes(entry.role))
  );
}

/** Whether the user reads the place analysis anywhere: admins and planners (instance-wide or in a project). */
export function mayAnalyse(user: StaffUser): boolean {
  const roles: readonly StaffRole[] = ['admin', 'planner'];
  return (
    user.roles.some((role) => roles.includes(role)) ||
    user.projectRoles.some((entry) => roles.includes(entry.role))
  );
}
