import type { OwnContribution } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { deletePhoto, uploadPhoto } from '../../api/photos.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { uploadPercent } from '../contribute/photo/photo-file.ts';
import { PhotoPicker } from '../contribute/photo/photo-picker.tsx';
import { usePhotoChoice } from '../contribute/photo/use-photo-choice.ts';
import { photoAddress } from './own-places.ts';

interface OwnPhotoProps {
  contribution: OwnContribution;
  token: string;
  /** The photo's text alternative: the category's label, as on the map. */
  alt: string;
  /** Changes the photo's address after a replacement, past the browser's cache. */
  version: number;
  onStored: () => void;
  onDeleted: () => void;
  onClose: () => void;
}

type Work =
  | { state: 'idle' }
  | { state: 'uploading'; percent: number | null }
  | { state: 'deleting' }
  | { state: 'failed'; error: ApiFailure; during: 'upload' | 'delete' };

/**
 * Adding, replacing or deleting a contribution's photo on "My places". A failed upload keeps
 * the chosen photo for another try.
 */
export function OwnPhoto({ contribution, token, alt, version, onStored, onDeleted, onClose }: OwnPhotoProps) {
  const { t } = useTranslation();
  const choice = usePhotoChoice();
  const [work, setWork] = useState<Work>({ state: 'idle' });
  const busy = work.state === 'uploading' || work.state === 'deleting';

  const upload = async () => {
    if (!choice.photo || busy) return;
    setWork({ state: 'uploading', percent: 0 });
    const result = await uploadPhoto(contribution.id, choice.photo.file, token, {
      onProgress: ({ sent, total }) => setWork({ state: 'uploading', percent: uploadPercent(sent, total) }),
    });
    if (!result.ok) {
      setWork({ state: 'failed', error: result.error, during: 'upload' });
      return;
    }
    choice.remove();
    setWork({ state: 'idle' });
    onStored();
  };

  const remove = async () => {
    if (busy) return;
    setWork({ state: 'deleting' });
    const result = await deletePhoto(contribution.id, token);
    if (!result.ok) {
      setWork({ state: 'failed', error: result.error, during: 'delete' });
      return;
    }
    setWork({ state: 'idle' });
    onDeleted();
  };

  return (
    <div className="own-photo">
      {!choice.photo && <StoredPhoto contribution={contribution} alt={alt} version={version} token={token} />}

      <PhotoPicker
        previewUrl={choice.photo?.previewUrl ?? null}
        problem={choice.problem}
        disabled={busy}
        replacing={contribution.photo !== null}
        onChoose={(file) => {
          choice.choose(file);
          if (work.state === 'failed') setWork({ state: 'idle' });
        }}
        onRemove={choice.remove}
      />

      <div className="button-row">
        {choice.photo && (
          <button
            type="button"
            className="button button--primary"
            data-testid="own-photo-save"
            aria-disabled={busy}
            onClick={() => void upload()}
          >
            {work.state === 'uploading'
              ? `${t('photo.uploading')}${work.percent === null ? '' : ` ${t('photo.percent', { percent: work.percent })}`}`
              : t('me.savePhoto')}
          </button>
        )}
        {contribution.photo && !choice.photo && (
          <button
            type="button"
            className="button"
            data-testid="own-photo-delete"
            aria-disabled={busy}
            onClick={() => void remove()}
          >
            {work.state === 'deleting' ? t('me.deleting') : t('me.deletePhoto')}
          </button>
        )}
        <button type="button" className="button" disabled={busy} onClick={onClose}>
          {choice.photo ? t('me.cancel') : t('me.close')}
        </button>
      </div>

      {work.state === 'uploading' && (
        <progress
          className="photo-upload__progress"
          max={100}
          aria-label={t('photo.uploading')}
          {...(work.percent !== null ? { value: work.percent } : {})}
        />
      )}
      {work.state === 'failed' && (
        <p className="field__error" role="alert">
          {work.during === 'upload' ? t('me.photoUploadFailed') : t('me.photoDeleteFailed')}{' '}
          {t(errorMessageKey(work.error.code))}
        </p>
      )}
    </div>
  );
}

/**
 * The stored photo. While the place waits for a moderator (or was hidden) the server hands the
 * photo only to its participant, so it is fetched with the participant's token and shown from
 * memory; a public one is a plain image the browser may cache.
 */
export function StoredPhoto({
  contribution,
  alt,
  version,
  token,
}: Pick<OwnPhotoProps, 'contribution' | 'alt' | 'version' | 'token'>) {
  const isPublic = contribution.status === 'published';
  const address = contribution.photo ? photoAddress(contribution.photo, version) : null;
  const [privateUrl, setPrivateUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!address || isPublic) return;
    const abort = new AbortController();
    let objectUrl: string | null = null;
    fetch(address, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) return;
        objectUrl = URL.createObjectURL(await response.blob());
        setPrivateUrl(objectUrl);
      })
      .catch(() => undefined); // offline or aborted: no picture, the card still says there is one
    return () => {
      abort.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setPrivateUrl(null);
    };
  }, [address, isPublic, token]);

  const src = isPublic ? address : privateUrl;
  if (!src) return null;
  return <img className="own-photo__image" src={src} alt={alt} data-testid="own-photo" loading="lazy" />;
}
