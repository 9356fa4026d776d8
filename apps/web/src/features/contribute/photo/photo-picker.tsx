import type { ParseKeys } from 'i18next';
import { type ChangeEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_MEGABYTES, PHOTO_ACCEPT, type PhotoProblem } from './photo-file.ts';
import './photo.css';

interface PhotoPickerProps {
  /** The chosen photo's preview address, if one is chosen. */
  previewUrl: string | null;
  problem: PhotoProblem | null;
  disabled?: boolean;
  onChoose: (file: File) => void;
  onRemove: () => void;
  /** Says that the photo replaces one already stored (the "my places" page). */
  replacing?: boolean;
}

const PROBLEM_KEYS: Record<PhotoProblem['kind'], ParseKeys> = {
  type: 'photo.wrongType',
  size: 'photo.tooLarge',
  empty: 'photo.empty',
};

/**
 * An optional photo: a file input for JPEG, PNG and WebP (phones offer the camera and the
 * gallery for it), a second input that opens the camera at once on touch devices, a preview
 * and a way to remove it. Files are checked here for type and size; the server checks again.
 */
export function PhotoPicker({
  previewUrl,
  problem,
  disabled = false,
  onChoose,
  onRemove,
  replacing,
}: PhotoPickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const megabytes = (value: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value);
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (after removing it) is noticed.
    event.target.value = '';
    if (file) onChoose(file);
  };
  const describedBy = problem ? `${hintId} ${problemId}` : hintId;

  return (
    <div className="photo-picker">
      <p id={hintId} className="field__hint">
        {t('photo.hint', { limit: megabytes(MAX_PHOTO_MEGABYTES) })}
      </p>
      {previewUrl && (
        <img
          className="photo-picker__preview"
          src={previewUrl}
          alt={t('photo.previewAlt')}
          data-testid="photo-preview"
        />
      )}
      <div className="button-row">
        <label
          className={disabled ? 'button photo-picker__choose is-disabled' : 'button photo-picker__choose'}
        >
          <input
            type="file"
            className="visually-hidden"
            accept={PHOTO_ACCEPT}
            disabled={disabled}
            aria-describedby={describedBy}
            aria-invalid={problem ? true : undefined}
            data-testid="photo-input"
            onChange={onChange}
          />
          <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path
              d="M3 6h3l1.5-2h5L14 6h3v10H3z M10 8.5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z"
              stroke="currentColor"
              strokeWidth="1.6"
              fill="none"
            />
          </svg>
          {previewUrl || replacing ? t('photo.chooseOther') : t('photo.choose')}
        </label>
        {/* On phones and tablets: straight to the camera. Hidden where there is none to expect. */}
        <label
          className={disabled ? 'button photo-picker__camera is-disabled' : 'button photo-picker__camera'}
        >
          <input
            type="file"
            className="visually-hidden"
            accept={PHOTO_ACCEPT}
            capture="environment"
            disabled={disabled}
            aria-describedby={describedBy}
            onChange={onChange}
          />
          {t('photo.takePhoto')}
        </label>
        {previewUrl && (
          <button
            type="button"
            className="button"
            data-testid="photo-remove"
            disabled={disabled}
            onClick={onRemove}
          >
            {t('photo.remove')}
          </button>
        )}
      </div>
      {problem && (
        <p id={problemId} className="field__error" role="alert" data-testid="photo-problem">
          {t(PROBLEM_KEYS[problem.kind], {
            size: megabytes(problem.kind === 'size' ? problem.megabytes : 0),
            limit: megabytes(MAX_PHOTO_MEGABYTES),
          })}
        </p>
      )}
    </div>
  );
}
