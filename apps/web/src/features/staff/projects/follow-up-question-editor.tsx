import { followUpQuestionTypeSchema, type LocalizedText, pickText } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { fieldDomId, TextField } from '../common/fields.tsx';
import { conditionTargets, conditionValues, type EditableQuestion, withType } from './follow-up-editing.ts';
import { keyAfterLabelChange } from './keys-from-labels.ts';

interface QuestionEditorProps {
  questions: readonly EditableQuestion[];
  index: number;
  /** Error key prefix of this question: `categories.<uid>.questions.<index>`. */
  field: string;
  languages: string[];
  defaultLanguage: string;
  onChange: (question: EditableQuestion) => void;
}

/**
 * One follow-up question's settings: key, type, text per offered language, options (choices),
 * ends of the scale, bounds and unit (number), length (text), required, and the earlier answer
 * it waits for.
 */
export function QuestionEditor({
  questions,
  index,
  field,
  languages,
  defaultLanguage,
  onChange,
}: QuestionEditorProps) {
  const { t } = useTranslation();
  const question = questions[index] as EditableQuestion;
  const part = (name: string) => `${field}.${name}`;
  const keyContext = { defaultLanguage, languages };
  const waitedOn = questions.some((candidate) => candidate.showIf?.question === question.key);
  const name = (language: string) => nativeLanguageName(language);
  const localized = (
    id: string,
    label: (language: string) => string,
    value: LocalizedText | undefined,
    change: (text: LocalizedText) => void,
  ) =>
    languages.map((language) => (
      <TextField
        key={language}
        field={part(`${id}.${language}`)}
        label={label(name(language))}
        error={undefined}
        value={value?.[language] ?? ''}
        maxLength={300}
        lang={language}
        onChange={(event) => change({ ...value, [language]: event.target.value })}
      />
    ));
  const targets = conditionTargets(questions, index);
  const target = question.showIf
    ? questions.find((candidate) => candidate.key === question.showIf?.question)
    : undefined;
  const waitedFor =
    question.showIf?.anyOf ?? (question.showIf?.equals !== undefined ? [question.showIf.equals] : []);

  return (
    <div className="follow-up-editor__fields">
      <div className="category-item__row">
        <div className="field">
          <label htmlFor={fieldDomId(part('type'))}>{t('staff.followUp.type')}</label>
          <select
            id={fieldDomId(part('type'))}
            value={question.type}
            onChange={(event) =>
              onChange(withType(question, followUpQuestionTypeSchema.parse(event.target.value)))
            }
          >
            {followUpQuestionTypeSchema.options.map((type) => (
              <option key={type} value={type}>
                {t(`staff.followUp.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {localized(
        'labels',
        (language) => t('staff.followUp.label', { language }),
        question.labels,
        (labels) => {
          // The key follows the question ("Hvor ofte er du her?" → hvor_ofte_er_du_her) until edited.
          // A key a later question waits for stays (its condition names it).
          const key = waitedOn
            ? question.key
            : keyAfterLabelChange(question.key, question.labels, labels, 'question', {
                ...keyContext,
                taken: questions.filter((_, at) => at !== index).map((candidate) => candidate.key),
              });
          onChange({ ...question, labels, key });
        },
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={question.required ?? false}
          onChange={(event) => onChange({ ...question, required: event.target.checked })}
        />
        {t('staff.followUp.required')}
      </label>

      {'options' in question && (
        <fieldset className="field follow-up-editor__options">
          <legend>{t('staff.followUp.options')}</legend>
          <ol>
            {question.options.map((option, position) => (
              <li key={position} className="follow-up-editor__option">
                {localized(
                  `options.${position}.labels`,
                  (language) => t('staff.followUp.optionLabel', { number: position + 1, language }),
                  option.labels,
                  (labels) => {
                    const key = waitedOn
                      ? option.key
                      : keyAfterLabelChange(option.key, option.labels, labels, 'option', {
                          ...keyContext,
                          taken: question.options
                            .filter((_, at) => at !== position)
                            .map((other) => other.key),
                        });
                    onChange({
                      ...question,
                      options: question.options.map((candidate, at) =>
                        at === position ? { ...candidate, labels, key } : candidate,
                      ),
                    });
                  },
                )}
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  disabled={question.options.length <= 2}
                  onClick={() =>
                    onChange({ ...question, options: question.options.filter((_, at) => at !== position) })
                  }
                >
                  {t('staff.followUp.removeOption', { number: position + 1 })}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--small"
            disabled={question.options.length >= 30}
            onClick={() =>
              onChange({
                ...question,
                options: [...question.options, { key: `option_${question.options.length + 1}`, labels: {} }],
              })
            }
          >
            {t('staff.followUp.addOption')}
          </button>
        </fieldset>
      )}

      {question.type === 'scale' && (
        <>
          {localized(
            'minLabels',
            (language) => t('staff.followUp.scaleMin', { language }),
            question.minLabels,
            (minLabels) => onChange({ ...question, minLabels }),
          )}
          {localized(
            'maxLabels',
            (language) => t('staff.followUp.scaleMax', { language }),
            question.maxLabels,
            (maxLabels) => onChange({ ...question, maxLabels }),
          )}
        </>
      )}

      {question.type === 'number' && (
        <>
          <div className="category-item__row">
            {(['min', 'max'] as const).map((bound) => (
              <TextField
                key={bound}
                field={part(bound)}
                label={t(bound === 'min' ? 'staff.followUp.min' : 'staff.followUp.max')}
                error={undefined}
                type="number"
                value={Number.isFinite(question[bound]) ? String(question[bound]) : ''}
                onChange={(event) =>
                  onChange({
                    ...question,
                    [bound]: event.target.value === '' ? Number.NaN : Number(event.target.value),
                  })
                }
              />
            ))}
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={question.integer ?? true}
              onChange={(event) => onChange({ ...question, integer: event.target.checked })}
            />
            {t('staff.followUp.integer')}
          </label>
          {localized(
            'unit',
            (language) => t('staff.followUp.unit', { language }),
            question.unit,
            (unit) => onChange({ ...question, unit }),
          )}
        </>
      )}

      {question.type === 'text' && (
        <TextField
          field={part('maxLength')}
          label={t('staff.followUp.maxLength')}
          error={undefined}
          type="number"
          min={1}
          max={500}
          value={Number.isFinite(question.maxLength) ? String(question.maxLength) : ''}
          onChange={(event) =>
            onChange({
              ...question,
              maxLength: event.target.value === '' ? Number.NaN : Number(event.target.value),
            })
          }
        />
      )}

      <div className="field">
        <label htmlFor={fieldDomId(part('showIf'))}>{t('staff.followUp.condition')}</label>
        <select
          id={fieldDomId(part('showIf'))}
          value={question.showIf?.question ?? ''}
          onChange={(event) => {
            const { showIf: _showIf, ...rest } = question;
            onChange(
              event.target.value
                ? ({ ...rest, showIf: { question: event.target.value, anyOf: [] } } as EditableQuestion)
                : (rest as EditableQuestion),
            );
          }}
        >
          <option value="">{t('staff.followUp.always')}</option>
          {targets.map((candidate) => (
            <option key={candidate.key} value={candidate.key}>
              {t('staff.followUp.when', {
                question: pickText(candidate.labels, defaultLanguage) || candidate.key,
              })}
            </option>
          ))}
        </select>
      </div>
      {question.showIf && target && (
        <fieldset className="field">
          <legend>{t('staff.followUp.conditionValues')}</legend>
          <div className="checkbox-row">
            {conditionValues(target).map(({ value, labels }) => (
              <label key={String(value)} className="checkbox">
                <input
                  type="checkbox"
                  checked={waitedFor.includes(value)}
                  onChange={(event) => {
                    const anyOf = event.target.checked
                      ? [...waitedFor.filter((candidate) => candidate !== value), value]
                      : waitedFor.filter((candidate) => candidate !== value);
                    onChange({ ...question, showIf: { question: target.key, anyOf } } as EditableQuestion);
                  }}
                />
                {labels ? pickText(labels, defaultLanguage) || String(value) : String(value)}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {/* Keys are made from the labels; they name the GIS columns, so a planner may set them. */}
      <details className="advanced" data-testid={`${fieldDomId(field)}-advanced`}>
        <summary>{t('staff.keys.advanced')}</summary>
        <TextField
          field={part('key')}
          label={t('staff.followUp.key')}
          hint={t('staff.followUp.keyHint')}
          error={undefined}
          value={question.key}
          spellCheck={false}
          autoComplete="off"
          maxLength={40}
          onChange={(event) => onChange({ ...question, key: event.target.value })}
        />
        {'options' in question &&
          question.options.map((option, position) => (
            <TextField
              key={position}
              field={part(`options.${position}.key`)}
              label={t('staff.followUp.optionKey', {
                number: `${position + 1} (${pickText(option.labels, defaultLanguage) || '…'})`,
              })}
              error={undefined}
              value={option.key}
              spellCheck={false}
              maxLength={40}
              onChange={(event) =>
                onChange({
                  ...question,
                  options: question.options.map((candidate, at) =>
                    at === position ? { ...candidate, key: event.target.value } : candidate,
                  ),
                })
              }
            />
          ))}
      </details>
    </div>
  );
}
