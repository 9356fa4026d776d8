import { organisationSlugSchema, projectSlugSchema } from '@nabolag/schema';
import type { ModerationQueue } from '../../api/staff-api.ts';

/** The staff pages under `/staff`. */
export type StaffRoute =
  | { page: 'projects' }
  | { page: 'project-new' }
  | { page: 'project-edit'; slug: string }
  | { page: 'project-export'; slug: string }
  | { page: 'project-updates'; slug: string }
  | { page: 'moderation'; slug: string | null }
  | { page: 'analysis'; slug: string | null }
  | { page: 'analysis-report'; slug: string }
  | { page: 'workshops'; slug: string | null }
  | { page: 'workshop-console'; slug: string; code: string }
  | { page: 'users' }
  | { page: 'organisations' }
  | { page: 'organisation'; slug: string }
  | { page: 'tokens' }
  | { page: 'audit' }
  | { page: 'not-found' };

export const MODERATION_QUEUES: readonly ModerationQueue[] = ['pending', 'flagged', 'hidden', 'all'];

function decodeSlug(part: string): string | null {
  try {
    const slug = decodeURIComponent(part);
    return projectSlugSchema.safeParse(slug).success ? slug : null;
  } catch {
    return null;
  }
}

function decodeOrganisationSlug(part: string): string | null {
  try {
    const slug = decodeURIComponent(part);
    return organisationSlugSchema.safeParse(slug).success ? slug : null;
  } catch {
    return null;
  }
}

/** Which staff page a path shows; `/staff` itself is the project list. */
export function matchStaffRoute(pathname: string): StaffRoute {
  const parts = pathname
    .replace(/\/+$/, '')
    .split('/')
    .filter((part) => part.length > 0);
  if (parts[0] !== 'staff') return { page: 'not-found' };
  const [, section, detail, ...rest] = parts;
  if (section === 'workshops') return matchWorkshopRoute(detail, rest);
  if (section === 'analysis') return matchAnalysisRoute(detail, rest);
  if (section === 'projects' && rest.length === 1 && rest[0] === 'export' && detail !== undefined) {
    const slug = decodeSlug(detail);
    return slug ? { page: 'project-export', slug } : { page: 'not-found' };
  }
  if (section === 'projects' && rest.length === 1 && rest[0] === 'updates' && detail !== undefined) {
    const slug = decodeSlug(detail);
    return slug ? { page: 'project-updates', slug } : { page: 'not-found' };
  }
  if (rest.length > 0) return { page: 'not-found' };
  switch (section) {
    case undefined:
      return { page: 'projects' };
    case 'projects': {
      if (detail === undefined) return { page: 'projects' };
      if (detail === 'new') return { page: 'project-new' };
      const slug = decodeSlug(detail);
      return slug ? { page: 'project-edit', slug } : { page: 'not-found' };
    }
    case 'moderation': {
      if (detail === undefined) return { page: 'moderation', slug: null };
      const slug = decodeSlug(detail);
      return slug ? { page: 'moderation', slug } : { page: 'not-found' };
    }
    case 'organisations': {
      if (detail === undefined) return { page: 'organisations' };
      const slug = decodeOrganisationSlug(detail);
      return slug ? { page: 'organisation', slug } : { page: 'not-found' };
    }
    case 'users':
    case 'tokens':
    case 'audit':
      return detail === undefined ? { page: section } : { page: 'not-found' };
    default:
      return { page: 'not-found' };
  }
}

/** `/staff/workshops[/:slug[/:code]]` */
function matchWorkshopRoute(detail: string | undefined, rest: string[]): StaffRoute {
  if (detail === undefined) return { page: 'workshops', slug: null };
  const slug = decodeSlug(detail);
  if (!slug || rest.length > 1) return { page: 'not-found' };
  const [code] = rest;
  if (code === undefined) return { page: 'workshops', slug };
  return /^[A-Za-z0-9]{4,12}$/.test(code)
    ? { page: 'workshop-console', slug, code: code.toUpperCase() }
    : { page: 'not-found' };
}

/** `/staff/analysis[/:slug[/report]]` */
function matchAnalysisRoute(detail: string | undefined, rest: string[]): StaffRoute {
  if (detail === undefined) return { page: 'analysis', slug: null };
  const slug = decodeSlug(detail);
  if (!slug || rest.length > 1) return { page: 'not-found' };
  if (rest.length === 0) return { page: 'analysis', slug };
  return rest[0] === 'report' ? { page: 'analysis-report', slug } : { page: 'not-found' };
}

/** The moderation queue named by `?queue=`; pending by default. */
export function queueFromSearch(search: string): ModerationQueue {
  const queue = new URLSearchParams(search).get('queue');
  return MODERATION_QUEUES.find((candidate) => candidate === queue) ?? 'pending';
}

/** The organisation named by `?organisation=` (the users page opened for one), or null. */
export function organisationFromSearch(search: string): string | null {
  const slug = new URLSearchParams(search).get('organisation');
  return slug && organisationSlugSchema.safeParse(slug).success ? slug : null;
}

/** Paths of the staff pages, for links. */
export const staffPaths = {
  home: '/staff',
  projects: '/staff/projects',
  newProject: '/staff/projects/new',
  project: (slug: string) => `/staff/projects/${encodeURIComponent(slug)}`,
  projectExport: (slug: string) => `/staff/projects/${encodeURIComponent(slug)}/export`,
  projectUpdates: (slug: string) => `/staff/projects/${encodeURIComponent(slug)}/updates`,
  moderation: (slug?: string, queue?: ModerationQueue) =>
    slug
      ? `/staff/moderation/${encodeURIComponent(slug)}${queue && queue !== 'pending' ? `?queue=${queue}` : ''}`
      : '/staff/moderation',
  workshops: (slug?: string) => (slug ? `/staff/workshops/${encodeURIComponent(slug)}` : '/staff/workshops'),
  workshopConsole: (slug: string, code: string) =>
    `/staff/workshops/${encodeURIComponent(slug)}/${encodeURIComponent(code)}`,
  analysis: (slug?: string) => (slug ? `/staff/analysis/${encodeURIComponent(slug)}` : '/staff/analysis'),
  analysisReport: (slug: string) => `/staff/analysis/${encodeURIComponent(slug)}/report`,
  users: (organisation?: string) =>
    organisation ? `/staff/users?organisation=${encodeURIComponent(organisation)}` : '/staff/users',
  organisations: '/staff/organisations',
  organisation: (slug: string) => `/staff/organisations/${encodeURIComponent(slug)}`,
  tokens: '/staff/tokens',
  audit: '/staff/audit',
} as const;
