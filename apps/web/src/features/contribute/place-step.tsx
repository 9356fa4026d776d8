import type { Category, ContributionGeometryType, Project, PublicContributionFeature } from '@nabolag/schema';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { CategoryIcon } from '../../lib/category-icon.tsx';
import type { LngLat } from '../../lib/lng-lat.ts';
import type { ProjectMapHandle } from '../../map/project-map.tsx';
import { pathOf } from './draft.ts';
import { addVertexAt } from './drawing-actions.ts';
import { DrawingControls } from './drawing-controls.tsx';
import { effectiveGeometryType, geometryTypesOf } from './drawn-geometry.ts';
import { PlaceSearch } from './place-search.tsx';
import type { useContribution } from './use-contribution.ts';
import './place-step.css';

interface PlaceStepProps {
  project: Project;
  category: Category;
  contribution: ReturnType<typeof useContribution>;
  map: RefObject<ProjectMapHandle | null>;
  /** The places already on the map, offered as spots to mark without the map. */
  places: readonly PublicContributionFeature[];
}

const GEOMETRY_TEST_IDS: Record<ContributionGeometryType, string> = {
  Point: 'geometry-point',
  LineString: 'geometry-line',
  Polygon: 'geometry-area',
};

/**
 * "Where is it?": a point, or a route or area where the category takes one, marked on the map
 * by touch, mouse or keyboard — or found by address or from a list, without the map.
 */
export function PlaceStep({ project, category, contribution, map, places }: PlaceStepProps) {
  const { t, i18n } = useTranslation();
  const { draft, sending, chooseGeometry, place, announce } = contribution;
  const label = textInLanguage(category.labels, i18n.language);
  const types = geometryTypesOf(category);
  const geometryType = effectiveGeometryType(draft.geometryType, category);

  const placeAtCentre = () => {
    const centre = map.current?.centre();
    if (!centre) return;
    place(centre);
    announce({ tone: 'info', key: 'contribute.announce.pointPlaced' });
  };

  /** A spot chosen without the map: the point goes there, or the next vertex of the drawing. */
  const markAt = (position: LngLat, label?: string) => {
    map.current?.showPosition(position);
    if (geometryType !== 'Point') {
      if (map.current) {
        addVertexAt(position, map.current, geometryType, pathOf(draft, geometryType).finished, announce);
      }
      return;
    }
    place(position);
    announce(
      label
        ? { tone: 'info', key: 'contribute.announce.pointPlacedAt', values: { place: label } }
        : { tone: 'info', key: 'contribute.announce.pointPlaced' },
    );
  };

  return (
    <div className="contribute__step">
      <p className="place-step__category">
        <CategoryIcon icon={category.icon} colour={category.colour} />
        <span lang={langIfDifferent(label, i18n.language)} dir="auto">
          {label.text}
        </span>
      </p>

      {types.length > 1 && (
        <fieldset className="geometry-choice" disabled={sending}>
          <legend className="geometry-choice__legend">{t('contribute.geometryLegend')}</legend>
          <div className="geometry-choice__options">
            {types.map((type) => (
              <label key={type} className="geometry-choice__option">
                <input
                  type="radio"
                  name="geometry-type"
                  value={type}
                  checked={type === geometryType}
                  data-testid={GEOMETRY_TEST_IDS[type]}
                  onChange={() => chooseGeometry(type)}
                />
                <GeometryIcon type={type} />
                <span>{t(`contribute.geometry.${type}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {geometryType === 'Point' ? (
        <>
          <p className="field__hint">{t('contribute.placeInstructions')}</p>
          <div className="button-row">
            <button type="button" className="button" data-testid="place-centre" onClick={placeAtCentre}>
              <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                <path d="M10 1v6M10 13v6M1 10h6M13 10h6" stroke="currentColor" strokeWidth="2" fill="none" />
              </svg>
              {t('contribute.placeAtCentre')}
            </button>
            <button
              type="button"
              className="button button--quiet for-keyboards"
              data-testid="focus-map"
              onClick={() => map.current?.focus()}
            >
              {t('contribute.moveMapWithKeyboard')}
            </button>
          </div>
          {/* Not live: the status region announces each placing. */}
          <p className={draft.position ? 'place-state is-placed' : 'place-state'}>
            {draft.position ? t('contribute.placed') : t('contribute.notPlaced')}
          </p>
        </>
      ) : (
        <DrawingControls
          geometryType={geometryType}
          path={pathOf(draft, geometryType)}
          map={map}
          announce={announce}
        />
      )}

      <PlaceSearch project={project} places={places} onChoose={markAt} />
    </div>
  );
}

function GeometryIcon({ type }: { type: ContributionGeometryType }) {
  return (
    <svg className="geometry-choice__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {type === 'Point' && (
        <path
          d="M12 2.5c-3.6 0-6.5 2.8-6.5 6.4 0 4.8 6.5 12.6 6.5 12.6s6.5-7.8 6.5-12.6c0-3.6-2.9-6.4-6.5-6.4z"
          fill="currentColor"
        />
      )}
      {type === 'LineString' && (
        <>
          <path
            d="M3 19l6-9 6 5 6-10"
            stroke="currentColor"
            strokeWidth="2"
            fill="none"
            strokeLinejoin="round"
          />
          <circle cx="3" cy="19" r="2" fill="currentColor" />
          <circle cx="21" cy="5" r="2" fill="currentColor" />
        </>
      )}
      {type === 'Polygon' && (
        <path
          d="M4 7l8-4 8 5-2 11H6z"
          stroke="currentColor"
          strokeWidth="2"
          fill="currentColor"
          fillOpacity="0.25"
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
}
