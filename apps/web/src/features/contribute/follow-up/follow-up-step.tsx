import type { AnswerProblem, Category } from '@nabolag/schema';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectText } from '../../../i18n/project-text-scope.tsx';
import type { Announcement } from '../drawing-announcements.ts';
import { answerProblems, type RawAnswers, shownQuestionsFor } from './follow-up-answers.ts';
import { FollowUpField } from './follow-up-field.tsx';
import './follow-up.css';

interface FollowUpStepProps {
  category: Category;
  answers: RawAnswers;
  onAnswer: (question: string, value: string | readonly string[]) => void;
  /** After a send was tried: show what to correct. */
  showProblems: boolean;
  disabled: boolean;
  /** Says in the form's live region that a question appeared or went away. */
  announce: (announcement: Announcement) => void;
}

/**
 * The category's follow-up questions, asked right after the place is marked. A question that
 * waits for an earlier answer appears (or goes away) as that answer changes; the change is
 * announced politely, so a screen-reader user knows the form below them changed.
 */
export function FollowUpStep({
  category,
  answers,
  onAnswer,
  showProblems,
  disabled,
  announce,
}: FollowUpStepProps) {
  const { t } = useTranslation();
  const questions = category.questions ?? [];
  const shown = useMemo(() => shownQuestionsFor(questions, answers), [questions, answers]);
  const problems: Record<string, AnswerProblem> = showProblems ? answerProblems(questions, answers) : {};

  const shownKeys = shown.map((question) => question.key).join(' ');
  const previous = useRef<string | null>(null);
  const { text: labelOf } = useProjectText();
  useEffect(() => {
    const before = previous.current;
    previous.current = shownKeys;
    if (before === null || before === shownKeys) return;
    const earlier = new Set(before.split(' '));
    const now = new Set(shownKeys.split(' '));
    const added = questions.filter((question) => now.has(question.key) && !earlier.has(question.key));
    const removed = questions.filter((question) => earlier.has(question.key) && !now.has(question.key));
    const names = (list: typeof questions) => list.map((question) => labelOf(question.labels)).join('; ');
    if (added.length > 0)
      announce({ tone: 'info', key: 'followUp.questionAdded', values: { question: names(added) } });
    else if (removed.length > 0)
      announce({ tone: 'info', key: 'followUp.questionRemoved', values: { question: names(removed) } });
  }, [shownKeys, questions, announce, labelOf]);

  if (questions.length === 0) return null;
  return (
    <section
      className="contribute__step follow-up"
      aria-labelledby="step-questions-heading"
      data-testid="follow-up"
    >
      <h3 id="step-questions-heading" className="step-heading">
        {t('followUp.heading')}
      </h3>
      <p className="field__hint">
        {questions.some((question) => question.required) ? t('followUp.introRequired') : t('followUp.intro')}
      </p>
      {shown.map((question) => (
        <FollowUpField
          key={question.key}
          question={question}
          value={answers[question.key]}
          onChange={(value) => onAnswer(question.key, value)}
          problem={problems[question.key]}
          disabled={disabled}
        />
      ))}
    </section>
  );
}
