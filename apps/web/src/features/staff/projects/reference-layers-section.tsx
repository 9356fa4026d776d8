import '../export/export.css';
import type { ReferenceLayer } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { useStaff } from '../staff-session.ts';
import { ReferenceLayerItem } from './reference-layer-item.tsx';
import { ReferenceLayerUpload } from './reference-layer-upload.tsx';

interface ReferenceLayersSectionProps {
  slug: string;
  languages: readonly string[];
  defaultLanguage: string;
}

/**
 * Reference layers of a stored project (planned building sites, school routes …), shown on the
 * residents', workshop and staff maps under the contributions. Each change is saved at once,
 * apart from the project form above.
 */
export function ReferenceLayersSection({ slug, languages, defaultLanguage }: ReferenceLayersSectionProps) {
  const { t } = useTranslation();
  const { api } = useStaff();
  const { state, reload, setValue } = useLoad((signal) => api.listReferenceLayers(slug, signal), [api, slug]);

  const replace = (layer: ReferenceLayer) =>
    setValue((value) => ({
      layers: value.layers.some((candidate) => candidate.id === layer.id)
        ? value.layers.map((candidate) => (candidate.id === layer.id ? layer : candidate))
        : [...value.layers, layer],
    }));

  return (
    <section className="editor-section reference-layers" aria-labelledby="reference-layers-heading">
      <h2 id="reference-layers-heading" tabIndex={-1}>
        {t('staff.referenceLayers.heading')}
      </h2>
      <p>{t('staff.referenceLayers.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.layers.length === 0 && (
        <p className="staff-empty" data-testid="reference-layers-empty">
          {t('staff.referenceLayers.empty')}
        </p>
      )}
      {state.status === 'ready' && state.value.layers.length > 0 && (
        <ul className="reference-layers__list" data-testid="reference-layers">
          {state.value.layers.map((layer) => (
            <ReferenceLayerItem
              key={layer.id}
              layer={layer}
              languages={languages}
              defaultLanguage={defaultLanguage}
              onChanged={replace}
              onDeleted={(id) => {
                setValue((value) => ({ layers: value.layers.filter((candidate) => candidate.id !== id) }));
                // The deleted layer's button is gone: focus goes to the section rather than the page's top.
                requestAnimationFrame(() => document.getElementById('reference-layers-heading')?.focus());
              }}
            />
          ))}
        </ul>
      )}
      <ReferenceLayerUpload slug={slug} language={defaultLanguage} onUploaded={replace} />
    </section>
  );
}
