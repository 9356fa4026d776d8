/**
 * A calendar day given as `YYYY-MM-DD` (the public list's `created`), written out in the
 * reader's language; the input unchanged if it is not such a day.
 */
export function formatDay(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [, year, month, date] = match.map(Number);
  if (year === undefined || month === undefined || date === undefined) return day;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(year, month - 1, date));
  } catch {
    return day;
  }
}

/** An ISO date-time (e.g. a project's `closesAt`) as a day in the reader's language. */
export function formatDateTime(isoDateTime: string, language: string): string {
  const moment = new Date(isoDateTime);
  if (Number.isNaN(moment.getTime())) return isoDateTime;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(moment);
  } catch {
    return isoDateTime;
  }
}
