// The contract's zod schemas (`@nabolag/schema`, with zod itself: ~55 KiB gzip and ~0.3 s of
// evaluation on a slow phone) as a chunk of their own. The resident pages do not import them
// statically: they take limits and helpers from `@nabolag/schema/plain` and types with
// `import type`, and load the schemas here when something is to be checked — after the map
// answers (`preloadSchemas`), or on demand before a send. tests/bench/client.ts fails
// when zod is back in the resident map's static closure.
import type * as Schemas from '@nabolag/schema';

export type SchemaModule = typeof Schemas;

let loaded: SchemaModule | undefined;
let loading: Promise<SchemaModule> | undefined;

/** The schema package, loaded once (a failed download is tried again on the next call). */
export function loadSchemas(): Promise<SchemaModule> {
  loading ??= import('@nabolag/schema').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The schema package for code that must answer at once (a form's render or its submit handler).
 * Such code runs only where `loadSchemas()` has been awaited first (`useSchemasLoaded`, the
 * send path): calling it earlier is a bug, and it says so.
 */
export function schemasNow(): SchemaModule {
  if (!loaded) throw new Error('the schema package is not loaded yet: await loadSchemas() first');
  return loaded;
}

/** For `requestJson` where the answer's body is not read: any JSON (loaded on first use). */
export const anyAnswer = async () => (await import('./any-answer.ts')).anyAnswerSchema;

/** Whether `schemasNow()` can answer. */
export const schemasLoaded = (): boolean => loaded !== undefined;

type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
};

/**
 * Runs `task` when the main thread is idle (within `timeoutMs`, in milliseconds), so that work
 * nobody waits for does not delay the page's first answer to input. Falls back to a timer where
 * the browser has no `requestIdleCallback` (Safari).
 */
export function whenIdle(task: () => void, timeoutMs = 2000): void {
  const idle = (globalThis as unknown as IdleWindow).requestIdleCallback;
  if (idle) idle(task, { timeout: timeoutMs });
  else setTimeout(task, 200);
}

/**
 * How long after the first `afterInteractive` call its tasks run anyway when no page says it is
 * interactive (a page without a map), in milliseconds.
 */
const INTERACTIVE_FALLBACK_MS = 8000;

let markInteractive: (() => void) | undefined;
let interactive: Promise<void> | undefined;

function interactivePromise(): Promise<void> {
  if (!interactive) {
    interactive = new Promise<void>((resolve) => {
      markInteractive = resolve;
    });
    setTimeout(() => markInteractive?.(), INTERACTIVE_FALLBACK_MS);
  }
  return interactive;
}

/** Called when the page answers input (the resident map: once its places are drawn). */
export function pageIsInteractive(): void {
  void interactivePromise();
  markInteractive?.();
}

/**
 * Runs `task` once the page is interactive and then idle: for work that must not compete with
 * the first screen for a slow phone's main thread (loading and running zod among it).
 */
export function afterInteractive(task: () => void): void {
  void interactivePromise().then(() => whenIdle(task));
}

/** Loads the schemas after the page is interactive, so that a form finds them ready. */
export function preloadSchemas(): void {
  afterInteractive(() => void loadSchemas().catch(() => undefined));
}
