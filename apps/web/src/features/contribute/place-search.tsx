import type { Project, PublicContributionFeature } from '@nabolag/schema';
import { pickText, projectTextFallback } from '@nabolag/schema/plain';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { webConfig } from '../../app/web-config.ts';
import type { LngLat } from '../../lib/lng-lat.ts';
import { type Geocoder, type GeocoderHit, geocoderFor, isNear } from './geocoder.ts';
import { placeText } from './place-text.ts';
import { centreOfBounds, placesByCategory, representativePosition } from './places.ts';

/** How far outside the project's bounding box an address may lie and still be offered, in degrees (~1 km). */
const AREA_MARGIN_DEGREES = 0.01;
/** Places of a category listed before "Show all". */
const PLACES_SHOWN = 5;

const defaultGeocoder = geocoderFor(webConfig.geocoder);

/** `label` names the spot in the announcement (an address); left out for other people's places. */
export type ChoosePlace = (position: LngLat, label?: string) => void;

interface PlaceSearchProps {
  project: Project;
  places: readonly PublicContributionFeature[];
  onChoose: ChoosePlace;
  /** The address search; the web app's configured one unless given (`null`: none). */
  geocoder?: Geocoder | null;
}

/**
 * Marking a place without the map, for screen-reader users and anyone who knows the address
 * better than the map: an address search (Kartverket's by default), and the project's own list
 * of places — its middle and what others have added, by category — which also serves when the
 * address search cannot be reached.
 */
export function PlaceSearch({ project, places, onChoose, geocoder = defaultGeocoder }: PlaceSearchProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="place-search">
      <button
        type="button"
        className="button button--quiet place-search__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="find-place"
        onClick={() => setOpen((value) => !value)}
      >
        <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" stroke="currentColor" strokeWidth="2" fill="none" />
          <path d="M12.5 12.5L18 18" stroke="currentColor" strokeWidth="2" />
        </svg>
        {t('contribute.search.open')}
      </button>
      <div id={panelId} className="place-search__panel" hidden={!open}>
        {open && (
          <>
            {geocoder && <AddressSearch project={project} geocoder={geocoder} onChoose={onChoose} />}
            <NamedPlaces project={project} places={places} onChoose={onChoose} />
          </>
        )}
      </div>
    </div>
  );
}

type SearchState =
  | { status: 'idle' }
  | { status: 'empty-query' }
  | { status: 'searching' }
  | { status: 'found'; text: string; hits: GeocoderHit[] }
  | { status: 'failed'; reason: 'unreachable' | 'unexpected' };

function AddressSearch({
  project,
  geocoder,
  onChoose,
}: {
  project: Project;
  geocoder: Geocoder;
  onChoose: ChoosePlace;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const search = async () => {
    const query = text.trim();
    if (query.length === 0) {
      setState({ status: 'empty-query' });
      return;
    }
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ status: 'searching' });
    try {
      const outcome = await geocoder.search(query, controller.signal);
      if (controller.signal.aborted) return;
      setState(
        outcome.ok
          ? {
              status: 'found',
              text: query,
              hits: outcome.hits.filter((hit) => isNear(hit.position, project.bounds, AREA_MARGIN_DEGREES)),
            }
          : { status: 'failed', reason: outcome.reason },
      );
    } catch {
      // aborted by a newer search or by leaving the page
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter searches; it must not send the contribution form around this field.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search();
  };

  let message = '';
  if (state.status === 'empty-query') message = t('contribute.search.emptyQuery');
  else if (state.status === 'searching') message = t('contribute.search.searching');
  else if (state.status === 'failed') message = t(`contribute.search.${state.reason}`);
  else if (state.status === 'found') {
    message =
      state.hits.length > 0
        ? t('contribute.search.found', { count: state.hits.length })
        : t('contribute.search.none', { text: state.text });
  }

  return (
    <div className="place-search__address">
      <div className="field">
        <label htmlFor={`${id}-input`} className="field__label">
          {t('contribute.search.label')}
        </label>
        <p id={`${id}-hint`} className="field__hint">
          {t('contribute.search.hint')}
        </p>
        <div className="place-search__row">
          <input
            id={`${id}-input`}
            type="search"
            className="field__input"
            autoComplete="street-address"
            enterKeyHint="search"
            value={text}
            aria-describedby={`${id}-hint`}
            data-testid="place-search-input"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <button
            type="button"
            className="button"
            data-testid="place-search-submit"
            aria-disabled={state.status === 'searching'}
            onClick={() => void search()}
          >
            {t('contribute.search.submit')}
          </button>
        </div>
      </div>
      <p
        role="status"
        className={state.status === 'failed' ? 'place-search__status is-failed' : 'place-search__status'}
        data-testid="place-search-status"
        data-state={state.status}
      >
        {message}
      </p>
      {state.status === 'found' && state.hits.length > 0 && (
        <ul
          className="place-list"
          aria-label={t('contribute.search.resultsLabel')}
          data-testid="place-search-results"
        >
          {state.hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                className="place-list__choice"
                onClick={() => onChoose(hit.position, hit.label)}
              >
                {hit.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NamedPlaces({
  project,
  places,
  onChoose,
}: {
  project: Project;
  places: readonly PublicContributionFeature[];
  onChoose: ChoosePlace;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const groups = useMemo(() => placesByCategory(project.categories, places), [project.categories, places]);
  const centre = centreOfBounds(project.bounds);
  return (
    <section className="place-search__places" aria-labelledby={`${id}-heading`} data-testid="named-places">
      <h4 id={`${id}-heading`} className="place-search__heading">
        {t('contribute.search.placesHeading')}
      </h4>
      <p className="field__hint">{t('contribute.search.placesIntro')}</p>
      <ul className="place-list">
        <li>
          <button
            type="button"
            className="place-list__choice"
            data-testid="named-place-centre"
            onClick={() => onChoose(centre)}
          >
            {t('contribute.search.areaCentre')}
          </button>
        </li>
      </ul>
      {groups.map(({ category, features }) => (
        <CategoryPlaces
          key={category.key}
          label={pickText(category.labels, i18n.language, projectTextFallback(project))}
          colour={category.colour}
          categoryKey={category.key}
          features={features}
          describe={(feature) => placeText(feature, t, i18n.language)}
          onChoose={onChoose}
        />
      ))}
    </section>
  );
}

function CategoryPlaces({
  label,
  colour,
  categoryKey,
  features,
  describe,
  onChoose,
}: {
  label: string;
  colour: string;
  categoryKey: string;
  features: readonly PublicContributionFeature[];
  describe: (feature: PublicContributionFeature) => string;
  onChoose: ChoosePlace;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [all, setAll] = useState(false);
  const shown = all ? features : features.slice(0, PLACES_SHOWN);
  return (
    <div className="place-search__group" data-testid={`named-places-${categoryKey}`}>
      <h5 id={`${id}-label`} className="place-search__group-label">
        <span className="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
        {label}
      </h5>
      <ul className="place-list" aria-labelledby={`${id}-label`}>
        {shown.map((feature) => {
          const position = representativePosition(feature.geometry);
          return position ? (
            <li key={feature.id}>
              <button type="button" className="place-list__choice" onClick={() => onChoose(position)}>
                {describe(feature)}
              </button>
            </li>
          ) : null;
        })}
      </ul>
      {features.length > PLACES_SHOWN && (
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all
            ? t('contribute.search.showFewer')
            : t('contribute.search.showAll', { count: features.length })}
        </button>
      )}
    </div>
  );
}
