import { pickText, type ReferenceLayer, type ReferenceLayerUpdate } from '@nabolag/schema';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResult } from '../../../api/client.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { ConfirmDialog } from '../common/dialog.tsx';
import { formatMoment } from '../common/format.ts';
import { useStaff } from '../staff-session.ts';
import { namesToSave } from './reference-layer-names.ts';

interface ReferenceLayerItemProps {
  layer: ReferenceLayer;
  /** The project's languages: the layer is named in each. */
  languages: readonly string[];
  defaultLanguage: string;
  onChanged: (layer: ReferenceLayer) => void;
  onDeleted: (id: string) => void;
}

/** How the source formats are written. */
const FORMAT_NAMES: Record<ReferenceLayer['sourceFormat'], string> = {
  geojson: 'GeoJSON',
  gpkg: 'GeoPackage',
  kml: 'KML',
};

type ItemStatus = { tone: 'idle' } | { tone: 'success' | 'error'; text: string };

/**
 * One reference layer in the editor: its names per language and colour (saved together), a
 * switch that shows or hides it on the maps at once, and deleting it after a question.
 */
export function ReferenceLayerItem({
  layer,
  languages,
  defaultLanguage,
  onChanged,
  onDeleted,
}: ReferenceLayerItemProps) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const id = useId();
  const [names, setNames] = useState(layer.names);
  const [colour, setColour] = useState(layer.colour);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<ItemStatus>({ tone: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const title =
    pickText(layer.names, i18n.language, [defaultLanguage, 'nb', 'en']) || t('staff.referenceLayers.unnamed');
  const number = new Intl.NumberFormat(i18n.language);

  const send = async (changes: ReferenceLayerUpdate, success: string) => {
    setBusy(true);
    const result: ApiResult<ReferenceLayer> = await api.updateReferenceLayer(layer.id, changes);
    setBusy(false);
    if (!result.ok) {
      setStatus({ tone: 'error', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    setNames(result.value.names);
    setColour(result.value.colour);
    setStatus({ tone: 'success', text: success });
    onChanged(result.value);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const kept = namesToSave(names, languages);
    if (!kept) {
      setStatus({ tone: 'error', text: t('staff.referenceLayers.nameMissing') });
      return;
    }
    void send({ names: kept, colour }, t('staff.referenceLayers.saved'));
  };

  const remove = async () => {
    setBusy(true);
    const result = await api.deleteReferenceLayer(layer.id);
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setStatus({ tone: 'error', text: t(errorMessageKey(result.error.code)) });
      return;
    }
    onDeleted(layer.id);
  };

  const shapes = layer.geometryTypes.map((type) =>
    type === 'Point' || type === 'LineString' || type === 'Polygon'
      ? t(`staff.referenceLayers.shapes.${type}`)
      : type,
  );
  return (
    <li className="reference-layer" data-testid="reference-layer" data-id={layer.id}>
      <form onSubmit={save} noValidate aria-busy={busy} aria-labelledby={`${id}-title`}>
        <h4 id={`${id}-title`} className="reference-layer__title">
          <span className="swatch" style={{ backgroundColor: layer.colour }} aria-hidden="true" />
          {title}
        </h4>
        <p className="reference-layer__facts" data-testid="reference-layer-facts">
          {t('staff.referenceLayers.facts', {
            count: layer.featureCount,
            features: number.format(layer.featureCount),
            shapes: shapes.join(', '),
            format: FORMAT_NAMES[layer.sourceFormat],
          })}
          {layer.sourceName && <> · {layer.sourceName}</>} · {formatMoment(layer.createdAt, i18n.language)}
        </p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={layer.visible}
            disabled={busy}
            onChange={(event) =>
              void send(
                { visible: event.target.checked },
                event.target.checked ? t('staff.referenceLayers.shown') : t('staff.referenceLayers.hidden'),
              )
            }
            data-testid="reference-visible"
          />
          <span>{t('staff.referenceLayers.visible')}</span>
        </label>
        <div className="field-row">
          {languages.map((language) => (
            <div className="field" key={language}>
              <label htmlFor={`${id}-name-${language}`}>
                {t('staff.referenceLayers.nameIn', { language: nativeLanguageName(language) })}
              </label>
              <input
                id={`${id}-name-${language}`}
                lang={language}
                value={names[language] ?? ''}
                maxLength={200}
                onChange={(event) =>
                  setNames((previous) => ({ ...previous, [language]: event.target.value }))
                }
                data-testid={`reference-name-${language}`}
              />
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${id}-colour`}>{t('staff.referenceLayers.colour')}</label>
            <input
              id={`${id}-colour`}
              type="color"
              value={colour}
              onChange={(event) => setColour(event.target.value)}
            />
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={busy} data-testid="reference-save">
            {t('staff.referenceLayers.save')}
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirming(true)}
            aria-label={t('staff.referenceLayers.deleteNamed', { name: title })}
            data-testid="reference-delete"
          >
            {t('staff.referenceLayers.delete')}
          </button>
        </div>
        <p
          role="status"
          className={`save-bar__status save-bar__status--${status.tone}`}
          data-testid="reference-status"
          data-tone={status.tone}
        >
          {status.tone === 'idle' ? '' : status.text}
        </p>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('staff.referenceLayers.deleteTitle', { name: title })}
          text={<p>{t('staff.referenceLayers.deleteText')}</p>}
          confirmLabel={t('staff.referenceLayers.delete')}
          cancelLabel={t('staff.referenceLayers.keep')}
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
          testId="reference-delete-dialog"
        />
      )}
    </li>
  );
}
