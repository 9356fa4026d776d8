import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/**
 * A very small history router: the app has a handful of pages, and this is all it needs
 * (no nested layouts, no loaders). Links are real `<a href>` so they open in new tabs and
 * work without JavaScript handlers.
 */

const NAVIGATE_EVENT = 'nabolag:navigate';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPathname = () => window.location.pathname;
const currentSearch = () => window.location.search;

/** The current path, re-rendering on every navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPathname);
}

/** The current query string (with its `?`), re-rendering on every navigation. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch);
}

/** Answers whether the page may be left now (e.g. by asking about unsaved changes). */
export type NavigationGuard = () => boolean;
const guards = new Set<NavigationGuard>();

/**
 * Registers a guard that in-app navigation asks first (a form with unsaved changes); returns
 * the function that removes it. The back button and closing the tab are the page's own to handle.
 */
export function addNavigationGuard(guard: NavigationGuard): () => void {
  guards.add(guard);
  return () => {
    guards.delete(guard);
  };
}

/** Whether every registered guard lets the page be left. */
export const mayLeavePage = () => [...guards].every((guard) => guard());

/**
 * Goes to `to` (a path with an optional query) without reloading the page, unless a guard
 * holds the page (`force` skips the guards). Returns whether it went.
 */
export function navigate(
  to: string,
  { replace = false, force = false }: { replace?: boolean; force?: boolean } = {},
): boolean {
  if (!force && !mayLeavePage()) return false;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  return true;
}

const isPlainLeftClick = (event: MouseEvent<HTMLAnchorElement>) =>
  event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event) || rest.target) return;
        event.preventDefault();
        if (navigate(href)) window.scrollTo(0, 0);
      }}
      {...rest}
    />
  );
}
