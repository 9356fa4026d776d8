/**
 * What the service worker does with a request. Kept apart from the worker so it can be tested
 * (and so that no DOM or worker type leaks in: it only sees plain values).
 */
export type RequestPolicy =
  /** Not the service worker's business: the browser fetches it as if there were none. */
  | 'network'
  /** A file of the app shell, precached at install: from the cache, the network if missing. */
  | 'shell'
  /** A page of the app (a navigation): the network first, the cached shell when offline. */
  | 'page'
  /** Public project data: the network first, its last good copy when offline. */
  | 'data'
  /**
   * A basemap tile from another origin (Kartverket's, a style's): the network first, the last
   * copy seen when offline, in a cache of its own with a cap on its size.
   */
  | 'tile';

export interface RequestFacts {
  method: string;
  /** The absolute URL. */
  url: string;
  /** `Request.mode`: `navigate` for a page being opened. */
  mode: string;
  /** Whether the request carries `Authorization`: personal, never cached. */
  hasAuthorization: boolean;
}

/** Path prefixes that are never pages of the app (the API server's own routes). */
const NOT_PAGES = ['/api/', '/ogc', '/tiles/'];

/** The public contribution tiles the resident map draws (apps/web/src/map/style.ts). */
const CONTRIBUTION_TILE = /^\/tiles\/[a-z0-9][a-z0-9-]{1,62}\/contributions\/\d+\/\d+\/\d+\.mvt$/;

/**
 * The only API answers kept for offline use: the public project list, a project, its public
 * contributions (any query, and as tiles) and its visible reference layers. Nothing personal
 * (`/api/projects/:slug/me`), nothing of staff or sign-in, no photos, no export — and only for GET.
 */
const CACHED_DATA = [
  /^\/api\/projects\/?$/,
  /^\/api\/projects\/[a-z0-9][a-z0-9-]{1,62}\/?$/,
  /^\/api\/projects\/[a-z0-9][a-z0-9-]{1,62}\/contributions\/?$/,
  /^\/api\/projects\/[a-z0-9][a-z0-9-]{1,62}\/reference-layers\/?$/,
  CONTRIBUTION_TILE,
];

/**
 * A basemap tile elsewhere: `…/{z}/{x}/{y}` or `…/{z}/{y}/{x}` with an image or vector tile
 * extension (or none), as XYZ and WMTS-as-XYZ templates make them. Anything else from another
 * origin (style documents, glyphs, the address search) is left to the browser.
 */
const FOREIGN_TILE = /\/\d{1,2}\/\d{1,8}\/\d{1,8}(?:@2x)?(?:\.(?:png|jpe?g|webp|pbf|mvt))?$/;

/**
 * The address a data answer is kept under. A contribution tile's `v` parameter only gets past
 * the browser's 60 s cache after a send (the page changes it); offline, the last copy of the
 * tile is the best there is, whatever its version, so it is kept once, without `v`.
 */
export function dataCacheKey(url: string): string {
  const parsed = new URL(url);
  if (!CONTRIBUTION_TILE.test(parsed.pathname)) return url;
  parsed.searchParams.delete('v');
  return parsed.href;
}

/**
 * Decides how the service worker answers a request.
 *
 * @param origin the app's own origin, e.g. `https://nabolag.example.no`
 * @param precached paths of the app shell (`/index.html`, `/assets/…`), as in the precache list
 */
export function requestPolicy(
  request: RequestFacts,
  origin: string,
  precached: ReadonlySet<string>,
): RequestPolicy {
  if (request.method !== 'GET') return 'network';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'network';
  }
  if (request.hasAuthorization) return 'network';
  // From elsewhere only basemap tiles are kept (styles, glyphs and the address search are not).
  if (url.origin !== origin) {
    return url.protocol === 'https:' && FOREIGN_TILE.test(url.pathname) ? 'tile' : 'network';
  }
  const path = url.pathname;
  if (precached.has(path) && url.search === '') return 'shell';
  if (CACHED_DATA.some((pattern) => pattern.test(path))) return 'data';
  if (
    request.mode === 'navigate' &&
    !NOT_PAGES.some((prefix) => path.startsWith(prefix)) &&
    !/\.[A-Za-z0-9]+$/.test(path)
  ) {
    return 'page';
  }
  return 'network';
}

/** Whether a network answer is good enough to show rather than a cached copy (5xx is not). */
export const isUsableAnswer = (status: number) => status < 500;

/**
 * The message a page sends its service worker with `{ type, urls }`: addresses it loaded before
 * the worker controlled it, to keep for offline use if the policy says so (see sw.ts).
 */
export const REMEMBER_MESSAGE = 'nabolag:remember';
