import { type Category, pickText, SCALE_MAX, SCALE_MIN } from '@nabolag/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  chosenOptions,
  chosenRange,
  type FilterableQuestion,
  filterableQuestions,
  withOptions,
  withRange,
} from './answer-filters.ts';

export interface AnswerFilterMenuProps {
  /** The project's categories, with their follow-up questions. */
  categories: readonly Category[];
  /** The categories chosen in the filter bar (none: all). */
  chosenCategories: readonly string[];
  filters: readonly string[];
  onChange: (filters: string[]) => void;
}

/**
 * "Answers": filters on the follow-up answers of the chosen categories' questions — options to
 * tick for a choice, a from–to range for a scale or a number. A disclosure like the other
 * filters; each question is a fieldset named by the question, so a screen reader hears which
 * question an option belongs to. Shown only when the project asks such questions.
 */
export function AnswerFilterMenu({ categories, chosenCategories, filters, onChange }: AnswerFilterMenuProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  if (filterableQuestions(categories, []).length === 0) return null;
  const questions = filterableQuestions(categories, chosenCategories);
  const summary =
    filters.length === 0
      ? t('staff.analysis.filters.all')
      : t('staff.analysis.filters.chosen', { count: filters.length });
  const label = (text: Parameters<typeof pickText>[0], fallback: string) =>
    pickText(text, i18n.language) || fallback;

  return (
    <details className="filter-menu" data-testid="filter-answer">
      <summary>
        <span className="filter-menu__title">{t('staff.analysis.filters.answer')}:</span>{' '}
        <span>{summary}</span>
      </summary>
      <div className="filter-menu__options answer-filter">
        {questions.length === 0 && (
          <p className="answer-filter__none">{t('staff.analysis.filters.answerNone')}</p>
        )}
        {questions.map((question, index) => (
          <fieldset
            key={question.key}
            className="answer-filter__question"
            data-testid={`answer-${question.key}`}
          >
            <legend>{label(question.labels, question.key)}</legend>
            {question.type === 'single' || question.type === 'multiple' ? (
              question.options.map((option) => {
                const chosen = chosenOptions(filters, question.key);
                return (
                  <label key={option.key} className="filter-menu__option">
                    <input
                      type="checkbox"
                      value={option.key}
                      checked={chosen.includes(option.key)}
                      onChange={(event) =>
                        onChange(
                          withOptions(
                            filters,
                            question.key,
                            event.target.checked
                              ? [...chosen, option.key]
                              : chosen.filter((key) => key !== option.key),
                          ),
                        )
                      }
                    />
                    {label(option.labels, option.key)}
                  </label>
                );
              })
            ) : (
              <RangeInputs
                idPrefix={`${id}-${index}`}
                question={question}
                filters={filters}
                onChange={onChange}
              />
            )}
          </fieldset>
        ))}
      </div>
    </details>
  );
}

/** From–to for a scale (two lists, 1–5) or a number (two fields, set when left or on Enter). */
function RangeInputs({
  idPrefix,
  question,
  filters,
  onChange,
}: {
  idPrefix: string;
  question: Extract<FilterableQuestion, { type: 'scale' | 'number' }>;
  filters: readonly string[];
  onChange: (filters: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const range = chosenRange(filters, question.key);
  const set = (end: 'min' | 'max', value: number | null) =>
    onChange(
      withRange(filters, question.key, end === 'min' ? value : range.min, end === 'max' ? value : range.max),
    );
  const ends = [
    ['min', t('staff.analysis.filters.answerFrom')],
    ['max', t('staff.analysis.filters.answerTo')],
  ] as const;

  if (question.type === 'scale') {
    const point = (value: number) => {
      const words =
        value === SCALE_MIN ? question.minLabels : value === SCALE_MAX ? question.maxLabels : undefined;
      const text = words ? pickText(words, i18n.language) : '';
      return text ? `${value} – ${text}` : String(value);
    };
    const values = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, index) => SCALE_MIN + index);
    return (
      <div className="answer-filter__range">
        {ends.map(([end, title]) => (
          <label key={end} className="analysis-control" htmlFor={`${idPrefix}-${end}`}>
            <span>{title}</span>
            <select
              id={`${idPrefix}-${end}`}
              value={range[end] ?? ''}
              onChange={(event) => set(end, event.target.value === '' ? null : Number(event.target.value))}
            >
              <option value="">{t('staff.analysis.filters.answerAny')}</option>
              {values.map((value) => (
                <option key={value} value={value}>
                  {point(value)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    );
  }

  const unit = question.unit ? pickText(question.unit, i18n.language) : '';
  const commit = (end: 'min' | 'max', text: string) => {
    const value = text.trim() === '' ? null : Number(text);
    if (value !== null && !Number.isFinite(value)) return;
    if (value !== range[end]) set(end, value);
  };
  return (
    <div className="answer-filter__range">
      {ends.map(([end, title]) => (
        <label key={`${end}-${range[end] ?? ''}`} className="analysis-control" htmlFor={`${idPrefix}-${end}`}>
          <span>
            {title}
            {unit ? ` (${unit})` : ''}
          </span>
          <input
            id={`${idPrefix}-${end}`}
            type="number"
            inputMode="decimal"
            min={question.min}
            max={question.max}
            step={question.integer ? 1 : 'any'}
            defaultValue={range[end] ?? ''}
            placeholder={t('staff.analysis.filters.answerAny')}
            onBlur={(event) => commit(end, event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commit(end, event.currentTarget.value);
            }}
          />
        </label>
      ))}
    </div>
  );
}
