import {
  type AnswerProblem,
  type Category,
  type ContributionUpdate,
  MAX_STORY_LENGTH,
  type OwnContribution,
} from '@nabolag/schema';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSchemas } from '../../api/schemas.ts';
import { useProjectText } from '../../i18n/project-text-scope.tsx';
import {
  answerProblems,
  type RawAnswers,
  rawAnswersOf,
  shownQuestionsFor,
  typedAnswers,
} from '../contribute/follow-up/follow-up-answers.ts';
import { FollowUpField, followUpControlId } from '../contribute/follow-up/follow-up-field.tsx';
import '../contribute/follow-up/follow-up.css';

/** Answers compared as the server stores them: the same keys and values, in any order. */
function sameAnswers(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const left = a[key];
    const right = b[key];
    if (Array.isArray(left) && Array.isArray(right))
      return (
        left.length === right.length && [...left].sort().join('\u0000') === [...right].sort().join('\u0000')
      );
    return left === right;
  });
}

interface OwnPlaceEditorProps {
  contribution: OwnContribution;
  /** The categories this contribution may have (those that take its geometry). */
  categories: readonly Category[];
  saving: boolean;
  onSave: (changes: ContributionUpdate | null) => void;
  onCancel: () => void;
}

/**
 * Changing a contribution's category, story and answers to the category's follow-up questions.
 * Only what changed is sent; a story emptied to nothing removes it. The answers are checked as
 * when the place was sent (required questions, ranges, conditions) before anything is sent, and
 * go with the version of the questions shown, so the server checks them against the same ones.
 */
export function OwnPlaceEditor({ contribution, categories, saving, onSave, onCancel }: OwnPlaceEditorProps) {
  const { t } = useTranslation();
  const projectText = useProjectText();
  const id = useId();
  const [category, setCategory] = useState(contribution.category);
  const [story, setStory] = useState(contribution.story ?? '');
  const [answers, setAnswers] = useState<RawAnswers>(() => rawAnswersOf(contribution.answers));
  // Once a save was tried, what to correct shows (and updates as the answers change).
  const [tried, setTried] = useState(false);
  const storyRef = useRef<HTMLTextAreaElement>(null);
  const left = MAX_STORY_LENGTH - story.length;
  const chosen = categories.find((candidate) => candidate.key === category);
  const questions = chosen?.questions ?? [];
  const shown = useMemo(() => shownQuestionsFor(questions, answers), [questions, answers]);
  const problems: Record<string, AnswerProblem> = tried ? answerProblems(questions, answers) : {};
  const hasProblems = Object.keys(problems).length > 0;

  useEffect(() => {
    storyRef.current?.focus();
  }, []);

  const changes = (): ContributionUpdate | null => {
    const update: ContributionUpdate = {};
    const recategorised = category !== contribution.category;
    if (recategorised) update.category = category;
    if (story.trim() !== (contribution.story ?? '').trim()) update.story = story.trim();
    const typed = typedAnswers(questions, answers);
    // A new category's questions are answered afresh (the server drops the old answers).
    if (questions.length > 0 && (recategorised || !sameAnswers(typed, contribution.answers))) {
      update.answers = typed;
      if (chosen?.questionsVersion) update.questionsVersion = chosen.questionsVersion;
    }
    return Object.keys(update).length > 0 ? update : null;
  };

  const submit = async () => {
    if (saving) return;
    if (questions.length > 0) {
      await loadSchemas();
      setTried(true);
      const found = answerProblems(questions, answers);
      if (Object.keys(found).length > 0) {
        const first = questions.find((question) => found[question.key]);
        if (first) document.getElementById(followUpControlId(first.key))?.focus();
        return;
      }
    }
    onSave(changes());
  };

  return (
    <form
      className="own-place__editor"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
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

      {shown.length > 0 && (
        <fieldset className="own-place__follow-up follow-up" data-testid="edit-answers">
          <legend className="field__label">{t('followUp.yourAnswers')}</legend>
          {shown.map((question) => (
            <FollowUpField
              key={question.key}
              question={question}
              value={answers[question.key]}
              onChange={(value) => setAnswers((current) => ({ ...current, [question.key]: value }))}
              problem={problems[question.key]}
              disabled={saving}
            />
          ))}
        </fieldset>
      )}
      {hasProblems && (
        <p className="field__error" role="alert" data-testid="edit-answers-problem">
          {t('me.answersToCorrect')}
        </p>
      )}

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
