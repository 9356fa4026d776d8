import { MAX_LOGO_BYTES, type Organisation } from '@nabolag/schema';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadProgress } from '../../../api/photos.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { ConfirmDialog } from '../common/dialog.tsx';
import { useStaff } from '../staff-session.ts';

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

type Status =
  | { kind: 'idle' }
  | { kind: 'uploading'; progress: UploadProgress | null }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

/**
 * The organisation's logo: the current one, a file to replace it (checked here for type and
 * size, previewed before it is sent, with progress while it goes up), and removing it.
 */
export function LogoSection({
  organisation,
  onChanged,
}: {
  organisation: Organisation;
  onChanged: (organisation: Organisation) => void;
}) {
  const { t, i18n } = useTranslation();
  const { api, reloadOrganisations } = useStaff();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [confirmRemove, setConfirmRemove] = useState(false);

  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (chosen: File | undefined) => {
    setFile(null);
    setPreviewUrl(null);
    if (!chosen) return;
    if (chosen.type && !LOGO_TYPES.includes(chosen.type)) {
      setStatus({ kind: 'failed', text: t('errors.UNSUPPORTED_IMAGE') });
      return;
    }
    if (chosen.size > MAX_LOGO_BYTES) {
      const megabytes = new Intl.NumberFormat(i18n.language).format(MAX_LOGO_BYTES / (1024 * 1024));
      setStatus({ kind: 'failed', text: t('staff.organisations.logoTooLarge', { size: megabytes }) });
      return;
    }
    setStatus({ kind: 'idle' });
    setFile(chosen);
  };

  const upload = async () => {
    if (!file || status.kind === 'uploading') return;
    setStatus({ kind: 'uploading', progress: null });
    const result = await api.organisations.uploadLogo(organisation.slug, file, {
      onProgress: (progress) => setStatus({ kind: 'uploading', progress }),
    });
    if (!result.ok) {
      setStatus({ kind: 'failed', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    onChanged(result.value);
    reloadOrganisations();
    setFile(null);
    setPreviewUrl(null);
    if (inputRef.current) inputRef.current.value = '';
    setStatus({ kind: 'done', text: t('staff.organisations.logoUploaded') });
  };

  const remove = async () => {
    setConfirmRemove(false);
    const result = await api.organisations.removeLogo(organisation.slug);
    if (!result.ok) {
      setStatus({ kind: 'failed', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    onChanged({ ...organisation, logoUrl: null });
    reloadOrganisations();
    setStatus({ kind: 'done', text: t('staff.organisations.logoRemoved') });
  };

  const progress = status.kind === 'uploading' ? status.progress : null;
  const percent = progress?.total ? Math.round((progress.sent / progress.total) * 100) : null;

  return (
    <section aria-labelledby="logo-title" className="staff-form" data-testid="logo-section">
      <h2 id="logo-title">{t('staff.organisations.logo')}</h2>
      <p className="field__hint">{t('staff.organisations.logoHint')}</p>
      {organisation.logoUrl ? (
        <img
          className="logo-preview"
          src={organisation.logoUrl}
          alt={organisation.name}
          data-testid="current-logo"
        />
      ) : (
        <p>{t('staff.organisations.noLogo')}</p>
      )}
      <div className="field">
        <label htmlFor={inputId}>
          {organisation.logoUrl ? t('staff.organisations.replaceLogo') : t('staff.organisations.chooseLogo')}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={LOGO_TYPES.join(',')}
          onChange={(event) => choose(event.target.files?.[0])}
          data-testid="logo-file"
        />
      </div>
      {previewUrl && (
        <figure>
          <img className="logo-preview" src={previewUrl} alt="" />
          <figcaption className="field__hint">
            {t('staff.organisations.logoChosen', { name: file?.name ?? '' })}
          </figcaption>
        </figure>
      )}
      <div className="button-row">
        {file && (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={status.kind === 'uploading'}
            onClick={() => void upload()}
            data-testid="logo-upload"
          >
            {t('staff.organisations.uploadLogo')}
          </button>
        )}
        {organisation.logoUrl && (
          <button
            type="button"
            className="button button--danger-quiet"
            onClick={() => setConfirmRemove(true)}
          >
            {t('staff.organisations.removeLogo')}
          </button>
        )}
      </div>
      {status.kind === 'uploading' && (
        <p>
          <label>
            {percent === null
              ? t('staff.organisations.uploading')
              : t('staff.organisations.uploadingPercent', { percent })}{' '}
            <progress max={100} {...(percent === null ? {} : { value: percent })} />
          </label>
        </p>
      )}
      <div role="status" data-testid="logo-status">
        {status.kind === 'done' && <p className="notice">{status.text}</p>}
      </div>
      <div role="alert">
        {status.kind === 'failed' && <p className="notice notice--error">{status.text}</p>}
      </div>
      {confirmRemove && (
        <ConfirmDialog
          title={t('staff.organisations.removeLogoTitle')}
          text={<p>{t('staff.organisations.removeLogoText')}</p>}
          confirmLabel={t('staff.organisations.removeLogo')}
          cancelLabel={t('staff.cancel')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmRemove(false)}
        />
      )}
    </section>
  );
}
