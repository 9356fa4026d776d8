/** An ISO date-time as a date and time in the reader's language ("3. juni 2025, 14:05"). */
export function formatMoment(iso: string, language: string): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(moment);
  } catch {
    return iso;
  }
}

/**
 * A language's name in the reader's language (`ti` → "tigrinja" for a bokmål reader), or the tag
 * itself: only as an aside to the native name (`nativeLanguageName`), for staff who do not
 * recognise "ትግርኛ".
 */
export function languageNameIn(tag: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
