import type { SessionTablet } from '@nabolag/schema';
import type { TFunction } from 'i18next';
import { tabletLetter } from '../../../lib/tablet-letter.ts';

/** What people in the room call a tablet: the facilitator's name for it, else "Tablet B". */
export function tabletName(tablet: Pick<SessionTablet, 'name' | 'ordinal'>, t: TFunction): string {
  return tablet.name ?? t('staff.workshops.tabletDefault', { letter: tabletLetter(tablet.ordinal) });
}

/** A tablet with its table, for lists: "Table 2 · Tablet B" (the name alone without a table). */
export function tabletLabel(tablet: Pick<SessionTablet, 'name' | 'ordinal' | 'group'>, t: TFunction): string {
  const name = tabletName(tablet, t);
  return tablet.group ? `${tablet.group} · ${name}` : name;
}
