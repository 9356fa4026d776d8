import { useMemo, useSyncExternalStore } from 'react';
import type { WaitingPlace } from '../map/waiting-places.ts';
import { outbox } from './outbox.ts';
import { summarizeOutbox } from './outbox-item.ts';
import type { OutboxSnapshot } from './outbox-sync.ts';

const subscribe = (listener: () => void) => outbox().subscribe(listener);
const getSnapshot = () => outbox().getSnapshot();

/** This tab's outbox, re-rendering on every change (an item added, sent, failed; online or not). */
export function useOutbox(): OutboxSnapshot {
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** The places of a project that the server does not have yet, for the map to draw hollow. */
export function useWaitingPlaces(projectSlug: string): WaitingPlace[] {
  const { items } = useOutbox();
  return useMemo(
    () =>
      summarizeOutbox(items, projectSlug).unsent.map((item) => ({
        id: item.id,
        category: item.body.category,
        geometry: item.body.geometry,
        failed: item.state === 'failed',
      })),
    [items, projectSlug],
  );
}
