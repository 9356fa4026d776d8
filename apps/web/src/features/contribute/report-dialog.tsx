import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportContribution } from '../../api/nabolag-api.ts';

interface ReportDialogProps {
  /** The contribution being reported; the dialog is open while this is set. */
  contributionId: string | null;
  onClose: (outcome: 'sent' | 'cancelled') => void;
}

/** Shortest and longest reason the API takes, in characters. */
const MIN_REASON = 3;
const MAX_REASON = 500;

/**
 * "Report this story": a resident tells the moderators that a public story should not be there
 * (it names someone, it is hurtful). A modal dialog, so focus stays in it and Escape cancels.
 */
export function ReportDialog({ contributionId, onClose }: ReportDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (contributionId && !element.open) {
      setReason('');
      setFailed(false);
      element.showModal();
    } else if (!contributionId && element.open) {
      element.close();
    }
  }, [contributionId]);

  const send = async () => {
    if (!contributionId || reason.trim().length < MIN_REASON) return;
    setSending(true);
    setFailed(false);
    const result = await reportContribution(contributionId, reason.trim());
    setSending(false);
    if (result.ok) onClose('sent');
    else setFailed(true);
  };

  return (
    <dialog
      ref={dialog}
      className="report-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="report-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose('cancelled');
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <h2 id={`${id}-title`}>{t('report.title')}</h2>
        <label htmlFor={`${id}-reason`} className="field__label">
          {t('report.reasonLabel')}
        </label>
        <p id={`${id}-hint`} className="field__hint">
          {t('report.hint')}
        </p>
        <textarea
          id={`${id}-reason`}
          className="field__textarea"
          aria-describedby={`${id}-hint`}
          data-testid="report-reason"
          rows={3}
          minLength={MIN_REASON}
          maxLength={MAX_REASON}
          required
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {failed && (
          <p className="field__error" role="alert">
            {t('report.failed')}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            data-testid="report-send"
            disabled={sending || reason.trim().length < MIN_REASON}
          >
            {t('report.send')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => onClose('cancelled')}>
            {t('report.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
