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
