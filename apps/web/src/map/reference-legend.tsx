import type { PublicReferenceLayer } from '@nabolag/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { langIfDifferent, textInLanguage } from '../i18n/project-text.ts';

interface ReferenceLegendProps {
  layers: readonly PublicReferenceLayer[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string, visible: boolean) => void;
}

/** Labels of a layer's features read out to screen readers; more are counted, not listed. */
const MAX_LISTED_LABELS = 30;

type Shape = 'area' | 'line' | 'point';

function shapesOf(layer: PublicReferenceLayer): Shape[] {
  const shapes = new Set<Shape>();
  for (const feature of layer.data.features) {
    const type = feature.geometry.type.replace(/^Multi/, '');
    if (type === 'Polygon') shapes.add('area');
    else if (type === 'LineString') shapes.add('line');
    else if (type === 'Point') shapes.add('point');
  }
  return (['area', 'line', 'point'] as const).filter((shape) => shapes.has(shape));
}

/** A small picture of how the layer is drawn: a tinted square, a dashed line or a dot. */
function Swatch({ colour, shapes }: { colour: string; shapes: Shape[] }) {
  const shape = shapes[0] ?? 'area';
  return (
    <svg className="reference-legend__swatch" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {shape === 'area' && (
        <rect
          x="2"
          y="4"
          width="16"
          height="12"
          fill={colour}
          fillOpacity="0.3"
          stroke={colour}
          strokeWidth="1.5"
        />
      )}
      {shape === 'line' && <path d="M2 14 L18 6" stroke={colour} strokeWidth="3" strokeDasharray="4 3" />}
      {shape === 'point' && (
        <circle cx="10" cy="10" r="4.5" fill={colour} stroke="#ffffff" strokeWidth="1.5" />
      )}
    </svg>
  );
}

/**
 * The map's reference layers as a legend over the map: each with its name in the reader's
 * language, a swatch, and a checkbox that shows or hides it (keyboard and screen reader
 * friendly). Their features' labels are listed for screen readers, the map's text equivalent.
 */
export function ReferenceLegend({ layers, hidden, onToggle }: ReferenceLegendProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  if (layers.length === 0) return null;
  return (
    <details className="reference-legend" open data-testid="reference-legend">
      <summary className="reference-legend__summary">{t('map.referenceLayers.title')}</summary>
      <ul className="reference-legend__list">
        {layers.map((layer) => {
          const name = textInLanguage(layer.names, language);
          const shapes = shapesOf(layer);
          const labels = layer.data.features
            .map((feature) => feature.properties.label)
            .filter((label): label is string => typeof label === 'string' && label.length > 0);
          const checkboxId = `${id}-${layer.id}`;
          return (
            <li key={layer.id} className="reference-legend__item">
              {/* The whole line is the checkbox's label: a touch target as tall as the line. */}
              <label className="reference-legend__label">
                <input
                  type="checkbox"
                  checked={!hidden.has(layer.id)}
                  onChange={(event) => onToggle(layer.id, event.target.checked)}
                  aria-describedby={`${checkboxId}-count`}
                  data-testid={`reference-toggle-${layer.id}`}
                />
                <Swatch colour={layer.colour} shapes={shapes} />
                <span lang={langIfDifferent(name, language)} dir="auto">
                  {name.text || t('map.referenceLayers.unnamed')}
                </span>
              </label>
              <div className="visually-hidden">
                <p id={`${checkboxId}-count`}>
                  {t('map.referenceLayers.features', { count: layer.data.features.length })}
                </p>
                {labels.length > 0 && (
                  <ul>
                    {labels.slice(0, MAX_LISTED_LABELS).map((label, index) => (
                      // Labels may repeat; their place in the list (which never reorders) tells them apart.
                      <li key={index} dir="auto">
                        {label}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
