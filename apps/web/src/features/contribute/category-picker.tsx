import type { Category } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { CategoryIcon } from '../../lib/category-icon.tsx';

interface CategoryPickerProps {
  categories: readonly Category[];
  selected: string | null;
  onChoose: (key: string) => void;
}

/** The method's categories as toggle buttons, each with its icon, label and map colour. */
export function CategoryPicker({ categories, selected, onChoose }: CategoryPickerProps) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="category-picker">
      {/* The step's heading says it on screen; the group keeps its name for screen readers. */}
      <legend className="visually-hidden">{t('contribute.flow.steps.category')}</legend>
      <ul className="category-picker__list">
        {categories.map((category) => {
          // Labels are the project's own; one missing in the reader's language is shown in
          // another, marked with its language (and direction) for screen readers.
          const label = textInLanguage(category.labels, i18n.language);
          return (
            <li key={category.key}>
              <button
                type="button"
                className="category-button"
                data-testid={`category-${category.key}`}
                aria-pressed={category.key === selected}
                onClick={() => onChoose(category.key)}
              >
                <CategoryIcon icon={category.icon} colour={category.colour} size="large" />
                <span
                  className="category-button__label"
                  lang={langIfDifferent(label, i18n.language)}
                  dir="auto"
                >
                  {label.text}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
