import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface DialogProps {
  title: string;
  /** Called when the dialog is dismissed (Escape, or a cancel button calling it). */
  onClose: () => void;
  children: ReactNode;
  /** `alert` for a question that needs an answer (delete, erase). */
  role?: 'dialog' | 'alertdialog';
  testId?: string;
}

/**
 * A modal dialog on the native `<dialog>` element: it keeps focus inside, closes on Escape, makes
 * the rest of the page inert and gives focus back to where it was when it closes. It is shown
 * while mounted; unmount it to close it.
 */
export function Dialog({ title, onClose, children, role = 'dialog', testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className="staff-dialog" aria-labelledby={titleId} role={role} data-testid={testId}>
      <h2 id={titleId} className="staff-dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  title: string;
  text: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** A destructive action gets the danger style. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/** "Are you sure?" with the action named on the button; Cancel has focus first. */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  cancelLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
  testId,
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel} role="alertdialog" {...(testId ? { testId } : {})}>
      <div className="staff-dialog__body">{text}</div>
      <div className="button-row staff-dialog__actions">
        {/* biome-ignore lint/a11y/noAutofocus: the safe answer takes focus in a confirmation dialog. */}
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          onClick={onConfirm}
          aria-disabled={busy}
          data-testid="confirm"
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
