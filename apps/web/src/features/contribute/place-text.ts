import type { PublicContributionFeature } from '@nabolag/schema';
import type { TFunction } from 'i18next';
import { formatDay } from '../../i18n/format.ts';
import { excerpt } from './places.ts';

/**
 * A contribution in words, for lists read instead of the map: its kind (point, route, area), the
 * start of its story and the day it was added.
 */
export function placeText(feature: PublicContributionFeature, t: TFunction, language: string): string {
  const kind = t(`map.placeKind.${feature.geometry.type}`);
  const date = formatDay(feature.properties.created, language);
  const story = excerpt(feature.properties.story);
  return story ? t('map.placeItem', { kind, story, date }) : t('map.placeItemNoStory', { kind, date });
}
