import type { StaffUser } from '@nabolag/schema';

/** A project the users page offers for a role in a single project. */
export interface ProjectOption {
  slug: string;
  title: string;
}

/**
 * The projects offered, and after them any project `roles` name that is not among them, under
 * its slug: the operator lists no projects of an organisation they are not in, and a role there
 * must still show (and be kept when saving) as it is.
 */
export function projectChoices(
  projects: readonly ProjectOption[],
  roles: readonly StaffUser['projectRoles'][number][],
): ProjectOption[] {
  const unknown = [...new Set(roles.map((entry) => entry.project))].filter(
    (slug) => !projects.some((project) => project.slug === slug),
  );
  return [...projects, ...unknown.map((slug) => ({ slug, title: slug }))];
}
