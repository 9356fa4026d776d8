import { colourSchema } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { ACCENT_TEXT_COLOUR, contrastRatio, MIN_TEXT_CONTRAST } from '../../../lib/contrast.ts';
import { OrganisationBrand } from '../../projects/organisation-brand.tsx';
import { FieldErrorText, fieldDomId } from '../common/fields.tsx';
import type { FieldError } from '../projects/project-validation.ts';
import { colourOf } from './organisation-form.ts';

/** A colour as `#rrggbb` text (empty for none) with a colour picker beside it. */
export function ColourField({
  field,
  label,
  value,
  error,
  onChange,
}: {
  field: string;
  label: string;
  value: string;
  error: FieldError | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = fieldDomId(field);
  const colour = colourOf(value);
  const valid = colour !== null && colourSchema.safeParse(colour).success;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t('staff.organisations.colourHint')}
      </p>
      <div className="colour-field">
        <input
          id={id}
          value={value}
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          placeholder="#1d4f91"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`colour-${field}`}
        />
        <input
          type="color"
          className="colour-field__picker"
          aria-label={t('staff.organisations.pickColour', { label })}
          value={valid && colour ? colour : '#ffffff'}
          onChange={(event) => onChange(event.target.value)}
        />
        {value !== '' && (
          <button type="button" className="button button--small" onClick={() => onChange('')}>
            {t('staff.organisations.noColour')}
          </button>
        )}
      </div>
      <FieldErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

/**
 * How the resident pages' header will look with these colours, live, and the contrast of white
 * text on the primary colour: under 4.5:1 (WCAG 2.1 AA) residents see the default colours instead.
 */
export function BrandPreview({
  name,
  logoUrl,
  primaryColour,
}: {
  name: string;
  logoUrl: string | null;
  primaryColour: string;
}) {
  const { t, i18n } = useTranslation();
  const colour = colourOf(primaryColour);
  const valid = colour !== null && colourSchema.safeParse(colour).success;
  const ratio = valid && colour ? contrastRatio(colour, ACCENT_TEXT_COLOUR) : null;
  const ratioText =
    ratio === null
      ? ''
      : `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(ratio)}:1`;
  return (
    <div className="brand-preview" data-testid="brand-preview">
      <p className="brand-preview__label">{t('staff.organisations.preview')}</p>
      <OrganisationBrand
        brand={{ name: name.trim() || '…', logoUrl, primaryColour: valid ? colour : null }}
      />
      {ratio !== null && ratio >= MIN_TEXT_CONTRAST && (
        <p className="field__hint" data-testid="contrast-ok">
          {t('staff.organisations.contrastOk', { ratio: ratioText })}
        </p>
      )}
      {ratio !== null && ratio < MIN_TEXT_CONTRAST && (
        <p className="notice notice--error" data-testid="contrast-warning">
          {t('staff.organisations.contrastLow', { ratio: ratioText })}
        </p>
      )}
    </div>
  );
}
