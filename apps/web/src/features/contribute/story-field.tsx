import { MAX_STORY_LENGTH } from '@nabolag/schema/plain';
import { useTranslation } from 'react-i18next';

interface StoryFieldProps {
  value: string;
  readOnly: boolean;
  onChange: (story: string) => void;
}

/**
 * The story, with the characters left shown as one types. The count is described by the
 * field rather than announced live, so a screen reader is not interrupted at every key.
 */
export function StoryField({ value, readOnly, onChange }: StoryFieldProps) {
  const { t } = useTranslation();
  const left = MAX_STORY_LENGTH - value.length;
  return (
    <div className="field">
      <label htmlFor="story" className="field__label">
        {t('contribute.storyLabel')}
      </label>
      <p id="story-hint" className="field__hint">
        {t('contribute.storyHint')}
      </p>
      <textarea
        id="story"
        name="story"
        className="field__textarea"
        rows={5}
        maxLength={MAX_STORY_LENGTH}
        value={value}
        readOnly={readOnly}
        aria-describedby="story-hint story-count"
        onChange={(event) => onChange(event.target.value)}
      />
      <p id="story-count" className={left < 200 ? 'field__count is-low' : 'field__count'}>
        {t('contribute.charactersLeft', { count: left })}
      </p>
    </div>
  );
}
