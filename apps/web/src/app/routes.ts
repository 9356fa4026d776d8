import { PROJECT_SLUG_PATTERN } from '@nabolag/schema/plain';

/** The pages of the web app (DESIGN.md, "Pages of the web app"). */
export type Route =
  | { page: 'projects' }
  | { page: 'project'; slug: string }
  | { page: 'me'; slug: string }
  | { page: 'privacy'; slug: string }
  | { page: 'results'; slug: string }
  | { page: 'accessibility' }
  | { page: 'staff' }
  | { page: 'kiosk'; code: string }
  | { page: 'projector'; code: string }
  | { page: 'not-found' };

/** Which page a path shows. A trailing slash is ignored; a malformed slug is not found. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { page: 'projects' };
  if (path === '/accessibility') return { page: 'accessibility' };
  // The staff pages route within themselves (features/staff/staff-routes.ts).
  if (path === '/staff' || path.startsWith('/staff/')) return { page: 'staff' };

  const workshop = /^\/w\/([A-Za-z0-9]{4,12})(\/projector)?$/.exec(path);
  if (workshop?.[1] !== undefined) {
    const code = workshop[1].toUpperCase();
    return workshop[2] ? { page: 'projector', code } : { page: 'kiosk', code };
  }

  const project = /^\/p\/([^/]+)(?:\/(me|privacy|results))?$/.exec(path);
  if (project?.[1] !== undefined) {
    let slug: string;
    try {
      slug = decodeURIComponent(project[1]);
    } catch {
      return { page: 'not-found' };
    }
    if (!PROJECT_SLUG_PATTERN.test(slug)) return { page: 'not-found' };
    if (project[2] === 'me') return { page: 'me', slug };
    if (project[2] === 'privacy') return { page: 'privacy', slug };
    if (project[2] === 'results') return { page: 'results', slug };
    return { page: 'project', slug };
  }
  return { page: 'not-found' };
}

/** The path of a project's resident map. */
export const projectPath = (slug: string) => `/p/${encodeURIComponent(slug)}`;

/** The path of the participant's own contributions in a project ("My places"). */
export const myPlacesPath = (slug: string) => `${projectPath(slug)}/me`;

/** The path of a project's privacy notice. */
export const privacyPath = (slug: string) => `${projectPath(slug)}/privacy`;

/** The path of a project's public results ("What we heard"). */
export const resultsPath = (slug: string) => `${projectPath(slug)}/results`;

/** The path of a workshop tablet (kiosk) joined with a session code. */
export const kioskPath = (code: string) => `/w/${encodeURIComponent(code)}`;

/** The path of a workshop session's projector view. */
export const projectorPath = (code: string) => `${kioskPath(code)}/projector`;

/** The path of the accessibility statement (tilgjengelighetserklæring). */
export const ACCESSIBILITY_PATH = '/accessibility';
