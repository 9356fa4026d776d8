import {
  type Category,
  type ContributionUpdate,
  MAX_STORY_LENGTH,
  type OwnContribution,
} from '@nabolag/schema';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectText } from '../../i18n/project-text-scope.tsx';

interface OwnPlaceEditorProps {
  contribution: OwnContribution;
  /** The categories this contribution may have (those that take its geometry). */
  categories: readonly Category[];
  saving: boolean;
  onSave: (changes: ContributionUpdate | null) => void;
  onCancel: () => void;
}

/**
 * Changing a contribution's category and story. Only what changed is sent; a story emptied to
 * nothing removes it.
 */
export function OwnPlaceEditor({ contribution, categories, saving, onSave, onCancel }: OwnPlaceEditorProps) {
  const { t } = useTranslation();
  const projectText = useProjectText();
  const id = useId();
  const [category, setCategory] = useState(contribution.category);
  const [story, setStory] = useState(contribution.story ?? '');
  const storyRef = useRef<HTMLTextAreaElement>(null);
  const left = MAX_STORY_LENGTH - story.length;

  useEffect(() => {
    storyRef.current?.focus();
  }, []);

  const changes = (): ContributionUpdate | null => {
    const update: ContributionUpdate = {};
    if (category !== contribution.category) update.category = category;
    if (story.trim() !== (contribution.story ?? '').trim()) update.story = story.trim();
    return Object.keys(update).length > 0 ? update : null;
  };

  return (
    <form
      className="own-place__editor"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!saving) onSave(changes());
      }}
    >
      <fieldset className="own-place__categories">
        <legend className="field__label">{t('me.categoryLabel')}</legend>
        {categories.map((candidate) => (
          <label key={candidate.key} className="checkbox">
            <input
              type="radio"
              name={`${id}-category`}
              value={candidate.key}
              checked={candidate.key === category}
              disabled={saving}
              data-testid={`edit-category-${candidate.key}`}
              onChange={() => setCategory(candidate.key)}
            />
            <span className="swatch" style={{ backgroundColor: candidate.colour }} aria-hidden="true" />
            <span>{projectText.text(candidate.labels)}</span>
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-story`} className="field__label">
          {t('me.storyLabel')}
        </label>
        <p id={`${id}-story-hint`} className="field__hint">
          {t('contribute.storyHint')}
        </p>
        <textarea
          ref={storyRef}
          id={`${id}-story`}
          className="field__textarea"
          data-testid="edit-story"
          rows={5}
          maxLength={MAX_STORY_LENGTH}
          value={story}
          readOnly={saving}
          aria-describedby={`${id}-story-hint ${id}-story-count`}
          onChange={(event) => setStory(event.target.value)}
        />
        <p id={`${id}-story-count`} className={left < 200 ? 'field__count is-low' : 'field__count'}>
          {t('contribute.charactersLeft', { count: left })}
        </p>
      </div>

      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          data-testid="edit-save"
          aria-disabled={saving}
        >
          {saving ? t('me.saving') : t('me.save')}
        </button>
        <button type="button" className="button" disabled={saving} onClick={onCancel}>
          {t('me.cancel')}
        </button>
      </div>
    </form>
  );
}
