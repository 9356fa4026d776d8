import type { SessionTablet } from '@nabolag/schema';
import type { TFunction } from 'i18next';

/**
 * The letter of a tablet's default name from its place among the tablets of its table: 1 → A,
 * 26 → Z, 27 → AA (as spreadsheet columns), so a room of any size gets distinct names.
 */
export function tabletLetter(ordinal: number): string {
  let remaining = Math.max(1, Math.floor(ordinal));
  let letters = '';
  while (remaining > 0) {
    const index = (remaining - 1) % 26;
    letters = String.fromCharCode(65 + index) + letters;
    remaining = Math.floor((remaining - 1) / 26);
  }
  return letters;
}

/** What people in the room call a tablet: the facilitator's name for it, else "Tablet B". */
export function tabletName(tablet: Pick<SessionTablet, 'name' | 'ordinal'>, t: TFunction): string {
  return tablet.name ?? t('staff.workshops.tabletDefault', { letter: tabletLetter(tablet.ordinal) });
}

/** A tablet with its table, for lists: "Table 2 · Tablet B" (the name alone without a table). */
export function tabletLabel(tablet: Pick<SessionTablet, 'name' | 'ordinal' | 'group'>, t: TFunction): string {
  const name = tabletName(tablet, t);
  return tablet.group ? `${tablet.group} · ${name}` : name;
}
