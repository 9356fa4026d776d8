import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusMessage } from './use-contribution.ts';

/**
 * The one live region of the contribute form: progress, confirmations and errors. It is
 * always in the page (a region that appears with its text is often not announced), and each
 * message is a new node so a repeated sentence is announced again.
 */
export function StatusRegion({ status }: { status: StatusMessage | null }) {
  const { t } = useTranslation();
  const regionRef = useRef<HTMLDivElement>(null);

  // In a scrolled panel (the phone's sheet) an outcome may land below the fold: bring it up.
  const sequence = status?.tone === 'info' ? undefined : status?.sequence;
  useEffect(() => {
    if (sequence !== undefined) regionRef.current?.scrollIntoView({ block: 'nearest' });
  }, [sequence]);

  return (
    <div
      ref={regionRef}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="status"
      data-tone={status?.tone}
      className={status ? `status status--${status.tone}` : 'status'}
    >
      {status && (
        <p key={status.sequence}>
          {status.values ? t(status.key, status.values) : t(status.key)}
          {status.followUp && ` ${t(status.followUp)}`}
        </p>
      )}
    </div>
  );
}
