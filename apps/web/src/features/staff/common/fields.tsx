import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../projects/project-validation.ts';

/** The DOM id of a form field named by its error key (`categories.abc.labels.nb` → `field-categories-abc-labels-nb`). */
export const fieldDomId = (field: string) => `field-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** A field's problem in words, tied to the field with `aria-describedby`. */
export function FieldErrorText({ id, error }: { id: string; error: FieldError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      {t(error.key, error.values ?? {})}
      {error.detail && (
        <>
          {' '}
          <span lang="en" className="field__detail">
            ({error.detail})
          </span>
        </>
      )}
    </p>
  );
}

const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;

interface FieldProps {
  /** The error key of the field; its DOM id is derived from it. */
  field: string;
  label: ReactNode;
  hint?: ReactNode;
  error: FieldError | undefined;
}

/** A labelled text input with its hint and error. */
export function TextField({
  field,
  label,
  hint,
  error,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const id = fieldDomId(field);
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}
        {...input}
      />
      <FieldErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

/** A labelled textarea with its hint and error. */
export function TextAreaField({
  field,
  label,
  hint,
  error,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const id = fieldDomId(field);
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}
        {...textarea}
      />
      <FieldErrorText id={`${id}-error`} error={error} />
    </div>
  );
}
