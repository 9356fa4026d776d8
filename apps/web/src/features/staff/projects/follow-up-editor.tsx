import { pickText } from '@nabolag/schema';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../common/dialog.tsx';
import { FieldErrorText, fieldDomId } from '../common/fields.tsx';
import { type EditableQuestion, moved, newQuestion, withoutQuestion } from './follow-up-editing.ts';
import { QuestionEditor } from './follow-up-question-editor.tsx';
import type { FieldErrors } from './project-validation.ts';

interface FollowUpEditorProps {
  /** The category's `uid` in the form (error keys `categories.<uid>.questions.<index>`). */
  categoryUid: string;
  questions: readonly EditableQuestion[];
  languages: string[];
  defaultLanguage: string;
  errors: FieldErrors;
  onChange: (questions: EditableQuestion[]) => void;
}

const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
let uidCounter = 0;
const nextUid = () => {
  uidCounter += 1;
  return `q${uidCounter}`;
};

/**
 * A category's follow-up questions in project admin: add, reorder, remove (after a confirmation),
 * and each question's settings. Saving makes a new version of the questions; answers already
 * given keep the version they answered, so nothing stored is lost.
 */
export function FollowUpEditor({
  categoryUid,
  questions,
  languages,
  defaultLanguage,
  errors,
  onChange,
}: FollowUpEditorProps) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<number | null>(null);
  // Stable React keys for questions while their keys are typed and they are moved.
  const uids = useRef<string[]>([]);
  while (uids.current.length < questions.length) uids.current.push(nextUid());
  uids.current.length = questions.length;
  const field = (index: number) => `categories.${categoryUid}.questions.${index}`;
  const title = (question: EditableQuestion, index: number) =>
    `${index + 1}. ${pickText(question.labels, defaultLanguage) || question.key}`;

  const move = (index: number, by: -1 | 1) => {
    uids.current = moved(uids.current, index, by);
    onChange(moved(questions, index, by));
    const target = index + by;
    const atEnd = target === 0 || target === questions.length - 1;
    const direction = atEnd ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down';
    focusSoon(`${fieldDomId(field(target))}-${direction}`);
  };

  return (
    <section
      className="follow-up-editor"
      aria-labelledby={`${fieldDomId(`categories.${categoryUid}.questions`)}-heading`}
    >
      <h4 id={`${fieldDomId(`categories.${categoryUid}.questions`)}-heading`}>
        {t('staff.followUp.heading')}
      </h4>
      <p className="field__hint">{t('staff.followUp.intro')}</p>
      <FieldErrorText
        id={`${fieldDomId(`categories.${categoryUid}.questions`)}-error`}
        error={errors[`categories.${categoryUid}.questions`]}
      />
      {questions.length > 0 && (
        <ol className="follow-up-editor__list">
          {questions.map((question, index) => (
            <li
              key={uids.current[index]}
              className="follow-up-editor__question"
              data-testid={`question-editor-${index}`}
            >
              <fieldset>
                <legend className="follow-up-editor__legend">{title(question, index)}</legend>
                <FieldErrorText id={`${fieldDomId(field(index))}-error`} error={errors[field(index)]} />
                <QuestionEditor
                  questions={questions}
                  index={index}
                  field={field(index)}
                  languages={languages}
                  defaultLanguage={defaultLanguage}
                  onChange={(changed) =>
                    onChange(questions.map((candidate, at) => (at === index ? changed : candidate)))
                  }
                />
              </fieldset>
              <div className="category-item__actions">
                <button
                  type="button"
                  id={`${fieldDomId(field(index))}-up`}
                  className="button button--small button--icon"
                  onClick={() => move(index, -1)}
                  disabled={index === 0}
                  aria-label={t('staff.followUp.moveUp', { name: title(question, index) })}
                  title={t('staff.followUp.moveUp', { name: title(question, index) })}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  id={`${fieldDomId(field(index))}-down`}
                  className="button button--small button--icon"
                  onClick={() => move(index, 1)}
                  disabled={index === questions.length - 1}
                  aria-label={t('staff.followUp.moveDown', { name: title(question, index) })}
                  title={t('staff.followUp.moveDown', { name: title(question, index) })}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  onClick={() => setRemoving(index)}
                  aria-label={t('staff.followUp.removeNamed', { name: title(question, index) })}
                >
                  {t('staff.followUp.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <button
        type="button"
        className="button"
        id={`${fieldDomId(`categories.${categoryUid}.questions`)}-add`}
        onClick={() => {
          onChange([...questions, newQuestion(questions)]);
          focusSoon(fieldDomId(`${field(questions.length)}.labels.${defaultLanguage}`));
        }}
        disabled={questions.length >= 20}
      >
        {t('staff.followUp.add')}
      </button>
      {removing !== null && questions[removing] && (
        <ConfirmDialog
          title={t('staff.followUp.removeTitle', {
            name: title(questions[removing] as EditableQuestion, removing),
          })}
          text={<p>{t('staff.followUp.removeWarning')}</p>}
          confirmLabel={t('staff.followUp.remove')}
          cancelLabel={t('staff.cancel')}
          danger
          onConfirm={() => {
            const index = removing;
            uids.current = uids.current.filter((_, at) => at !== index);
            onChange(withoutQuestion(questions, index));
            setRemoving(null);
            focusSoon(`${fieldDomId(`categories.${categoryUid}.questions`)}-add`);
          }}
          onCancel={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
