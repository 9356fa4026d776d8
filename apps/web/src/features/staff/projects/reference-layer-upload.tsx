import { MAX_REFERENCE_LAYER_BYTES, type ReferenceLayer } from '@nabolag/schema';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../../api/client.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { formatBytes } from '../export/export-progress.ts';
import { useStaff } from '../staff-session.ts';
import { layerNameFromFile, REFERENCE_FILE_ACCEPT } from './reference-layer-names.ts';

/** The colour a new layer starts with: an orange that none of the default categories use. */
const DEFAULT_COLOUR = '#ff7f0e';

type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; filename: string; bytes: number }
  | { status: 'done'; layer: ReferenceLayer; notes: string[] }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'too-large'; bytes: number };

interface ReferenceLayerUploadProps {
  slug: string;
  /** The language the name typed here is in (the project's default). */
  language: string;
  onUploaded: (layer: ReferenceLayer) => void;
}

/**
 * Uploading a reference layer: a GeoJSON, GeoPackage or KML file, a name and a colour. The file
 * goes up as it is; the server says what is wrong with it when it refuses it, and that reason
 * is shown beside the translated message.
 */
export function ReferenceLayerUpload({ slug, language, onUploaded }: ReferenceLayerUploadProps) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  // A name made from the file's name follows the chosen file until the planner types one.
  const [nameTyped, setNameTyped] = useState(false);
  const [colour, setColour] = useState(DEFAULT_COLOUR);
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const [missing, setMissing] = useState<'file' | 'name' | null>(null);
  const busy = state.status === 'uploading';

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setMissing('file');
      fileRef.current?.focus();
      return;
    }
    if (!name.trim()) {
      setMissing('name');
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setMissing(null);
    if (file.size > MAX_REFERENCE_LAYER_BYTES) {
      setState({ status: 'too-large', bytes: file.size });
      return;
    }
    setState({ status: 'uploading', filename: file.name, bytes: file.size });
    const result = await api.uploadReferenceLayer(slug, file, {
      name: name.trim(),
      lang: language,
      colour,
      filename: file.name.slice(0, 255),
    });
    if (!result.ok) {
      setState({ status: 'failed', error: result.error });
      return;
    }
    setState({ status: 'done', layer: result.value.layer, notes: result.value.notes });
    setFile(null);
    setName('');
    setNameTyped(false);
    if (fileRef.current) fileRef.current.value = '';
    onUploaded(result.value.layer);
  };

  return (
    <form
      className="reference-upload"
      onSubmit={upload}
      noValidate
      aria-busy={busy}
      data-testid="reference-upload"
    >
      <h3>{t('staff.referenceLayers.uploadHeading')}</h3>
      <div className={missing === 'file' ? 'field has-error' : 'field'}>
        <label htmlFor={`${id}-file`}>{t('staff.referenceLayers.file')}</label>
        <p id={`${id}-file-hint`} className="field__hint">
          {t('staff.referenceLayers.fileHint', {
            size: formatBytes(MAX_REFERENCE_LAYER_BYTES, i18n.language, 1024),
          })}
        </p>
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept={REFERENCE_FILE_ACCEPT}
          disabled={busy}
          aria-describedby={`${id}-file-hint${missing === 'file' ? ` ${id}-file-error` : ''}`}
          aria-invalid={missing === 'file' ? true : undefined}
          data-testid="reference-file"
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            setFile(chosen);
            setState({ status: 'idle' });
            if (chosen && (!nameTyped || !name.trim())) setName(layerNameFromFile(chosen.name));
          }}
        />
        {missing === 'file' && (
          <p id={`${id}-file-error`} className="field__error">
            {t('staff.referenceLayers.fileMissing')}
          </p>
        )}
      </div>
      <div className="field-row">
        <div className={missing === 'name' ? 'field has-error' : 'field'}>
          <label htmlFor={`${id}-name`}>{t('staff.referenceLayers.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={200}
            disabled={busy}
            aria-invalid={missing === 'name' ? true : undefined}
            aria-describedby={missing === 'name' ? `${id}-name-error` : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setNameTyped(event.target.value.trim() !== '');
            }}
            data-testid="reference-name"
          />
          {missing === 'name' && (
            <p id={`${id}-name-error`} className="field__error">
              {t('staff.referenceLayers.nameMissing')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-colour`}>{t('staff.referenceLayers.colour')}</label>
          <input
            id={`${id}-colour`}
            type="color"
            value={colour}
            disabled={busy}
            onChange={(event) => setColour(event.target.value)}
          />
        </div>
      </div>
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={busy}
          data-testid="reference-submit"
        >
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? t('staff.referenceLayers.uploading') : t('staff.referenceLayers.upload')}
        </button>
      </div>
      <UploadOutcome state={state} language={i18n.language} />
    </form>
  );
}

function UploadOutcome({ state, language }: { state: UploadState; language: string }) {
  const { t } = useTranslation();
  if (state.status === 'failed') {
    return (
      <div role="alert" className="notice notice--error" data-testid="reference-upload-error">
        <p>
          <strong>{t('staff.referenceLayers.uploadFailed')}</strong> {t(errorMessageKey(state.error.code))}
        </p>
        {state.error.code === 'INVALID_REFERENCE_LAYER' && state.error.message && (
          <p>
            {t('staff.referenceLayers.serverReason')}{' '}
            <span lang="en" data-testid="reference-upload-reason">
              {state.error.message}
            </span>
          </p>
        )}
      </div>
    );
  }
  if (state.status === 'too-large') {
    return (
      <p role="alert" className="notice notice--error" data-testid="reference-upload-error">
        {t('staff.referenceLayers.tooLarge', {
          size: formatBytes(state.bytes, language, 1024),
          max: formatBytes(MAX_REFERENCE_LAYER_BYTES, language, 1024),
        })}
      </p>
    );
  }
  return (
    <p
      role="status"
      className="reference-upload__status"
      data-testid="reference-upload-status"
      data-state={state.status}
    >
      {state.status === 'uploading' &&
        t('staff.referenceLayers.uploadingFile', {
          filename: state.filename,
          size: formatBytes(state.bytes, language, 1024),
        })}
      {state.status === 'done' && t('staff.referenceLayers.uploaded', { count: state.layer.featureCount })}
      {state.status === 'done' && state.notes.length > 0 && <span lang="en"> {state.notes.join(' ')}</span>}
    </p>
  );
}
