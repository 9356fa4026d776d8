import { EXPORT_CRS, EXPORT_FORMATS, type ExportLayout } from '@nabolag/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportChoice } from '../../../api/export-download.ts';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { crsAllowed } from './export-progress.ts';

interface ExportChoicesProps {
  choice: ExportChoice;
  /** The project's languages: category labels in the file come in one of them. */
  languages: readonly string[];
  disabled: boolean;
  onChange: (changes: Partial<ExportChoice>) => void;
}

const LAYOUTS: readonly ExportLayout[] = ['per-category', 'single'];

/** Format, layout, language and coordinate system of an export, as radio groups and a select. */
export function ExportChoices({ choice, languages, disabled, onChange }: ExportChoicesProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="export-choices" disabled={disabled}>
      <legend className="visually-hidden">{t('staff.export.choicesHeading')}</legend>
      <fieldset className="field">
        <legend>{t('staff.export.format')}</legend>
        {EXPORT_FORMATS.map((format) => (
          <label key={format} className="radio">
            <input
              type="radio"
              name="export-format"
              value={format}
              checked={choice.format === format}
              // KML is always WGS 84: choosing it moves the coordinate system there.
              onChange={() => onChange(format === 'kml' ? { format, crs: 4326 } : { format })}
              data-testid={`export-format-${format}`}
            />
            <span>
              <strong>{t(`staff.export.formats.${format}`)}</strong>
              <span className="radio__hint">{t(`staff.export.formatHints.${format}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className="field">
        <legend>{t('staff.export.layout')}</legend>
        {LAYOUTS.map((layout) => (
          <label key={layout} className="radio">
            <input
              type="radio"
              name="export-layout"
              value={layout}
              checked={choice.layout === layout}
              onChange={() => onChange({ layout })}
              data-testid={`export-layout-${layout}`}
            />
            <span>
              <strong>{t(`staff.export.layouts.${layout}`)}</strong>
              <span className="radio__hint">{t(`staff.export.layoutHints.${layout}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('staff.export.language')}</label>
        <p id={`${id}-lang-hint`} className="field__hint">
          {t('staff.export.languageHint')}
        </p>
        <select
          id={`${id}-lang`}
          aria-describedby={`${id}-lang-hint`}
          value={choice.lang}
          onChange={(event) => onChange({ lang: event.target.value })}
          data-testid="export-language"
        >
          {languages.map((language) => (
            <option key={language} value={language}>
              {nativeLanguageName(language)}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="field" aria-describedby={choice.format === 'kml' ? `${id}-kml` : undefined}>
        <legend>{t('staff.export.crs')}</legend>
        {choice.format === 'kml' && (
          <p id={`${id}-kml`} className="field__hint" data-testid="export-kml-crs">
            {t('staff.export.kmlCrs')}
          </p>
        )}
        {EXPORT_CRS.map((crs) => (
          <label key={crs} className="radio">
            <input
              type="radio"
              name="export-crs"
              value={crs}
              checked={choice.crs === crs}
              disabled={!crsAllowed(choice.format, crs)}
              onChange={() => onChange({ crs })}
              data-testid={`export-crs-${crs}`}
            />
            <span>
              <strong>{t(`staff.export.crsNames.${crs}`)}</strong>
              <span className="radio__hint">{t(`staff.export.crsHints.${crs}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
