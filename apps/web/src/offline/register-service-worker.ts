import { REMEMBER_MESSAGE } from './service-worker/request-policy.ts';

/**
 * Resource timing entries kept by the browser: 250 by default, fewer than the tiles of a few
 * minutes on the map. The addresses are what the page hands its service worker to keep.
 */
const RESOURCE_ENTRIES_KEPT = 1_000;
/** Long enough for the requests in flight at the take-over (tiles: well under a second) to end. */
const REMEMBER_AGAIN_AFTER_MS = 3_000;

/** What the page has loaded so far (its own data, basemap tiles), as absolute addresses. */
function loadedAddresses(): string[] {
  if (typeof performance === 'undefined' || !performance.getEntriesByType) return [];
  const addresses = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith('https:') || name.startsWith('http:'));
  return [...new Set(addresses)];
}

/**
 * Hands the service worker controlling this page the addresses the page loaded before it was
 * controlled (the first visit's project and tiles), so that a reload without network right after
 * the first visit still has them. The worker keeps only what its policy allows.
 */
function rememberLoaded(): void {
  const controller = navigator.serviceWorker.controller;
  if (!controller) return;
  controller.postMessage({ type: REMEMBER_MESSAGE, urls: loadedAddresses() });
}

/**
 * Registers the service worker (/sw.js: the offline shell) in production builds. Browsers allow
 * service workers only in secure contexts (https, or localhost); elsewhere — e.g. a workshop
 * server on a local network over plain http — the app runs without one, and the outbox still
 * keeps every contribution in IndexedDB until it is sent.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  performance.setResourceTimingBufferSize?.(RESOURCE_ENTRIES_KEPT);
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('the service worker could not be registered; the app works without it', error);
    });
    // The first visit: the worker takes the page over once it has cached the shell. Later
    // visits: it controls the page from the start and has seen everything but what came early.
    if (navigator.serviceWorker.controller) rememberLoaded();
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      rememberLoaded();
      // Requests on their way when the worker took over end outside it, and are listed only
      // once they have: hand those over too, a little later (the worker skips what it has).
      setTimeout(rememberLoaded, REMEMBER_AGAIN_AFTER_MS);
    });
  };
  // After the page has loaded, so that caching the shell does not compete with opening it.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/**
 * Calls `listener` when a service worker takes over this page while it is open (the first
 * visit, or an update). Requests made from then on go through it and are kept for offline use;
 * a page that loaded something in a worker of its own (the map's tiles) may load it again.
 * Returns the function that stops listening.
 */
export function onServiceWorkerTakeover(listener: () => void): () => void {
  if (!('serviceWorker' in navigator)) return () => undefined;
  navigator.serviceWorker.addEventListener('controllerchange', listener);
  return () => navigator.serviceWorker.removeEventListener('controllerchange', listener);
}
