import { apiTokenCreateSchema } from '@nabolag/schema';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { ConfirmDialog } from '../common/dialog.tsx';
import { formatMoment } from '../common/format.ts';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { useStaff } from '../staff-session.ts';

interface CreatedToken {
  name: string;
  token: string;
}

/**
 * `/staff/tokens`: one's own API tokens for GIS clients. A new token is shown once, with a copy
 * button and how to use it in QGIS (HTTP Basic: e-mail as user name, token as password).
 */
export function TokensPage() {
  const { t, i18n } = useTranslation();
  const { api, user } = useStaff();
  useDocumentTitle(t('staff.tokens.title'));
  const { state, reload, setValue } = useLoad((signal) => api.listTokens(signal), [api]);
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const ogcUrl = `${window.location.origin}/ogc`;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!apiTokenCreateSchema.safeParse({ name }).success) {
      setNameProblem(t('staff.tokens.nameRequired'));
      return;
    }
    setNameProblem(null);
    setBusy(true);
    const result = await api.createToken(name.trim());
    setBusy(false);
    if (!result.ok) {
      setNotice({ tone: 'error', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    const { token, ...stored } = result.value;
    setValue((value) => ({ tokens: [stored, ...value.tokens] }));
    setCreated({ name: stored.name, token });
    setCopied('idle');
    setName('');
    setNotice(null);
    requestAnimationFrame(() => createdRef.current?.focus());
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('copied');
    } catch {
      // Without clipboard access (an insecure origin, a refused permission) the text is selected instead.
      tokenRef.current?.select();
      setCopied('failed');
    }
  };

  const revoke = async (id: string, tokenName: string) => {
    setRevoking(null);
    const result = await api.revokeToken(id);
    if (!result.ok) {
      setNotice({ tone: 'error', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    setValue((value) => ({ tokens: value.tokens.filter((token) => token.id !== id) }));
    setNotice({ tone: 'success', text: t('staff.tokens.revoked', { name: tokenName }) });
  };

  return (
    <div className="staff-page">
      <h1>{t('staff.tokens.title')}</h1>
      <p className="lead">{t('staff.tokens.intro')}</p>

      {created && (
        <div ref={createdRef} className="notice token-created" tabIndex={-1} data-testid="token-created">
          <h2 className="notice__title">{t('staff.tokens.createdTitle', { name: created.name })}</h2>
          <p>{t('staff.tokens.onlyOnce')}</p>
          <div className="token-created__row">
            <label className="visually-hidden" htmlFor="new-token">
              {t('staff.tokens.token')}
            </label>
            <input
              id="new-token"
              ref={tokenRef}
              readOnly
              value={created.token}
              spellCheck={false}
              className="token-created__value"
            />
            <button type="button" className="button" onClick={() => void copy()}>
              {t('staff.tokens.copy')}
            </button>
          </div>
          <p role="status" className="field__hint">
            {copied === 'copied' && t('staff.tokens.copied')}
            {copied === 'failed' && t('staff.tokens.copyFailed')}
          </p>
          <h3>{t('staff.tokens.qgisTitle')}</h3>
          <ol className="token-created__steps">
            <li>{t('staff.tokens.qgisStep1', { url: ogcUrl })}</li>
            <li>{t('staff.tokens.qgisStep2')}</li>
            <li>{t('staff.tokens.qgisStep3', { email: user.email })}</li>
            <li>{t('staff.tokens.qgisStep4')}</li>
          </ol>
          <button type="button" className="button button--quiet" onClick={() => setCreated(null)}>
            {t('staff.tokens.done')}
          </button>
        </div>
      )}

      <form className="staff-form token-form" onSubmit={create} noValidate aria-busy={busy}>
        <div className={nameProblem ? 'field has-error' : 'field'}>
          <label htmlFor="token-name">{t('staff.tokens.name')}</label>
          <p id="token-name-hint" className="field__hint">
            {t('staff.tokens.nameHint')}
          </p>
          <input
            id="token-name"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={nameProblem ? 'token-name-hint token-name-error' : 'token-name-hint'}
          />
          {nameProblem && (
            <p id="token-name-error" className="field__error">
              {nameProblem}
            </p>
          )}
        </div>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t('staff.tokens.create')}
        </button>
      </form>

      <div
        role="status"
        className={notice ? `moderation-notice moderation-notice--${notice.tone}` : 'moderation-notice'}
      >
        {notice && <p>{notice.text}</p>}
      </div>

      <h2>{t('staff.tokens.listTitle')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.tokens.length === 0 && (
        <p className="staff-empty">{t('staff.tokens.empty')}</p>
      )}
      {state.status === 'ready' && state.value.tokens.length > 0 && (
        <section className="table-scroll" aria-labelledby="tokens-caption">
          <table className="staff-table staff-table--cards">
            <caption id="tokens-caption" className="visually-hidden">
              {t('staff.tokens.listTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.tokens.name')}</th>
                <th scope="col">{t('staff.tokens.createdAt')}</th>
                <th scope="col">{t('staff.tokens.lastUsed')}</th>
                <th scope="col">{t('staff.projects.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.value.tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td data-label={t('staff.tokens.createdAt')}>
                    {formatMoment(token.createdAt, i18n.language)}
                  </td>
                  <td data-label={t('staff.tokens.lastUsed')}>
                    {token.lastUsedAt
                      ? formatMoment(token.lastUsedAt, i18n.language)
                      : t('staff.tokens.never')}
                  </td>
                  <td data-label={t('staff.projects.actions')}>
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      onClick={() => setRevoking({ id: token.id, name: token.name })}
                      aria-label={t('staff.tokens.revokeNamed', { name: token.name })}
                    >
                      {t('staff.tokens.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('staff.tokens.revokeTitle', { name: revoking.name })}
          text={<p>{t('staff.tokens.revokeText')}</p>}
          confirmLabel={t('staff.tokens.revoke')}
          cancelLabel={t('staff.cancel')}
          danger
          onConfirm={() => void revoke(revoking.id, revoking.name)}
          onCancel={() => setRevoking(null)}
        />
      )}
    </div>
  );
}
