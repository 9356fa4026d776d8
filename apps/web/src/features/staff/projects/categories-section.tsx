import { type ContributionGeometryType, type FollowUpQuestion, pickText } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryIcon } from '../../../lib/category-icon.tsx';
import { ConfirmDialog } from '../common/dialog.tsx';
import { FieldErrorText, fieldDomId, TextAreaField, TextField } from '../common/fields.tsx';
import { languageName } from '../common/format.ts';
import { CategoryIconPicker } from './category-icon-picker.tsx';
import { EXTRA_CATEGORY_COLOURS } from './default-categories.ts';
import { FollowUpEditor } from './follow-up-editor.tsx';
import { type CategoryForm, GEOMETRY_TYPES, newCategoryUid, suggestCategoryKey } from './project-form.ts';
import type { FieldErrors } from './project-validation.ts';

interface CategoriesSectionProps {
  categories: CategoryForm[];
  languages: string[];
  defaultLanguage: string;
  errors: FieldErrors;
  onChange: (categories: CategoryForm[]) => void;
}

const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * The project's categories: labels and prompts per offered language, colour, what may be drawn,
 * order; add and remove. A category with contributions cannot be removed (the server refuses),
 * which the remove dialog says up front.
 */
export function CategoriesSection({
  categories,
  languages,
  defaultLanguage,
  errors,
  onChange,
}: CategoriesSectionProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [keyEdited, setKeyEdited] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<CategoryForm | null>(null);

  // A category with a problem opens, so that the problem can be seen and followed.
  useEffect(() => {
    const withErrors = categories
      .filter((category) =>
        Object.keys(errors).some((field) => field.startsWith(`categories.${category.uid}.`)),
      )
      .map((category) => category.uid);
    if (withErrors.length > 0) setOpen((previous) => new Set([...previous, ...withErrors]));
  }, [errors, categories]);

  const update = (uid: string, changes: Partial<CategoryForm>) =>
    onChange(categories.map((category) => (category.uid === uid ? { ...category, ...changes } : category)));

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    const moved = categories[index];
    if (!moved || target < 0 || target >= categories.length) return;
    const next = [...categories];
    next.splice(index, 1);
    next.splice(target, 0, moved);
    onChange(next);
    // Keep focus on the button pressed, or on its partner once the end is reached.
    const atEnd = target === 0 || target === categories.length - 1;
    const direction = atEnd ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down';
    focusSoon(`category-${moved.uid}-${direction}`);
  };

  const remove = (category: CategoryForm) => {
    const index = categories.indexOf(category);
    onChange(categories.filter((candidate) => candidate.uid !== category.uid));
    setRemoving(null);
    const neighbour = categories[index + 1] ?? categories[index - 1];
    focusSoon(neighbour ? `category-${neighbour.uid}-summary` : 'add-category');
  };

  const add = () => {
    const uid = newCategoryUid();
    const colour = EXTRA_CATEGORY_COLOURS[categories.length % EXTRA_CATEGORY_COLOURS.length] ?? '#7f7f7f';
    onChange([
      ...categories,
      { uid, stored: false, key: '', labels: {}, prompts: {}, geometryTypes: ['Point'], colour },
    ]);
    setOpen((previous) => new Set([...previous, uid]));
    focusSoon(fieldDomId(`categories.${uid}.labels.${defaultLanguage}`));
  };

  const typeLabel = (type: ContributionGeometryType) => t(`staff.categories.types.${type}`);

  return (
    <>
      <p className="field__hint">{t('staff.categories.intro')}</p>
      <FieldErrorText id={`${fieldDomId('categories')}-error`} error={errors.categories} />
      <ol className="category-list" id={fieldDomId('categories')} tabIndex={-1}>
        {categories.map((category, index) => {
          const label =
            pickText(category.labels, defaultLanguage) || category.key || t('staff.categories.unnamed');
          const field = (part: string) => `categories.${category.uid}.${part}`;
          const isOpen = open.has(category.uid);
          return (
            <li key={category.uid} className="category-item" data-testid={`category-editor-${category.key}`}>
              <details
                open={isOpen}
                onToggle={(event) => {
                  const nowOpen = event.currentTarget.open;
                  if (nowOpen === isOpen) return;
                  setOpen((previous) => {
                    const next = new Set(previous);
                    if (nowOpen) next.add(category.uid);
                    else next.delete(category.uid);
                    return next;
                  });
                }}
              >
                <summary id={`category-${category.uid}-summary`} className="category-item__summary">
                  <span className="swatch" style={{ background: category.colour }} aria-hidden="true" />
                  {category.icon && <CategoryIcon icon={category.icon} colour={category.colour} />}
                  <span className="category-item__name">
                    {index + 1}. {label}
                  </span>
                  <span className="category-item__types">
                    {GEOMETRY_TYPES.filter((type) => category.geometryTypes.includes(type))
                      .map(typeLabel)
                      .join(', ')}
                  </span>
                </summary>
                <div className="category-item__body">
                  {category.stored ? (
                    <p className="category-item__key">
                      {t('staff.categories.key')}: <code>{category.key}</code>
                    </p>
                  ) : (
                    <TextField
                      field={field('key')}
                      label={t('staff.categories.key')}
                      hint={t('staff.categories.keyHint')}
                      error={errors[field('key')]}
                      value={category.key}
                      spellCheck={false}
                      autoComplete="off"
                      onChange={(event) => {
                        setKeyEdited((previous) => new Set([...previous, category.uid]));
                        update(category.uid, { key: event.target.value });
                      }}
                    />
                  )}
                  {languages.map((language) => {
                    const name = languageName(language, i18n.language);
                    return (
                      <div key={language} className="category-item__language">
                        <TextField
                          field={field(`labels.${language}`)}
                          label={t('staff.categories.label', { language: name })}
                          error={errors[field(`labels.${language}`)]}
                          value={category.labels[language] ?? ''}
                          maxLength={200}
                          lang={language}
                          onChange={(event) => {
                            const labels = { ...category.labels, [language]: event.target.value };
                            // A key follows the name while it is what the name suggested: the
                            // method's own keys (meeting-places, …) stay as they are.
                            const suggestKey =
                              !category.stored &&
                              !keyEdited.has(category.uid) &&
                              language === defaultLanguage &&
                              category.key === suggestCategoryKey(category.labels[language] ?? '');
                            update(category.uid, {
                              labels,
                              ...(suggestKey ? { key: suggestCategoryKey(event.target.value) } : {}),
                            });
                          }}
                        />
                        <TextAreaField
                          field={field(`prompts.${language}`)}
                          label={t('staff.categories.prompt', { language: name })}
                          error={errors[field(`prompts.${language}`)]}
                          value={category.prompts[language] ?? ''}
                          rows={2}
                          maxLength={1000}
                          lang={language}
                          onChange={(event) =>
                            update(category.uid, {
                              prompts: { ...category.prompts, [language]: event.target.value },
                            })
                          }
                        />
                      </div>
                    );
                  })}
                  <div className="category-item__row">
                    <CategoryIconPicker
                      field={field('icon')}
                      value={category.icon}
                      colour={category.colour}
                      error={errors[field('icon')]}
                      onChange={(icon) => update(category.uid, { icon: icon ?? '' })}
                    />
                    <div className="field field--colour">
                      <label htmlFor={fieldDomId(field('colour'))}>{t('staff.categories.colour')}</label>
                      <input
                        id={fieldDomId(field('colour'))}
                        type="color"
                        value={category.colour}
                        onChange={(event) => update(category.uid, { colour: event.target.value })}
                      />
                      <FieldErrorText
                        id={`${fieldDomId(field('colour'))}-error`}
                        error={errors[field('colour')]}
                      />
                    </div>
                    <fieldset
                      className={errors[field('geometryTypes')] ? 'field has-error' : 'field'}
                      id={fieldDomId(field('geometryTypes'))}
                      aria-describedby={
                        errors[field('geometryTypes')]
                          ? `${fieldDomId(field('geometryTypes'))}-error`
                          : undefined
                      }
                    >
                      <legend>{t('staff.categories.geometryTypes')}</legend>
                      <div className="checkbox-row">
                        {GEOMETRY_TYPES.map((type) => (
                          <label key={type} className="checkbox">
                            <input
                              type="checkbox"
                              id={`category-${category.uid}-type-${type}`}
                              data-testid={`category-${category.key}-type-${type}`}
                              checked={category.geometryTypes.includes(type)}
                              onChange={(event) =>
                                update(category.uid, {
                                  geometryTypes: event.target.checked
                                    ? GEOMETRY_TYPES.filter(
                                        (candidate) =>
                                          candidate === type || category.geometryTypes.includes(candidate),
                                      )
                                    : category.geometryTypes.filter((candidate) => candidate !== type),
                                })
                              }
                            />
                            {typeLabel(type)}
                          </label>
                        ))}
                      </div>
                      <FieldErrorText
                        id={`${fieldDomId(field('geometryTypes'))}-error`}
                        error={errors[field('geometryTypes')]}
                      />
                    </fieldset>
                  </div>
                  <FollowUpEditor
                    categoryUid={category.uid}
                    questions={category.questions ?? []}
                    languages={languages}
                    defaultLanguage={defaultLanguage}
                    errors={errors}
                    onChange={(questions) =>
                      // Complete once the schema has filled its defaults; the editor always sets them.
                      update(category.uid, { questions: questions as FollowUpQuestion[] })
                    }
                  />
                </div>
              </details>
              <div className="category-item__actions">
                <button
                  type="button"
                  id={`category-${category.uid}-up`}
                  className="button button--small button--icon"
                  onClick={() => move(index, -1)}
                  disabled={index === 0}
                  aria-label={t('staff.categories.moveUp', { name: label })}
                  title={t('staff.categories.moveUp', { name: label })}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  id={`category-${category.uid}-down`}
                  className="button button--small button--icon"
                  onClick={() => move(index, 1)}
                  disabled={index === categories.length - 1}
                  aria-label={t('staff.categories.moveDown', { name: label })}
                  title={t('staff.categories.moveDown', { name: label })}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  onClick={() => (category.stored ? setRemoving(category) : remove(category))}
                  aria-label={t('staff.categories.removeNamed', { name: label })}
                >
                  {t('staff.categories.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" id="add-category" className="button" onClick={add}>
        {t('staff.categories.add')}
      </button>
      {removing && (
        <ConfirmDialog
          title={t('staff.categories.removeTitle', {
            name: pickText(removing.labels, defaultLanguage) || removing.key,
          })}
          text={<p>{t('staff.categories.removeWarning')}</p>}
          confirmLabel={t('staff.categories.remove')}
          cancelLabel={t('staff.cancel')}
          danger
          onConfirm={() => remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </>
  );
}
