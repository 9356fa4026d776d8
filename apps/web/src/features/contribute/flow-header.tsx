import type { Category } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { type FlowStep, type FlowView, hasRequiredQuestions } from './flow-steps.ts';

/** Whether a step may be left empty: the story and photo always, the questions unless one is required. */
export function isOptionalStep(view: FlowView, category: Category | undefined): boolean {
  return view === 'story' || (view === 'questions' && !hasRequiredQuestions(category));
}

/** A quiet ✕ in a step's header: its name says what it closes (cancel the draft, close a place). */
export function CloseButton({
  label,
  testId,
  onClick,
}: {
  label: string;
  testId: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="button button--quiet panel-header__close"
      data-testid={testId}
      data-no-drag
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2.2" fill="none" />
      </svg>
    </button>
  );
}

/**
 * "Step 2 of 4" in words, and the steps as a list for screen readers (the current one marked
 * with `aria-current="step"`, done ones said to be done), drawn as a row of bars.
 */
export function StepProgress({
  steps,
  view,
  number,
  total,
}: {
  steps: readonly FlowStep[];
  view: FlowView;
  number: number;
  total: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="step-progress" data-testid="step-progress" data-step={number} data-steps={total}>
      <p className="step-progress__text">{t('contribute.flow.progress', { number, total })}</p>
      <ol className="step-progress__list" aria-label={t('contribute.flow.progressLabel')}>
        {steps.map((step, index) => (
          <li
            key={step}
            className={index + 1 < number ? 'is-done' : step === view ? 'is-current' : undefined}
            aria-current={step === view ? 'step' : undefined}
          >
            <span className="visually-hidden">
              {t(`contribute.flow.steps.${step}`)}
              {index + 1 < number && ` (${t('contribute.flow.done')})`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
