import { type SessionTablet, tabletNameSchema } from '@nabolag/schema';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResult } from '../../../api/client.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { tabletLabel, tabletName } from './tablet-name.ts';

/**
 * A tablet's name cell in the console ("Table 2 · Tablet B"), with "Rename": the facilitator
 * gives the tablet the name people in the room use ("Vindusbordet"), or takes it back to the
 * default ("Tablet B").
 */
export function TabletNameCell({
  tablet,
  onRename,
}: {
  tablet: SessionTablet;
  /** Sends the new name (`null`: the default) and says how it went. */
  onRename: (name: string | null) => Promise<ApiResult<SessionTablet>>;
}) {
  const { t } = useTranslation();
  const name = tabletName(tablet, t);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const id = useId();

  // Focus follows the form: into the field when it opens, back to "Rename" when it closes.
  useEffect(() => {
    if (editing) inputRef.current?.select();
    else if (wasEditing.current) renameRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const save = async (next: string | null) => {
    if (busy) return;
    if (next !== null) {
      const parsed = tabletNameSchema.safeParse(next);
      if (!parsed.success) {
        setProblem(t('staff.workshops.tabletNameInvalid'));
        inputRef.current?.focus();
        return;
      }
      next = parsed.data;
    }
    setBusy(true);
    const result = await onRename(next);
    setBusy(false);
    if (result.ok) {
      setEditing(false);
      setProblem(null);
    } else {
      setProblem(`${t('staff.workshops.failed')} ${t(errorMessageKey(result.error.code))}`);
    }
  };

  if (!editing) {
    return (
      <span className="tablet-name">
        <span id={`${id}-label`} data-testid="tablet-name">
          {tabletLabel(tablet, t)}
        </span>
        <button
          ref={renameRef}
          type="button"
          className="button button--small button--quiet"
          data-testid="tablet-rename"
          aria-describedby={`${id}-label`}
          onClick={() => {
            setValue(tablet.name ?? name);
            setProblem(null);
            setEditing(true);
          }}
        >
          {t('staff.workshops.tabletRename')}
        </button>
      </span>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(value);
  };

  return (
    <form className="tablet-name-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-name`} className="visually-hidden">
        {t('staff.workshops.tabletNameLabel', { name })}
      </label>
      <input
        ref={inputRef}
        id={`${id}-name`}
        data-testid="tablet-name-input"
        value={value}
        maxLength={60}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setEditing(false);
        }}
      />
      <button
        type="submit"
        className="button button--small button--primary"
        data-testid="tablet-name-save"
        aria-disabled={busy}
      >
        {t('staff.workshops.tabletNameSave')}
      </button>
      {tablet.name !== null && (
        <button
          type="button"
          className="button button--small"
          data-testid="tablet-name-reset"
          onClick={() => void save(null)}
        >
          {t('staff.workshops.tabletNameReset')}
        </button>
      )}
      <button type="button" className="button button--small button--quiet" onClick={() => setEditing(false)}>
        {t('staff.cancel')}
      </button>
      {problem && (
        <p id={`${id}-problem`} className="field__error" role="alert" data-testid="tablet-name-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
