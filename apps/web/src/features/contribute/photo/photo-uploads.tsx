import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import type { PhotoUpload } from './use-contribution-photo.ts';

interface PhotoUploadsProps {
  uploads: readonly PhotoUpload[];
  onRetry: (contributionId: string) => void;
  onDiscard: (contributionId: string) => void;
}

/** The one sentence a screen reader hears for an upload's state (progress is not announced). */
function announcement(upload: PhotoUpload | undefined) {
  if (!upload) return null;
  if (upload.state === 'uploading') return 'photo.uploading' as const;
  if (upload.state === 'done') return 'photo.uploaded' as const;
  return 'photo.uploadFailed' as const;
}

/**
 * Photos of places already sent: "uploading" while the outbox sends one, and when the server
 * refuses it, the photo kept with "Try again" and "Leave the photo out" — the place itself is
 * saved. (The outbox's own list shows the same photos, with the places still waiting.)
 */
export function PhotoUploads({ uploads, onRetry, onDiscard }: PhotoUploadsProps) {
  const { t } = useTranslation();
  const latest = announcement(uploads.at(-1));
  return (
    <div className="photo-uploads">
      {/* Always in the page, so that changes are announced (see StatusRegion). */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {latest ? t(latest) : ''}
      </p>
      {uploads.map((upload) => (
        <div
          key={upload.contributionId}
          className={`photo-upload photo-upload--${upload.state}`}
          data-testid="photo-upload"
          data-state={upload.state}
          data-contribution={upload.contributionId}
        >
          {upload.state !== 'done' && (
            <img className="photo-upload__thumbnail" src={upload.photo.previewUrl} alt="" />
          )}
          <div className="photo-upload__body">
            {upload.state === 'uploading' && (
              <>
                <p className="photo-upload__text">{t('photo.uploading')}</p>
                {/* Without a value: the outbox sends it, and says when it is done, not how far. */}
                <progress className="photo-upload__progress" aria-label={t('photo.uploading')} />
              </>
            )}
            {upload.state === 'done' && <p className="photo-upload__text">{t('photo.uploaded')}</p>}
            {upload.state === 'failed' && (
              <>
                <p className="photo-upload__text">
                  {t('photo.uploadFailed')} {t(errorMessageKey(upload.error.code))}
                </p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--primary"
                    data-testid="photo-retry"
                    onClick={() => onRetry(upload.contributionId)}
                  >
                    {t('photo.retry')}
                  </button>
                  <button type="button" className="button" onClick={() => onDiscard(upload.contributionId)}>
                    {t('photo.discard')}
                  </button>
                </div>
              </>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
