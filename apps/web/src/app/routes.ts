import { projectSlugSchema } from '@nabolag/schema';

/** The pages of the web app (DESIGN.md, "Pages of the web app"). */
export type Route = { page: 'projects' } | { page: 'project'; slug: string } | { page: 'not-found' };

/** Which page a path shows. A trailing slash is ignored; a malformed slug is not found. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { page: 'projects' };

  const project = /^\/p\/([^/]+)$/.exec(path);
  if (project?.[1] !== undefined) {
    let slug: string;
    try {
      slug = decodeURIComponent(project[1]);
    } catch {
      return { page: 'not-found' };
    }
    return projectSlugSchema.safeParse(slug).success ? { page: 'project', slug } : { page: 'not-found' };
  }
  return { page: 'not-found' };
}

/** The path of a project's resident map. */
export const projectPath = (slug: string) => `/p/${encodeURIComponent(slug)}`;
