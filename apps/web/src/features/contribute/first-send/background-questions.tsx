import type { AgeBand, BackgroundQuestion, Relation } from '@nabolag/schema';
import type { ParseKeys } from 'i18next';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, type BackgroundAnswers, MAX_YEARS_IN_AREA, RELATIONS } from './first-send.ts';
import './first-send.css';

const AGE_BAND_KEYS: Record<AgeBand, ParseKeys> = {
  'under-13': 'background.ageBands.under-13',
  '13-17': 'background.ageBands.13-17',
  '18-29': 'background.ageBands.18-29',
  '30-44': 'background.ageBands.30-44',
  '45-66': 'background.ageBands.45-66',
  '67-79': 'background.ageBands.67-79',
  '80-plus': 'background.ageBands.80-plus',
};

const RELATION_KEYS: Record<Relation, ParseKeys> = {
  lives: 'background.relations.lives',
  'works-studies': 'background.relations.works-studies',
  'grew-up': 'background.relations.grew-up',
  visitor: 'background.relations.visitor',
};

interface BackgroundQuestionsProps {
  legend: ReactNode;
  answers: BackgroundAnswers;
  onChange: (answers: BackgroundAnswers) => void;
  /** The years answer is not a whole number from 0 to 120. */
  yearsProblem: boolean;
  disabled?: boolean;
  /** The questions the project asks (project admin chooses); the others are not shown. */
  asked: readonly BackgroundQuestion[];
}

/**
 * The three optional background questions: age band, relation to the area (several may fit)
 * and years in the area. Every one can be left unanswered.
 */
export function BackgroundQuestions({
  legend,
  answers,
  onChange,
  yearsProblem,
  disabled = false,
  asked,
}: BackgroundQuestionsProps) {
  const { t } = useTranslation();
  const id = useId();

  const toggleRelation = (relation: Relation, checked: boolean) =>
    onChange({
      ...answers,
      relation: checked
        ? [...answers.relation.filter((existing) => existing !== relation), relation]
        : answers.relation.filter((existing) => existing !== relation),
    });

  return (
    <fieldset className="background-questions" data-testid="background-questions" disabled={disabled}>
      <legend className="step-heading">{legend}</legend>
      <p className="field__hint">{t('background.why')}</p>

      {asked.includes('ageBand') && (
        <div className="field">
          <label htmlFor={`${id}-age`} className="field__label">
            {t('background.ageLabel')}
          </label>
          <select
            id={`${id}-age`}
            className="field__select"
            data-testid="background-age"
            value={answers.ageBand}
            onChange={(event) =>
              onChange({ ...answers, ageBand: (event.target.value || '') as BackgroundAnswers['ageBand'] })
            }
          >
            <option value="">{t('background.noAnswer')}</option>
            {AGE_BANDS.map((band) => (
              <option key={band} value={band}>
                {t(AGE_BAND_KEYS[band])}
              </option>
            ))}
          </select>
        </div>
      )}

      {asked.includes('relation') && (
        <fieldset className="field background-questions__relations">
          <legend className="field__label">{t('background.relationLabel')}</legend>
          <p className="field__hint">{t('background.relationHint')}</p>
          {RELATIONS.map((relation) => (
            <label key={relation} className="checkbox">
              <input
                type="checkbox"
                data-testid={`background-relation-${relation}`}
                checked={answers.relation.includes(relation)}
                onChange={(event) => toggleRelation(relation, event.target.checked)}
              />
              <span>{t(RELATION_KEYS[relation])}</span>
            </label>
          ))}
        </fieldset>
      )}

      {asked.includes('yearsInArea') && (
        <div className="field">
          <label htmlFor={`${id}-years`} className="field__label">
            {t('background.yearsLabel')}
          </label>
          <p id={`${id}-years-hint`} className="field__hint">
            {t('background.yearsHint')}
          </p>
          <input
            id={`${id}-years`}
            className="field__input field__input--short"
            data-testid="background-years"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={3}
            value={answers.yearsInArea}
            aria-invalid={yearsProblem || undefined}
            aria-describedby={yearsProblem ? `${id}-years-hint ${id}-years-problem` : `${id}-years-hint`}
            onChange={(event) => onChange({ ...answers, yearsInArea: event.target.value })}
          />
          {yearsProblem && (
            <p id={`${id}-years-problem`} className="field__error" role="alert">
              {t('background.yearsProblem', { max: MAX_YEARS_IN_AREA })}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
