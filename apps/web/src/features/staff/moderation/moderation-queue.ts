import type { ModerationAction, ModerationItem } from '@nabolag/schema';
import type { ModerationQueue } from '../../../api/staff-api.ts';

/**
 * What a moderator can do to one item: the API's moderation actions, deleting it, erasing its
 * participant, or picking its story as a quote for the results page (or dropping it).
 */
export type ItemAction =
  | ModerationAction
  | { action: 'delete' }
  | { action: 'erase' }
  | { action: 'feature'; featured: boolean };

/**
 * Whether the item's story may be offered as a quote on the public results page: published,
 * with words, and no open flag (the server checks the same). A featured one can always be dropped.
 */
export const canFeature = (item: ModerationItem) =>
  item.featured ||
  (item.status === 'published' && (item.story ?? '').trim().length > 0 && item.flags.length === 0);

/** Whether an item belongs in a queue, by the rules of `GET …/moderation?queue=`. */
export function belongsInQueue(item: ModerationItem, queue: ModerationQueue): boolean {
  switch (queue) {
    case 'pending':
      return item.status === 'pending';
    case 'hidden':
      return item.status === 'hidden';
    case 'flagged':
      return item.flags.length > 0;
    case 'all':
      return true;
  }
}

/** The item as the server will hold it after `action` (every decision closes its open flags). */
export function afterAction(item: ModerationItem, action: ModerationAction): ModerationItem {
  return action.action === 'hide'
    ? { ...item, status: 'hidden', moderationReason: action.reason.trim(), flags: [] }
    : { ...item, status: 'published', moderationReason: null, flags: [] };
}

/**
 * The queue as it should look once `action` is done: the item changed in place, or gone when it
 * was deleted or no longer belongs in the queue shown. Used to update the page before the
 * server answers; `rollBack` undoes it if the server refuses.
 */
export function applyAction(
  items: readonly ModerationItem[],
  id: string,
  action: ItemAction,
  queue: ModerationQueue,
): ModerationItem[] {
  return items.flatMap((item) => {
    if (item.id !== id) return [item];
    if (action.action === 'delete' || action.action === 'erase') return [];
    if (action.action === 'feature') return [{ ...item, featured: action.featured }];
    const changed = afterAction(item, action);
    return belongsInQueue(changed, queue) ? [changed] : [];
  });
}

/** Puts `original` back where it was (at `index`), replacing whatever the optimistic update left. */
export function rollBack(
  items: readonly ModerationItem[],
  original: ModerationItem,
  index: number,
): ModerationItem[] {
  const others = items.filter((item) => item.id !== original.id);
  const at = Math.min(Math.max(index, 0), others.length);
  return [...others.slice(0, at), original, ...others.slice(at)];
}
