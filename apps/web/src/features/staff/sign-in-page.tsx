import { emailSchema, type StaffSession } from '@nabolag/schema';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { signIn } from '../../api/staff-api.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';

/** Why the sign-in page is shown: the session ended by itself, the user signed out, or neither. */
export type SignedOutReason = 'expired' | 'signed-out' | null;

/** How long to wait after too many attempts, from the error's `details.retryAfterSeconds`. */
function retryAfterMinutes(error: ApiFailure): number | null {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

/** The staff sign-in: e-mail and password, with every refusal said in words. */
export function SignInPage({
  reason,
  onSignedIn,
}: {
  reason: SignedOutReason;
  onSignedIn: (session: StaffSession) => void;
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.signIn.title'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: typeof fieldErrors = {};
    if (!emailSchema.safeParse(email).success) errors.email = t('staff.signIn.emailInvalid');
    if (password.length === 0) errors.password = t('staff.signIn.passwordMissing');
    setFieldErrors(errors);
    setFailure(null);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();

    setBusy(true);
    const result = await signIn(email.trim(), password);
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    const minutes = result.error.code === 'RATE_LIMITED' ? retryAfterMinutes(result.error) : null;
    setFailure(
      result.error.code === 'RATE_LIMITED'
        ? t('staff.signIn.rateLimited', { count: minutes ?? 15 })
        : t(errorMessageKey(result.error.code)),
    );
    setPassword('');
    // Moves focus to the message so that it is read out, then the user can go on to the fields.
    requestAnimationFrame(() => failureRef.current?.focus());
  };

  return (
    <div className="page page--narrow staff-sign-in">
      <h1>{t('staff.signIn.title')}</h1>
      <p className="lead">{t('staff.signIn.intro')}</p>
      {reason && (
        <p className="notice" role="status" data-testid="signed-out-reason">
          {reason === 'expired' ? t('staff.signIn.expired') : t('staff.signIn.signedOut')}
        </p>
      )}
      {failure && (
        <div
          ref={failureRef}
          className="notice notice--error"
          role="alert"
          tabIndex={-1}
          data-testid="sign-in-error"
        >
          <p>{failure}</p>
        </div>
      )}
      <form className="staff-form" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="field">
          <label htmlFor="sign-in-email">{t('staff.signIn.email')}</label>
          <input
            ref={emailRef}
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? 'sign-in-email-error' : undefined}
            required
          />
          {fieldErrors.email && (
            <p id="sign-in-email-error" className="field__error">
              {fieldErrors.email}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t('staff.signIn.password')}</label>
          <input
            ref={passwordRef}
            id="sign-in-password"
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? 'sign-in-password-error' : undefined}
            required
          />
          {fieldErrors.password && (
            <p id="sign-in-password-error" className="field__error">
              {fieldErrors.password}
            </p>
          )}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showPassword}
              onChange={(event) => setShowPassword(event.target.checked)}
            />
            {t('staff.signIn.showPassword')}
          </label>
        </div>
        <button type="submit" className="button button--primary" aria-disabled={busy} data-testid="sign-in">
          {busy ? t('staff.signIn.signingIn') : t('staff.signIn.submit')}
        </button>
      </form>
    </div>
  );
}
