import { WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useOutbox } from './use-outbox.ts';

/** A moment (ISO 8601) as day and time in the reader's language: "7. des. 2026, 18:42". */
function dayAndTime(isoDateTime: string, language: string): string {
  const moment = new Date(isoDateTime);
  if (Number.isNaN(moment.getTime())) return isoDateTime;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(moment);
  } catch {
    return moment.toISOString();
  }
}

/**
 * Says that the page shows a copy of the project kept on this device (the network failed),
 * and from when — so nobody takes an old map for today's. Nothing while the page has the
 * server's own answer. While the device is offline it says so; back online, that the fresh
 * copy is on its way.
 */
export function SavedCopyNote({ savedAt }: { savedAt: string | null }) {
  const { t, i18n } = useTranslation();
  const { online } = useOutbox();
  if (!savedAt) return null;
  const time = dayAndTime(savedAt, i18n.language);
  return (
    <p className="saved-copy-note" role="status" data-testid="saved-copy-note" data-saved-at={savedAt}>
      <WifiOff className="saved-copy-note__icon" aria-hidden="true" focusable="false" />
      <span>{online ? t('outbox.savedCopyOnline', { time }) : t('outbox.savedCopyOffline', { time })}</span>
    </p>
  );
}
