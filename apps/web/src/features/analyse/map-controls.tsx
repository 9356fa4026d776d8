import { ageBandSchema, relationSchema, type WorkshopSession } from '@nabolag/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ANALYSIS_MODES,
  type AnalysisView,
  CELL_SIZE_CHOICES,
  COMPARE_DIMENSIONS,
  type CompareDimension,
} from './analysis-view.ts';
import { type AnalysisLabels, sessionLabel } from './labels.ts';

/** The values side A and B of a comparison can take for a dimension, with their labels. */
export function compareValues(
  by: CompareDimension,
  categories: readonly string[],
  sessions: readonly WorkshopSession[],
  labels: AnalysisLabels,
): Array<{ value: string; label: string }> {
  switch (by) {
    case 'relation':
      return relationSchema.options.map((value) => ({ value, label: labels.relation(value) }));
    case 'ageBand':
      return ageBandSchema.options.map((value) => ({ value, label: labels.ageBand(value) }));
    case 'session':
      return sessions.map((session) => ({
        value: session.code,
        label: sessionLabel(session.code, sessions),
      }));
    case 'group':
      return [...new Set(sessions.flatMap((session) => session.groups))]
        .sort()
        .map((value) => ({ value, label: value }));
    case 'category':
      return categories.map((value) => ({ value, label: labels.category(value) }));
  }
}

export interface MapControlsProps {
  view: AnalysisView;
  onChange: (change: Partial<AnalysisView>) => void;
  categories: readonly string[];
  sessions: readonly WorkshopSession[];
  labels: AnalysisLabels;
  pins: boolean;
  onPins: (on: boolean) => void;
}

/** What the map shows (mode), the hexagon size, and the settings of the chosen mode. */
export function MapControls({
  view,
  onChange,
  categories,
  sessions,
  labels,
  pins,
  onPins,
}: MapControlsProps) {
  const { t } = useTranslation();
  const id = useId();
  const values = compareValues(view.compare.by, categories, sessions, labels);
  const side = (name: 'a' | 'b') => (
    <label className="analysis-control">
      <span>{name === 'a' ? t('staff.analysis.compare.sideA') : t('staff.analysis.compare.sideB')}</span>
      <select
        value={view.compare[name] ?? ''}
        data-testid={`compare-${name}`}
        onChange={(event) =>
          onChange({ compare: { ...view.compare, [name]: event.target.value || null }, at: null })
        }
      >
        <option value="">{t('staff.analysis.compare.choose')}</option>
        {values.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="analysis-controls no-print">
      <fieldset className="analysis-modes">
        <legend>{t('staff.analysis.modes.label')}</legend>
        {ANALYSIS_MODES.map((mode) => (
          <label key={mode} className="analysis-modes__option">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode}
              checked={view.mode === mode}
              data-testid={`mode-${mode}`}
              onChange={() => onChange({ mode })}
            />
            <span>{t(`staff.analysis.modes.${mode}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="analysis-controls__row">
        {view.mode !== 'density' && (
          <label className="analysis-control">
            <span>{t('staff.analysis.cellSize')}</span>
            <select
              value={view.cell}
              data-testid="cell-size"
              onChange={(event) => onChange({ cell: Number(event.target.value), at: null })}
            >
              {[...new Set([...CELL_SIZE_CHOICES, view.cell])]
                .sort((x, y) => x - y)
                .map((size) => (
                  <option key={size} value={size}>
                    {t('staff.analysis.metres', { count: size })}
                  </option>
                ))}
            </select>
          </label>
        )}
        {view.mode === 'hot-spots' && (
          <label className="analysis-control">
            <span>{t('staff.analysis.rings')}</span>
            <select value={view.rings} onChange={(event) => onChange({ rings: Number(event.target.value) })}>
              {[1, 2, 3, 4, 5].map((rings) => (
                <option key={rings} value={rings}>
                  {t('staff.analysis.ringsValue', { count: rings })}
                </option>
              ))}
            </select>
          </label>
        )}
        {view.mode === 'compare' && (
          <>
            <label className="analysis-control">
              <span>{t('staff.analysis.compare.by')}</span>
              <select
                value={view.compare.by}
                data-testid="compare-by"
                onChange={(event) =>
                  onChange({
                    compare: { by: event.target.value as CompareDimension, a: null, b: null },
                    at: null,
                  })
                }
              >
                {COMPARE_DIMENSIONS.map((dimension) => (
                  <option key={dimension} value={dimension}>
                    {t(`staff.analysis.filters.${dimension}`)}
                  </option>
                ))}
              </select>
            </label>
            {side('a')}
            {side('b')}
          </>
        )}
        {view.mode === 'heatmap' && (
          <label className="analysis-check">
            <input
              type="checkbox"
              checked={view.suppress}
              data-testid="suppress"
              onChange={(event) => onChange({ suppress: event.target.checked })}
            />
            {t('staff.analysis.suppress')}
          </label>
        )}
        <label className="analysis-check">
          <input
            type="checkbox"
            checked={pins}
            data-testid="story-pins"
            onChange={(event) => onPins(event.target.checked)}
          />
          {t('staff.analysis.storyPins')}
        </label>
      </div>
      <p className="analysis-controls__hint">{t(`staff.analysis.modeHints.${view.mode}`)}</p>
    </div>
  );
}
