/// <reference lib="webworker" />
// The service worker (built to /sw.js by vite-plugin-service-worker.ts, registered in production
// builds only). It keeps the app shell, so that a workshop tablet can reload without network and
// still open the map page, and the last copy of each project's public data. It never touches
// what changes something (POST, PUT, PATCH, DELETE: the outbox sends those), nor anything
// personal or of staff: see request-policy.ts.
import { dataCacheKey, isUsableAnswer, requestPolicy } from './request-policy.ts';

declare const self: ServiceWorkerGlobalScope;
/** Written in at build time: the shell's files and a hash of their contents. */
declare const __NABOLAG_PRECACHE__: { version: string; urls: string[] };

const PRECACHE = __NABOLAG_PRECACHE__;
const SHELL_PREFIX = 'nabolag-shell-';
const SHELL_CACHE = `${SHELL_PREFIX}${PRECACHE.version}`;
const DATA_CACHE = 'nabolag-data-v1';
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

async function data(request: Request): Promise<Response> {
  const cache = await caches.open(DATA_CACHE);
  const key = dataCacheKey(request.url);
  return networkFirst(
    request,
    DATA_TIMEOUT_MS,
    () => cache.match(key),
    (response) => cache.put(key, response),
  );
}

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
  // 'network': no respondWith, so the browser fetches it as if there were no service worker.
});
