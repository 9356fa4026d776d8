import type { Category, PublicContributionFeature } from '@nabolag/schema';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ProjectText } from '../../i18n/project-text-scope.tsx';
import { placeText } from './place-text.ts';
import { placesByCategory } from './places.ts';

interface PlacesOnMapProps {
  categories: readonly Category[];
  /** The places drawn on the map; `null` while they load. */
  features: readonly PublicContributionFeature[] | null;
}

/**
 * The map's content as text, for screen readers: every place on the map by category, each with
 * its kind, the start of its story and its day. Hidden from sight, since the map shows the same.
 */
export function PlacesOnMap({ categories, features }: PlacesOnMapProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const groups = useMemo(() => placesByCategory(categories, features ?? []), [categories, features]);
  if (features === null) return null;
  return (
    <section className="visually-hidden" aria-labelledby={`${id}-heading`} data-testid="places-on-map">
      <h2 id={`${id}-heading`}>{t('map.placesHeading')}</h2>
      {groups.length === 0 && <p>{t('map.placesEmpty')}</p>}
      {groups.map(({ category, features: inCategory }) => (
        <section key={category.key} aria-labelledby={`${id}-${category.key}`}>
          <h3 id={`${id}-${category.key}`}>
            <ProjectText text={category.labels} /> ({inCategory.length})
          </h3>
          <ul>
            {inCategory.map((feature) => (
              <li key={feature.id}>{placeText(feature, t, i18n.language)}</li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
