import { moderationActionSchema } from '@nabolag/schema';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../common/dialog.tsx';

/** Asks why a contribution is hidden: the reason is kept with it and in the audit log. */
export function HideDialog({ onHide, onCancel }: { onHide: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = moderationActionSchema.safeParse({ action: 'hide', reason });
    if (!parsed.success || parsed.data.action !== 'hide') {
      setInvalid(true);
      return;
    }
    onHide(parsed.data.reason);
  };

  return (
    <Dialog title={t('staff.moderation.hideTitle')} onClose={onCancel} testId="hide-dialog">
      <form onSubmit={submit} noValidate>
        <div className={invalid ? 'field has-error' : 'field'}>
          <label htmlFor="hide-reason">{t('staff.moderation.reason')}</label>
          <p id="hide-reason-hint" className="field__hint">
            {t('staff.moderation.reasonHint')}
          </p>
          <textarea
            id="hide-reason"
            data-testid="hide-reason"
            rows={3}
            maxLength={500}
            value={reason}
            autoFocus
            onChange={(event) => {
              setReason(event.target.value);
              if (invalid) setInvalid(false);
            }}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? 'hide-reason-hint hide-reason-error' : 'hide-reason-hint'}
          />
          {invalid && (
            <p id="hide-reason-error" className="field__error">
              {t('staff.moderation.reasonRequired')}
            </p>
          )}
        </div>
        <div className="button-row staff-dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('staff.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="confirm-hide">
            {t('staff.moderation.hide')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
