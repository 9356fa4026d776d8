import { ALL_BACKGROUND_QUESTIONS } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { fieldDomId, TextField } from '../common/fields.tsx';
import { ANALYSIS_SRIDS, type BasemapChoice, type ProjectForm } from './project-form.ts';
import type { FieldErrors } from './project-validation.ts';

interface SectionProps {
  form: ProjectForm;
  errors: FieldErrors;
  onChange: (changes: Partial<ProjectForm>) => void;
}

const isKnownSrid = (srid: number): srid is (typeof ANALYSIS_SRIDS)[number] =>
  (ANALYSIS_SRIDS as readonly number[]).includes(srid);

/** How far outside the area contributions may lie, and the CRS the analysis measures in. */
export function AreaSettings({ form, errors, onChange }: SectionProps) {
  const { t } = useTranslation();
  return (
    <div className="field-row">
      <TextField
        field="areaMarginMetres"
        label={t('staff.editor.margin')}
        hint={t('staff.editor.marginHint')}
        error={errors.areaMarginMetres}
        type="number"
        inputMode="numeric"
        min={0}
        max={100_000}
        step={50}
        value={form.areaMarginMetres}
        onChange={(event) => onChange({ areaMarginMetres: event.target.value })}
      />
      <div className="field">
        <label htmlFor={fieldDomId('analysisSrid')}>{t('staff.editor.srid')}</label>
        <p id={`${fieldDomId('analysisSrid')}-hint`} className="field__hint">
          {t('staff.editor.sridHint')}
        </p>
        <select
          id={fieldDomId('analysisSrid')}
          aria-describedby={`${fieldDomId('analysisSrid')}-hint`}
          value={form.analysisSrid}
          onChange={(event) => onChange({ analysisSrid: Number(event.target.value) })}
        >
          {[...new Set([...ANALYSIS_SRIDS, form.analysisSrid])].map((srid) => (
            <option key={srid} value={srid}>
              {isKnownSrid(srid) ? t(`staff.editor.srids.${srid}`) : `EPSG:${srid}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Moderation, the anonymity threshold k, and when the project opens and closes. */
export function ParticipationSection({ form, errors, onChange }: SectionProps) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="field" id={fieldDomId('moderation')}>
        <legend>{t('staff.editor.moderation')}</legend>
        {(['after', 'before'] as const).map((mode) => (
          <label key={mode} className="radio">
            <input
              type="radio"
              name="moderation"
              value={mode}
              checked={form.moderation === mode}
              onChange={() => onChange({ moderation: mode })}
            />
            <span>
              <strong>{t(`staff.editor.moderationModes.${mode}`)}</strong>
              <span className="radio__hint">{t(`staff.editor.moderationHints.${mode}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextField
        field="k"
        label={t('staff.editor.k')}
        hint={t('staff.editor.kHint')}
        error={errors.k}
        type="number"
        inputMode="numeric"
        min={5}
        step={1}
        value={form.k}
        onChange={(event) => onChange({ k: event.target.value })}
      />
      <div className="field-row">
        <TextField
          field="opensAt"
          label={t('staff.editor.opensAt')}
          hint={t('staff.editor.opensAtHint')}
          error={errors.opensAt}
          type="datetime-local"
          value={form.opensAt}
          onChange={(event) => onChange({ opensAt: event.target.value })}
        />
        <TextField
          field="closesAt"
          label={t('staff.editor.closesAt')}
          hint={t('staff.editor.closesAtHint')}
          error={errors.closesAt}
          type="datetime-local"
          value={form.closesAt}
          onChange={(event) => onChange({ closesAt: event.target.value })}
        />
      </div>
      <fieldset
        className="field"
        id={fieldDomId('backgroundQuestions')}
        aria-describedby="background-questions-hint"
      >
        <legend>{t('staff.editor.backgroundQuestions')}</legend>
        <p id="background-questions-hint" className="field__hint">
          {t('staff.editor.backgroundQuestionsHint')}
        </p>
        {ALL_BACKGROUND_QUESTIONS.map((question) => (
          <label key={question} className="checkbox">
            <input
              type="checkbox"
              checked={form.backgroundQuestions.includes(question)}
              onChange={(event) =>
                onChange({
                  backgroundQuestions: event.target.checked
                    ? ALL_BACKGROUND_QUESTIONS.filter(
                        (candidate) => candidate === question || form.backgroundQuestions.includes(candidate),
                      )
                    : form.backgroundQuestions.filter((candidate) => candidate !== question),
                })
              }
            />
            {t(`staff.editor.questions.${question}`)}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <TextField
          field="retentionDays"
          label={t('staff.editor.retentionDays')}
          hint={t('staff.editor.retentionDaysHint')}
          error={errors.retentionDays}
          type="number"
          inputMode="numeric"
          min={0}
          max={3650}
          step={1}
          value={form.retentionDays}
          onChange={(event) => onChange({ retentionDays: event.target.value })}
        />
        <TextField
          field="privacyContact"
          label={t('staff.editor.privacyContact')}
          hint={t('staff.editor.privacyContactHint')}
          error={errors.privacyContact}
          maxLength={500}
          value={form.privacyContact}
          onChange={(event) => onChange({ privacyContact: event.target.value })}
        />
      </div>
    </>
  );
}

const BASEMAP_CHOICES: readonly BasemapChoice[] = ['kartverket', 'raster', 'style', 'none'];

/**
 * The background map: Kartverket's greyscale map (default), another tile map, a style, or none.
 * Also the organisation page's default basemap (it passes only `basemap`).
 */
export function BasemapSection({
  form,
  errors,
  onChange,
}: {
  form: Pick<ProjectForm, 'basemap'>;
  errors: FieldErrors;
  onChange: (changes: Pick<ProjectForm, 'basemap'>) => void;
}) {
  const { t } = useTranslation();
  const basemap = form.basemap;
  const set = (changes: Partial<ProjectForm['basemap']>) => onChange({ basemap: { ...basemap, ...changes } });
  return (
    <>
      <fieldset className="field" id={fieldDomId('basemap')}>
        <legend>{t('staff.editor.basemap')}</legend>
        {BASEMAP_CHOICES.map((choice) => (
          <label key={choice} className="radio">
            <input
              type="radio"
              name="basemap"
              value={choice}
              checked={basemap.choice === choice}
              onChange={() => set({ choice })}
            />
            <span>
              <strong>{t(`staff.editor.basemaps.${choice}`)}</strong>
              <span className="radio__hint">{t(`staff.editor.basemapHints.${choice}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {basemap.choice === 'raster' && (
        <div className="field-group">
          <TextField
            field="basemapTiles"
            label={t('staff.editor.tiles')}
            hint={t('staff.editor.tilesHint')}
            error={errors.basemapTiles ?? errors.basemap}
            type="url"
            spellCheck={false}
            value={basemap.tiles}
            onChange={(event) => set({ tiles: event.target.value })}
          />
          <TextField
            field="basemapAttribution"
            label={t('staff.editor.attribution')}
            hint={t('staff.editor.attributionHint')}
            error={errors.basemapAttribution}
            value={basemap.attribution}
            onChange={(event) => set({ attribution: event.target.value })}
          />
        </div>
      )}
      {basemap.choice === 'style' && (
        <TextField
          field="basemapStyleUrl"
          label={t('staff.editor.styleUrl')}
          error={errors.basemapStyleUrl ?? errors.basemap}
          type="url"
          spellCheck={false}
          value={basemap.styleUrl}
          onChange={(event) => set({ styleUrl: event.target.value })}
        />
      )}
    </>
  );
}
