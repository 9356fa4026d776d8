import type { StaffRole } from '@nabolag/schema';
import { useEffect, useRef } from 'react';
import { navigate } from '../../../app/router.tsx';
import { organisationNameOf, pickerProjects } from '../organisation-scope.ts';
import { useStaff } from '../staff-session.ts';
import { useLoad } from './use-load.ts';

/**
 * The projects a staff page offers in the organisation worked in (see `pickerProjects`), with
 * that organisation's name for the empty state (null for an operator outside every organisation).
 * When the person switches organisation while a project of the old one is open, the page goes
 * back to `pickerPath` (its list without a project), rather than keep showing the old one.
 */
export function useOrganisationProjects(options: {
  roles: readonly StaffRole[] | null;
  open?: string | null;
  pickerPath?: string;
}) {
  const { roles, open = null, pickerPath } = options;
  const { api, user, organisation, organisations } = useStaff();
  const { state, reload } = useLoad((signal) => api.listProjects(signal), [api]);
  const { projects, outside } =
    state.status === 'ready'
      ? pickerProjects(state.value.projects, user, organisation, roles, open)
      : { projects: [], outside: null };
  const organisationName = organisation ? organisationNameOf(organisation, user, organisations) : null;

  const previous = useRef(organisation);
  const leave = outside !== null && pickerPath !== undefined;
  useEffect(() => {
    const switched = previous.current !== organisation;
    previous.current = organisation;
    if (switched && leave && pickerPath) navigate(pickerPath, { replace: true });
  }, [organisation, leave, pickerPath]);

  return { state, reload, projects, outside, organisationName };
}
