/// <reference lib="webworker" />
// The service worker (built to /sw.js by vite-plugin-service-worker.ts, registered in production
// builds only). It keeps the app shell, so that a workshop tablet can reload without network and
// still open the map page, and the last copy of each project's public data. It never touches
// what changes something (POST, PUT, PATCH, DELETE: the outbox sends those), nor anything
// personal or of staff: see request-policy.ts.
import { dataCacheKey, isUsableAnswer, REMEMBER_MESSAGE, requestPolicy } from './request-policy.ts';

declare const self: ServiceWorkerGlobalScope;
/** Written in at build time: the shell's files and a hash of their contents. */
declare const __NABOLAG_PRECACHE__: { version: string; urls: string[] };

const PRECACHE = __NABOLAG_PRECACHE__;
const SHELL_PREFIX = 'nabolag-shell-';
const SHELL_CACHE = `${SHELL_PREFIX}${PRECACHE.version}`;
const DATA_CACHE = 'nabolag-data-v1';
const TILE_CACHE = 'nabolag-tiles-v1';
/**
 * Basemap tiles kept at most. Kartverket's greyscale tiles are 10-40 kB: 1,500 of them are at
 * most ~60 MB, several walks across a neighbourhood at every zoom level a resident uses.
 */
const TILES_KEPT = 1_500;
/** Checked (and trimmed) after this many new tiles, not after each: listing the cache costs. */
const TILES_BETWEEN_TRIMS = 100;
/** Put on an answer served from the data cache: when the copy was kept (see api/client.ts). */
const SAVED_AT_HEADER = 'X-Nabolag-Saved-At';
/** Shell caches kept after an update (the current one and the one before), so that a page still
 * open on the previous version can load the parts it has not loaded yet. */
const SHELL_CACHES_KEPT = 2;
/** How long a page or project data may take from the network before the cached copy is shown. */
const PAGE_TIMEOUT_MS = 4_000;
const DATA_TIMEOUT_MS = 6_000;

const precached = new Set(PRECACHE.urls);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `reload`: past the HTTP cache, so the shell is what the server has now.
      await cache.addAll(PRECACHE.urls.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const shells = (await caches.keys()).filter(
        (key) => key.startsWith(SHELL_PREFIX) && key !== SHELL_CACHE,
      );
      // caches.keys() lists in order of creation: drop all but the newest earlier shells.
      const stale = shells.slice(0, Math.max(0, shells.length - (SHELL_CACHES_KEPT - 1)));
      await Promise.all(stale.map((key) => caches.delete(key)));
      await self.clients.claim();
    })(),
  );
});

/**
 * The network's answer, unless it takes longer than `timeoutMs` or fails (or is a 5xx) while a
 * cached copy exists: then the copy. With no copy, whatever the network gives in the end.
 */
function networkFirst(
  request: Request,
  timeoutMs: number,
  cached: () => Promise<Response | undefined>,
  keep?: (response: Response) => Promise<void>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (response: Response) => {
      if (settled) return;
      settled = true;
      resolve(response);
    };
    const useCached = async () => {
      const copy = settled ? undefined : await cached();
      if (copy) settle(copy);
      return copy !== undefined;
    };
    const timer = setTimeout(() => void useCached(), timeoutMs);
    fetch(request).then(
      async (response) => {
        clearTimeout(timer);
        if (isUsableAnswer(response.status)) {
          if (keep && response.ok) await keep(response.clone()).catch(() => undefined);
          settle(response);
        } else if (!(await useCached())) {
          settle(response);
        }
      },
      async (error: unknown) => {
        clearTimeout(timer);
        if (!(await useCached()) && !settled) {
          settled = true;
          reject(error);
        }
      },
    );
  });
}

async function fromShell(request: Request): Promise<Response> {
  return (await caches.match(request)) ?? fetch(request);
}

async function page(request: Request): Promise<Response> {
  return networkFirst(request, PAGE_TIMEOUT_MS, async () => {
    const shell = await caches.open(SHELL_CACHE);
    return (await shell.match('/index.html')) ?? (await caches.match('/index.html'));
  });
}

/** A copy of `response` to keep, stamped with the time it was kept (the page shows it offline). */
async function stamped(response: Response, at: Date = new Date()): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT_HEADER, at.toISOString());
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

async function keepData(key: string, response: Response): Promise<void> {
  const cache = await caches.open(DATA_CACHE);
  await cache.put(key, await stamped(response));
}

async function data(request: Request): Promise<Response> {
  const cache = await caches.open(DATA_CACHE);
  const key = dataCacheKey(request.url);
  return networkFirst(
    request,
    DATA_TIMEOUT_MS,
    () => cache.match(key),
    (response) => keepData(key, response),
  );
}

let tilesSinceTrim = 0;

/** Drops the oldest tiles beyond `TILES_KEPT` (a cache lists its entries oldest first). */
async function trimTiles(): Promise<void> {
  const cache = await caches.open(TILE_CACHE);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - TILES_KEPT)).map((key) => cache.delete(key)));
}

async function keepTile(key: Request | string, response: Response): Promise<void> {
  const cache = await caches.open(TILE_CACHE);
  await cache.put(key, response);
  tilesSinceTrim += 1;
  if (tilesSinceTrim >= TILES_BETWEEN_TRIMS) {
    tilesSinceTrim = 0;
    await trimTiles();
  }
}

/**
 * A basemap tile: the network first (a tile may be redrawn), the last copy seen when there is
 * none. Only readable answers are kept (CORS, 200): an opaque one counts ~7 MB against the
 * quota in Chromium whatever its size.
 */
async function tile(request: Request): Promise<Response> {
  const cache = await caches.open(TILE_CACHE);
  return networkFirst(
    request,
    DATA_TIMEOUT_MS,
    () => cache.match(request.url),
    (response) => (response.type === 'opaque' ? Promise.resolve() : keepTile(request.url, response)),
  );
}

/**
 * Keeps what the page loaded before this worker took it over (the project and the tiles of the
 * very first visit went straight to the network): each address the page names that this worker
 * would keep, and does not have yet, is fetched again — from the browser's HTTP cache mostly.
 */
async function remember(urls: readonly string[]): Promise<void> {
  const [dataCache, tileCache] = await Promise.all([caches.open(DATA_CACHE), caches.open(TILE_CACHE)]);
  await Promise.all(
    urls.map(async (url) => {
      const policy = requestPolicy(
        { method: 'GET', url, mode: 'cors', hasAuthorization: false },
        self.location.origin,
        precached,
      );
      if (policy !== 'data' && policy !== 'tile') return;
      const key = policy === 'data' ? dataCacheKey(url) : url;
      if (await (policy === 'data' ? dataCache : tileCache).match(key)) return;
      try {
        const response = await fetch(url, { cache: 'force-cache', mode: 'cors', credentials: 'omit' });
        if (!response.ok) return;
        if (policy === 'data') await keepData(key, response);
        else await keepTile(key, response);
      } catch {
        // Offline already, or gone: nothing to keep.
      }
    }),
  );
}

self.addEventListener('message', (event) => {
  const message: unknown = event.data;
  if (
    typeof message === 'object' &&
    message !== null &&
    Reflect.get(message, 'type') === REMEMBER_MESSAGE &&
    Array.isArray(Reflect.get(message, 'urls'))
  ) {
    const urls = (Reflect.get(message, 'urls') as unknown[]).filter(
      (url): url is string => typeof url === 'string',
    );
    event.waitUntil(remember(urls));
  }
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const policy = requestPolicy(
    {
      method: request.method,
      url: request.url,
      mode: request.mode,
      hasAuthorization: request.headers.has('authorization'),
    },
    self.location.origin,
    precached,
  );
  if (policy === 'shell') event.respondWith(fromShell(request));
  else if (policy === 'page') event.respondWith(page(request));
  else if (policy === 'data') event.respondWith(data(request));
  else if (policy === 'tile') event.respondWith(tile(request));
  // 'network': no respondWith, so the browser fetches it as if there were no service worker.
});
