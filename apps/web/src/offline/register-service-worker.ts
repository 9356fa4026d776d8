/**
 * Registers the service worker (/sw.js: the offline shell) in production builds. Browsers allow
 * service workers only in secure contexts (https, or localhost); elsewhere — e.g. a workshop
 * server on a local network over plain http — the app runs without one, and the outbox still
 * keeps every contribution in IndexedDB until it is sent.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('the service worker could not be registered; the app works without it', error);
    });
  };
  // After the page has loaded, so that caching the shell does not compete with opening it.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
