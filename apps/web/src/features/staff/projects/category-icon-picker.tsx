import { CATEGORY_ICON_NAMES, isCategoryIconName } from '@nabolag/schema/plain';
import { useTranslation } from 'react-i18next';
import { CategoryIcon } from '../../../lib/category-icon.tsx';
import { FieldErrorText, fieldDomId } from '../common/fields.tsx';
import type { FieldError } from './project-validation.ts';
import './category-icon-picker.css';

interface CategoryIconPickerProps {
  /** The form field's path, for its id and its error (`categories.2.icon`). */
  field: string;
  /** The category's `icon`: a name of the set, an emoji of an older project, or nothing. */
  value: string | undefined;
  colour: string;
  error: FieldError | undefined;
  onChange: (icon: string | undefined) => void;
}

/**
 * The category's symbol, chosen from the icons residents see (lib/category-icon.tsx) on the
 * category's colour, as a group of radio buttons: arrow keys move between them. An emoji an
 * older project saved stays offered until another choice replaces it.
 */
export function CategoryIconPicker({ field, value, colour, error, onChange }: CategoryIconPickerProps) {
  const { t } = useTranslation();
  const id = fieldDomId(field);
  const legacy = value && !isCategoryIconName(value) ? value : null;
  const options: Array<{ icon: string | undefined; name: string }> = [
    { icon: undefined, name: t('staff.categories.iconNone') },
    ...(legacy ? [{ icon: legacy, name: t('staff.categories.iconKept', { icon: legacy }) }] : []),
    ...CATEGORY_ICON_NAMES.map((name) => ({ icon: name, name: t(`staff.categories.iconNames.${name}`) })),
  ];
  return (
    <fieldset
      className={error ? 'field icon-picker has-error' : 'field icon-picker'}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
      data-testid={`${field.replaceAll('.', '-')}-picker`}
    >
      <legend>{t('staff.categories.icon')}</legend>
      <div className="icon-picker__options">
        {options.map((option) => (
          <label key={option.icon ?? 'none'} className="icon-picker__option" title={option.name}>
            <input
              type="radio"
              name={`${id}-icon`}
              value={option.icon ?? ''}
              checked={(value || undefined) === option.icon}
              data-testid={`icon-option-${option.icon ?? 'none'}`}
              onChange={() => onChange(option.icon)}
            />
            <CategoryIcon icon={option.icon} colour={colour} size="large" />
            <span className="visually-hidden">{option.name}</span>
          </label>
        ))}
      </div>
      <FieldErrorText id={`${id}-error`} error={error} />
    </fieldset>
  );
}
