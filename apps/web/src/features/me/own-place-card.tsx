import { type ContributionUpdate, type OwnContribution, type Project, pickText } from '@nabolag/schema';
import { projectTextFallback } from '@nabolag/schema/plain';
import type { ParseKeys } from 'i18next';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteContribution, updateContribution } from '../../api/participant-api.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ProjectText } from '../../i18n/project-text-scope.tsx';
import type { LngLat } from '../../lib/lng-lat.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { MovePlace } from './move-place.tsx';
import { OwnFollowUpAnswers } from './own-follow-up-answers.tsx';
import { OwnPhoto, StoredPhoto } from './own-photo.tsx';
import { OwnPlaceEditor } from './own-place-editor.tsx';
import { categoriesFor, STATUS_TEXT } from './own-places.ts';
import { ReshapePlace } from './reshape-place.tsx';

interface OwnPlaceCardProps {
  project: Project;
  contribution: OwnContribution;
  token: string;
  /** Loads the participant's data again after a change (a changed story may await a moderator). */
  onChanged: () => Promise<void>;
  onDeleted: (contribution: OwnContribution) => void;
}

type Mode = 'view' | 'edit' | 'move' | 'reshape' | 'photo';
type Message = { tone: 'success' | 'error'; key: ParseKeys; reason?: ParseKeys };

/** One of the participant's contributions: what it is, how it stands, and everything they can change. */
export function OwnPlaceCard({ project, contribution, token, onChanged, onDeleted }: OwnPlaceCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const headingId = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [photoVersion, setPhotoVersion] = useState(0);
  const buttons = {
    edit: useRef<HTMLButtonElement>(null),
    move: useRef<HTMLButtonElement>(null),
    reshape: useRef<HTMLButtonElement>(null),
    photo: useRef<HTMLButtonElement>(null),
  };

  const category = project.categories.find((candidate) => candidate.key === contribution.category);
  const categoryLabel = category
    ? pickText(category.labels, language, projectTextFallback(project))
    : contribution.category;
  const status = STATUS_TEXT[contribution.status];
  const point = contribution.geometry.type === 'Point' ? (contribution.geometry.coordinates as LngLat) : null;
  const shape = contribution.geometry.type === 'Point' ? null : contribution.geometry;

  const leave = (from: keyof typeof buttons) => {
    setMode('view');
    // Back to the button that opened the editor, once it is in the page again.
    requestAnimationFrame(() => buttons[from].current?.focus());
  };

  const save = async (
    changes: ContributionUpdate | null,
    after: 'edit' | 'move' | 'reshape',
    done: ParseKeys,
  ) => {
    if (!changes) {
      leave(after);
      return;
    }
    setSaving(true);
    const result = await updateContribution(contribution.id, token, changes);
    setSaving(false);
    if (!result.ok) {
      setMessage({ tone: 'error', key: 'me.saveFailed', reason: errorMessageKey(result.error.code) });
      return;
    }
    setMessage({ tone: 'success', key: done });
    leave(after);
    await onChanged();
  };

  const remove = async () => {
    setSaving(true);
    const result = await deleteContribution(contribution.id, token);
    setSaving(false);
    if (!result.ok && result.error.code !== 'CONTRIBUTION_NOT_FOUND') {
      setConfirmingDelete(false);
      setMessage({ tone: 'error', key: 'me.deleteFailed', reason: errorMessageKey(result.error.code) });
      return;
    }
    setConfirmingDelete(false);
    onDeleted(contribution);
  };

  return (
    <article
      className="own-place"
      aria-labelledby={headingId}
      data-testid="own-place"
      data-id={contribution.id}
      data-status={contribution.status}
    >
      <header className="own-place__header">
        <h2 id={headingId} className="own-place__category">
          <span
            className="swatch"
            style={{ backgroundColor: category?.colour ?? '#5f6b7a' }}
            aria-hidden="true"
          />
          {category ? <ProjectText text={category.labels} /> : categoryLabel}
        </h2>
        <p className={`own-place__status own-place__status--${contribution.status}`}>{t(status.label)}</p>
      </header>
      <p className="own-place__meta">
        {t(status.explanation)} {t('me.addedOn', { date: formatDateTime(contribution.createdAt, language) })}
      </p>

      {mode === 'edit' ? (
        <OwnPlaceEditor
          contribution={contribution}
          categories={categoriesFor(contribution, project.categories)}
          saving={saving}
          onSave={(changes) => void save(changes, 'edit', 'me.saved')}
          onCancel={() => leave('edit')}
        />
      ) : (
        <p
          className={contribution.story ? 'own-place__story' : 'own-place__story is-empty'}
          data-testid="own-place-story"
        >
          {contribution.story ?? t('map.noStory')}
        </p>
      )}
      {mode !== 'edit' && <OwnFollowUpAnswers contribution={contribution} category={category} />}

      {mode === 'move' && point && (
        <MovePlace
          project={project}
          position={point}
          colour={category?.colour ?? '#1d4f91'}
          saving={saving}
          onSave={(position) =>
            void save({ geometry: { type: 'Point', coordinates: position } }, 'move', 'me.moved')
          }
          onCancel={() => leave('move')}
        />
      )}

      {mode === 'reshape' && shape && (
        <ReshapePlace
          project={project}
          geometry={shape}
          colour={category?.colour ?? '#1d4f91'}
          saving={saving}
          onSave={(geometry) => void save({ geometry }, 'reshape', 'me.reshaped')}
          onCancel={() => leave('reshape')}
        />
      )}

      {mode === 'photo' && (
        <OwnPhoto
          contribution={contribution}
          token={token}
          alt={categoryLabel}
          version={photoVersion}
          onStored={() => {
            setPhotoVersion((version) => version + 1);
            setMessage({ tone: 'success', key: 'me.photoSaved' });
            leave('photo');
            void onChanged();
          }}
          onDeleted={() => {
            setMessage({ tone: 'success', key: 'me.photoDeleted' });
            leave('photo');
            void onChanged();
          }}
          onClose={() => leave('photo')}
        />
      )}

      {mode === 'view' && (
        <>
          <StoredPhoto contribution={contribution} alt={categoryLabel} version={photoVersion} token={token} />
          <div className="button-row own-place__actions">
            <button
              ref={buttons.edit}
              type="button"
              className="button"
              data-testid="own-place-edit"
              aria-describedby={headingId}
              onClick={() => {
                setMessage(null);
                setMode('edit');
              }}
            >
              {t('me.edit')}
            </button>
            {point && (
              <button
                ref={buttons.move}
                type="button"
                className="button"
                data-testid="own-place-move"
                aria-describedby={headingId}
                onClick={() => {
                  setMessage(null);
                  setMode('move');
                }}
              >
                {t('me.move')}
              </button>
            )}
            {shape && (
              <button
                ref={buttons.reshape}
                type="button"
                className="button"
                data-testid="own-place-reshape"
                aria-describedby={headingId}
                onClick={() => {
                  setMessage(null);
                  setMode('reshape');
                }}
              >
                {t(shape.type === 'LineString' ? 'me.reshapeLine' : 'me.reshapeArea')}
              </button>
            )}
            <button
              ref={buttons.photo}
              type="button"
              className="button"
              data-testid="own-place-photo"
              aria-describedby={headingId}
              onClick={() => {
                setMessage(null);
                setMode('photo');
              }}
            >
              {contribution.photo ? t('me.changePhoto') : t('me.addPhoto')}
            </button>
            <button
              type="button"
              className="button button--danger-quiet"
              data-testid="own-place-delete"
              aria-describedby={headingId}
              onClick={() => setConfirmingDelete(true)}
            >
              {t('me.delete')}
            </button>
          </div>
        </>
      )}

      {/* Always in the page, so that each outcome is announced. */}
      <div role="status" aria-live="polite" className="own-place__message" data-testid="own-place-message">
        {message && (
          <p className={`status-line status-line--${message.tone}`} data-tone={message.tone}>
            {t(message.key)}
            {message.reason && ` ${t(message.reason)}`}
          </p>
        )}
      </div>

      <ConfirmDialog
        open={confirmingDelete}
        title={t('me.deleteTitle')}
        confirmLabel={saving ? t('me.deleting') : t('me.deleteConfirm')}
        cancelLabel={t('me.keep')}
        busy={saving}
        testId="confirm-delete"
        onConfirm={() => void remove()}
        onCancel={() => setConfirmingDelete(false)}
      >
        <p>{t('me.deleteText', { category: categoryLabel })}</p>
      </ConfirmDialog>
    </article>
  );
}
