import type { AnswerProblem, FollowUpQuestion } from '@nabolag/schema';
import { SCALE_MAX, SCALE_MIN } from '@nabolag/schema/plain';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectText } from '../../../i18n/project-text-scope.tsx';

interface FollowUpFieldProps {
  question: FollowUpQuestion;
  value: string | readonly string[] | undefined;
  onChange: (value: string | readonly string[]) => void;
  /** Shown once the resident tried to send. */
  problem: AnswerProblem | undefined;
  disabled: boolean;
}

/** The id of a question's first control, to move focus to the first answer to correct. */
export const followUpControlId = (key: string) => `follow-up-${key}`;

const SCALE = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, index) => String(SCALE_MIN + index));

/** The sentence for a problem with one answer, in the reader's language. */
function problemText(
  question: FollowUpQuestion,
  problem: AnswerProblem,
): { key: ParseKeys; values?: Record<string, string | number> } {
  if (problem === 'required') return { key: 'followUp.problemRequired' };
  switch (question.type) {
    case 'number':
      return {
        key: question.integer ? 'followUp.problemWholeNumber' : 'followUp.problemNumber',
        values: { min: question.min, max: question.max },
      };
    case 'text':
      return { key: 'followUp.problemTooLong', values: { max: question.maxLength } };
    case 'multiple':
      return question.maxChoices !== undefined
        ? { key: 'followUp.problemTooMany', values: { max: question.maxChoices } }
        : { key: 'followUp.problemInvalid' };
    default:
      return { key: 'followUp.problemInvalid' };
  }
}

/**
 * One follow-up question: a radio group (single choice, the 1–5 scale), a checkbox group
 * (multiple choice), a number field with its bounds, or a short text field. A required question
 * says so in its label and its controls carry `required`; a problem is tied to the controls with
 * aria-describedby, so it is read when focus lands there.
 */
export function FollowUpField({ question, value, onChange, problem, disabled }: FollowUpFieldProps) {
  const { t } = useTranslation();
  const { pick, lang } = useProjectText();
  const id = followUpControlId(question.key);
  const label = pick(question.labels);
  const help = pick(question.help);
  const helpId = help.text ? `${id}-help` : undefined;
  const problemId = problem ? `${id}-problem` : undefined;
  const text = typeof value === 'string' ? value : '';
  const chosen: readonly string[] = Array.isArray(value) ? value : [];

  const title = (
    <>
      <span lang={lang(label)} dir="auto">
        {label.text}
      </span>
      {question.required && <span className="follow-up__required"> ({t('followUp.required')})</span>}
    </>
  );
  const helpText = help.text ? (
    <p id={helpId} className="field__hint" lang={lang(help)} dir="auto">
      {help.text}
    </p>
  ) : null;
  const problemLine = problem ? (
    <p id={problemId} className="field__error" data-testid={`follow-up-problem-${question.key}`}>
      {(() => {
        const sentence = problemText(question, problem);
        return sentence.values ? t(sentence.key, sentence.values) : t(sentence.key);
      })()}
    </p>
  ) : null;

  if (question.type === 'single' || question.type === 'multiple' || question.type === 'scale') {
    const multiple = question.type === 'multiple';
    const scaleHintId = question.type === 'scale' ? `${id}-ends` : undefined;
    const describedBy = [helpId, scaleHintId, problemId].filter(Boolean).join(' ') || undefined;
    const choices: Array<{ key: string; label: ReactNode }> =
      question.type === 'scale'
        ? SCALE.map((number) => ({ key: number, label: number }))
        : question.options.map((option) => {
            const optionLabel = pick(option.labels);
            return {
              key: option.key,
              label: (
                <span lang={lang(optionLabel)} dir="auto">
                  {optionLabel.text}
                </span>
              ),
            };
          });
    const minLabel = question.type === 'scale' ? pick(question.minLabels).text : '';
    const maxLabel = question.type === 'scale' ? pick(question.maxLabels).text : '';
    return (
      <fieldset
        className={`follow-up__question follow-up__question--${question.type}`}
        data-testid={`follow-up-${question.key}`}
        aria-describedby={describedBy}
        disabled={disabled}
      >
        <legend className="field__label">{title}</legend>
        {helpText}
        {question.type === 'scale' && (
          <p id={scaleHintId} className="field__hint">
            {t('followUp.scaleEnds', {
              min: SCALE_MIN,
              max: SCALE_MAX,
              minLabel: minLabel || t('followUp.scaleLow'),
              maxLabel: maxLabel || t('followUp.scaleHigh'),
            })}
          </p>
        )}
        <div className="follow-up__choices">
          {choices.map((choice, index) => (
            <label key={choice.key} className="follow-up__choice">
              <input
                id={index === 0 ? id : undefined}
                type={multiple ? 'checkbox' : 'radio'}
                name={id}
                value={choice.key}
                data-testid={`follow-up-${question.key}-${choice.key}`}
                checked={multiple ? chosen.includes(choice.key) : text === choice.key}
                required={!multiple && question.required}
                aria-invalid={problem ? true : undefined}
                onChange={(event) => {
                  if (!multiple) onChange(choice.key);
                  else if (event.target.checked)
                    onChange([...chosen.filter((key) => key !== choice.key), choice.key]);
                  else onChange(chosen.filter((key) => key !== choice.key));
                }}
              />
              {choice.label}
            </label>
          ))}
        </div>
        {!multiple && !question.required && text !== '' && (
          <button
            type="button"
            className="button button--quiet follow-up__clear"
            data-testid={`follow-up-${question.key}-clear`}
            onClick={() => onChange('')}
          >
            {t('followUp.clear')}
          </button>
        )}
        {problemLine}
      </fieldset>
    );
  }

  const number = question.type === 'number';
  const boundsId = number ? `${id}-bounds` : undefined;
  const unit = number ? pick(question.unit).text : '';
  const describedBy = [helpId, boundsId, problemId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field follow-up__question" data-testid={`follow-up-${question.key}`}>
      <label htmlFor={id} className="field__label">
        {title}
      </label>
      {helpText}
      {number && (
        <p id={boundsId} className="field__hint">
          {t(unit ? 'followUp.numberBoundsUnit' : 'followUp.numberBounds', {
            min: question.min,
            max: question.max,
            unit,
          })}
        </p>
      )}
      <input
        id={id}
        className={number ? 'field__input field__input--short' : 'field__input'}
        data-testid={`follow-up-${question.key}-input`}
        type="text"
        inputMode={number ? (question.integer && question.min >= 0 ? 'numeric' : 'decimal') : undefined}
        autoComplete="off"
        dir="auto"
        maxLength={question.type === 'text' ? question.maxLength : 24}
        value={text}
        disabled={disabled}
        required={question.required}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {problemLine}
    </div>
  );
}
