import { prewarm, setWorkerUrl } from 'maplibre-gl';
// MapLibre 6 is ESM-only and loads its worker from a URL; let Vite emit the file and hand us
// its address, otherwise only the background layer renders.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let configured = false;

/** Points MapLibre at its bundled worker. Call before the first map is made; repeat calls do nothing. */
export function configureMapLibreWorker(): void {
  if (configured) return;
  setWorkerUrl(workerUrl);
  configured = true;
}

/**
 * Starts MapLibre's workers now (each loads and compiles a 0.5 MB script) rather than when the
 * first map is made, so that this overlaps with the page loading its data. Where there are no
 * workers (tests outside a browser), it does nothing.
 */
export function prewarmMapLibre(): void {
  if (typeof Worker === 'undefined') return;
  configureMapLibreWorker();
  prewarm();
}
