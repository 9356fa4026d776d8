import { ageBandSchema, type Category, relationSchema, type WorkshopSession } from '@nabolag/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnalysisFilters, activeFilterCount, emptyFilters, parseDay } from './analysis-view.ts';
import { AnswerFilterMenu } from './answer-filter-menu.tsx';
import { type AnalysisLabels, sessionLabel } from './labels.ts';

type ListKey = 'category' | 'relation' | 'ageBand' | 'session' | 'group';

export interface FilterBarProps {
  filters: AnalysisFilters;
  onChange: (filters: AnalysisFilters) => void;
  categories: readonly string[];
  /** The project's categories with their follow-up questions, for the answer filters. */
  questionCategories: readonly Category[];
  sessions: readonly WorkshopSession[];
  labels: AnalysisLabels;
}

/**
 * The one filter bar of the analysis pages: map, stories and charts all read the same filters
 * (kept in the address). Each list is a disclosure of checkboxes, so it works with a keyboard,
 * a screen reader and a finger alike; nothing ticked means "all".
 */
export function FilterBar({
  filters,
  onChange,
  categories,
  questionCategories,
  sessions,
  labels,
}: FilterBarProps) {
  const { t } = useTranslation();
  const id = useId();
  const groups = [...new Set(sessions.flatMap((session) => session.groups))].sort();
  const active = activeFilterCount(filters);

  const toggle = (key: ListKey, value: string, on: boolean) => {
    const current = filters[key] as string[];
    const next = on ? [...current, value] : current.filter((item) => item !== value);
    onChange({ ...filters, [key]: next });
  };
  const menu = (key: ListKey, values: readonly string[], label: (value: string) => string) => (
    <FilterMenu
      key={key}
      name={key}
      title={t(`staff.analysis.filters.${key}`)}
      values={values}
      chosen={filters[key]}
      label={label}
      onToggle={(value, on) => toggle(key, value, on)}
    />
  );

  return (
    <section className="analysis-filters no-print" aria-labelledby={`${id}-heading`} data-testid="filter-bar">
      <h2 id={`${id}-heading`} className="analysis-filters__heading">
        {t('staff.analysis.filters.heading')}
        {active > 0 && (
          <span className="badge" data-testid="active-filters">
            {t('staff.analysis.filters.active', { count: active })}
          </span>
        )}
      </h2>
      <div className="analysis-filters__row">
        {menu('category', categories, labels.category)}
        {menu('relation', relationSchema.options, labels.relation)}
        {menu('ageBand', ageBandSchema.options, labels.ageBand)}
        {sessions.length > 0 &&
          menu(
            'session',
            sessions.map((session) => session.code),
            (code) => sessionLabel(code, sessions),
          )}
        {groups.length > 0 && menu('group', groups, (group) => group)}
        <AnswerFilterMenu
          categories={questionCategories}
          chosenCategories={filters.category}
          filters={filters.answer}
          onChange={(answer) => onChange({ ...filters, answer })}
        />
        <label className="analysis-filters__date">
          <span>{t('staff.analysis.filters.from')}</span>
          <input
            type="date"
            value={filters.from ?? ''}
            max={filters.to ?? undefined}
            data-testid="filter-from"
            onChange={(event) => onChange({ ...filters, from: parseDay(event.target.value) })}
          />
        </label>
        <label className="analysis-filters__date">
          <span>{t('staff.analysis.filters.to')}</span>
          <input
            type="date"
            value={filters.to ?? ''}
            min={filters.from ?? undefined}
            data-testid="filter-to"
            onChange={(event) => onChange({ ...filters, to: parseDay(event.target.value) })}
          />
        </label>
        {active > 0 && (
          <button
            type="button"
            className="button button--small"
            data-testid="clear-filters"
            onClick={() => onChange(emptyFilters())}
          >
            {t('staff.analysis.filters.clear')}
          </button>
        )}
      </div>
    </section>
  );
}

function FilterMenu({
  name,
  title,
  values,
  chosen,
  label,
  onToggle,
}: {
  name: string;
  title: string;
  values: readonly string[];
  chosen: readonly string[];
  label: (value: string) => string;
  onToggle: (value: string, on: boolean) => void;
}) {
  const { t } = useTranslation();
  const summary =
    chosen.length === 0
      ? t('staff.analysis.filters.all')
      : chosen.length === 1
        ? label(chosen[0] as string)
        : t('staff.analysis.filters.chosen', { count: chosen.length });
  return (
    <details className="filter-menu" data-testid={`filter-${name}`}>
      <summary>
        <span className="filter-menu__title">{title}:</span> <span>{summary}</span>
      </summary>
      <fieldset className="filter-menu__options">
        <legend className="visually-hidden">{title}</legend>
        {values.map((value) => (
          <label key={value} className="filter-menu__option">
            <input
              type="checkbox"
              value={value}
              checked={chosen.includes(value)}
              onChange={(event) => onToggle(value, event.target.checked)}
            />
            {label(value)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
