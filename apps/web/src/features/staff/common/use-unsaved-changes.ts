import { useEffect, useRef } from 'react';
import { addNavigationGuard, usePathname, useSearch } from '../../../app/router.tsx';

/**
 * While `dirty`, asks before the page is left: links inside the app (through the router's
 * guard), the back and forward buttons, and reloading or closing the tab (the browser's own
 * question, whose wording browsers no longer let pages set).
 */
export function useUnsavedChanges(dirty: boolean, question: string): void {
  const latest = useRef({ dirty, question });
  latest.current = { dirty, question };
  // The address this page was last rendered at: where the back button must return if the
  // answer is "stay". Reading the path and query re-renders this page on every navigation.
  const pathname = usePathname();
  const search = useSearch();
  const here = useRef(window.location.href);
  // Runs after each navigation on purpose.
  useEffect(() => {
    here.current = window.location.href;
  }, [pathname, search]);

  useEffect(() => {
    const ask = () => !latest.current.dirty || window.confirm(latest.current.question);
    const removeGuard = addNavigationGuard(ask);

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!latest.current.dirty) return;
      event.preventDefault();
      // Older browsers need a return value to show their question.
      event.returnValue = '';
    };

    // The address has already changed when popstate fires: put it back if the answer is "stay".
    const onPopState = () => {
      if (window.location.href === here.current || ask()) return;
      window.history.pushState(null, '', here.current);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('popstate', onPopState);
    return () => {
      removeGuard();
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState);
    };
  }, []);
}
