import { type Project, type ProjectResults, pickText } from '@nabolag/schema';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placeName } from '../../i18n/place-name.ts';
import { HEATMAP_COLOURS } from '../../map/heatmap-cells.ts';
import { ProjectMap, type ProjectMapHandle } from '../../map/project-map.tsx';
import { useReferenceLayers } from '../projects/use-reference-layers.ts';
import { categoryHeatmap, firstCategory } from './results-view.ts';

/** No pins on this map: it shows counts per hexagon only. A constant, so it is drawn once. */
const NO_CONTRIBUTIONS = [] as const;
const noop = () => undefined;

/**
 * The heatmap of one category at a time (a picker above the map), with its legend, and the
 * most-named places as a list — the map's equivalent for keyboard and screen-reader users, each
 * with "Show on map".
 */
export function ResultsMapSection({ project, results }: { project: Project; results: ProjectResults }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const map = useRef<ProjectMapHandle>(null);
  const [chosen, setChosen] = useState<string | null>(() => firstCategory(results));
  const heatmap = useMemo(() => categoryHeatmap(results, chosen), [results, chosen]);
  const referenceLayers = useReferenceLayers(project.slug);
  const category = results.categories.find((candidate) => candidate.key === chosen);
  const definition = project.categories.find((candidate) => candidate.key === chosen);
  const label = definition ? pickText(definition.labels, language) : (chosen ?? '');

  return (
    <section className="results__map-section" aria-labelledby="results-map-title">
      <h2 id="results-map-title">{t('results.mapHeading')}</h2>
      <p className="results__privacy">{t('results.privacyNote', { k: results.k })}</p>

      <fieldset className="results__categories">
        <legend>{t('results.categoryLabel')}</legend>
        {results.categories.map((entry) => {
          const own = project.categories.find((candidate) => candidate.key === entry.key);
          return (
            <label
              key={entry.key}
              className="results__category"
              data-testid={`results-category-${entry.key}`}
            >
              <input
                type="radio"
                name="results-category"
                value={entry.key}
                checked={entry.key === chosen}
                onChange={() => setChosen(entry.key)}
              />
              <span className="swatch" style={{ background: own?.colour ?? '#5f6b7a' }} aria-hidden="true" />
              <span dir="auto">{own ? pickText(own.labels, language) : entry.key}</span>
            </label>
          );
        })}
      </fieldset>

      <div className="results__map" data-testid="results-map" data-category={chosen ?? ''}>
        <ProjectMap
          ref={map}
          project={project}
          contributions={NO_CONTRIBUTIONS}
          placing={false}
          draftPosition={null}
          draftColour="#1d4f91"
          onPlace={noop}
          heatmap={heatmap}
          referenceLayers={referenceLayers}
        />
      </div>
      <div className="results__legend" aria-hidden="true">
        <span>{t('results.legendFew')}</span>
        <span className="results__legend-scale">
          {HEATMAP_COLOURS.map((colour) => (
            <span key={colour} style={{ background: colour }} />
          ))}
        </span>
        <span>{t('results.legendMany')}</span>
      </div>

      <h3 className="results__places-title" dir="auto">
        {t('results.topPlacesHeading', { category: label })}
      </h3>
      {category && category.topPlaces.length > 0 ? (
        <ol className="results__places" data-testid="results-top-places">
          {category.topPlaces.map((place) => {
            const name = placeName(t, place, { category: label, bounds: project.bounds });
            return (
              <li
                key={place.id}
                className="results__place"
                data-label-source={place.labelSource ?? 'described'}
              >
                <span className="results__place-name" dir="auto">
                  {name}
                </span>
                <span className="results__place-counts">
                  <span>{t('results.placePeople', { count: place.participants })}</span>
                  <span>{t('results.placeMentions', { count: place.contributions })}</span>
                </span>
                <button
                  type="button"
                  className="button results__show"
                  onClick={() => map.current?.showPosition(place.centre)}
                >
                  {t('results.showOnMap')}
                  <span className="visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="results__category-empty" data-testid="results-category-empty">
          {t('results.categoryEmpty', { k: results.k })}
        </p>
      )}
    </section>
  );
}
