import type { StyleSpecification } from './style-types.ts';

/** How long to wait for a basemap style before staying with the plain background, in ms. */
const STYLE_TIMEOUT_MS = 8000;

const looksLikeStyle = (value: unknown): value is StyleSpecification =>
  typeof value === 'object' &&
  value !== null &&
  Reflect.get(value, 'version') === 8 &&
  typeof Reflect.get(value, 'sources') === 'object' &&
  Array.isArray(Reflect.get(value, 'layers'));

/**
 * Fetches a `style` basemap's document. Resolves to `null` when it cannot be had (offline,
 * timeout, not a style): the map then keeps its own layers on the plain background.
 */
export async function fetchBasemapStyle(
  url: string,
  signal: AbortSignal,
): Promise<StyleSpecification | null> {
  // One controller for both the caller's signal and the timeout (AbortSignal.any is too new
  // for some workshop tablets).
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, STYLE_TIMEOUT_MS);
  signal.addEventListener('abort', abort, { once: true });
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    return looksLikeStyle(body) ? body : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}
