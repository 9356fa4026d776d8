import type { Organisation, StaffMe, StaffRole } from '@nabolag/schema';
import { holdsProjectRole, isOrganisationAdmin, projectsOf } from './staff-session.ts';

/** What the pickers need of a project in `GET /api/staff/projects`. */
interface ScopedProject {
  slug: string;
  organisation: string;
}

/**
 * The projects a page's picker offers: those of the organisation worked in where the person holds
 * one of `roles` (any role the server listed them for, when left out). `open` is the project the
 * address names: when it belongs to another organisation (a link from elsewhere) it is kept apart
 * in `outside`, so the picker can still show what is open without mixing it into the list.
 */
export function pickerProjects<Project extends ScopedProject>(
  projects: readonly Project[],
  user: StaffMe,
  organisation: string | null,
  roles: readonly StaffRole[] | null,
  open: string | null = null,
): { projects: Project[]; outside: Project | null } {
  const allowed = (project: Project) => roles === null || holdsProjectRole(user, project.slug, roles);
  const mine = projectsOf(projects, organisation).filter(allowed);
  const outside =
    open !== null && !mine.some((project) => project.slug === open)
      ? (projects.find((project) => project.slug === open && allowed(project)) ?? null)
      : null;
  return { projects: mine, outside };
}

/** An organisation's name: from the loaded organisations, else the person's membership, else its slug. */
export function organisationNameOf(
  slug: string,
  user: StaffMe,
  organisations: readonly Pick<Organisation, 'slug' | 'name'>[] | null,
): string {
  return (
    organisations?.find((candidate) => candidate.slug === slug)?.name ??
    user.organisations.find((candidate) => candidate.slug === slug)?.name ??
    slug
  );
}

/**
 * Which organisations' audit entries a person may read, as the server allows: the operator every
 * organisation (and all at once), an organisation admin those they administer (all of them at
 * once when several).
 */
export function auditChoices(
  user: StaffMe,
  organisations: readonly Pick<Organisation, 'slug'>[] | null,
): { slugs: string[]; all: boolean } {
  if (user.operator) {
    const slugs = [
      ...new Set([
        ...(organisations ?? []).map((organisation) => organisation.slug),
        ...user.organisations.map((membership) => membership.slug),
      ]),
    ];
    return { slugs, all: true };
  }
  const slugs = user.organisations
    .filter((membership) => isOrganisationAdmin(user, membership.slug))
    .map((membership) => membership.slug);
  return { slugs, all: slugs.length > 1 };
}

/**
 * The organisation the audit page shows (`?organisation=` to the server), or null for all the
 * person may read. What they picked on the page wins while it is one of their choices; else the
 * operator sees everything, and an admin the organisation worked in when they administer it, or
 * their only administered one, or all of theirs.
 */
export function auditOrganisation(
  user: StaffMe,
  choices: { slugs: string[]; all: boolean },
  chosen: string | null,
  picked: string | null | undefined,
): string | null {
  if (picked === null && choices.all) return null;
  if (picked && choices.slugs.includes(picked)) return picked;
  if (user.operator) return null;
  if (chosen && choices.slugs.includes(chosen)) return chosen;
  return choices.slugs.length === 1 ? (choices.slugs[0] as string) : null;
}
