import type { Category } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../i18n/format.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { CategoryIcon } from '../../lib/category-icon.tsx';
import type { ShownContribution } from '../../map/project-map.tsx';

interface PlaceDetailsProps {
  place: ShownContribution;
  category: Category | undefined;
  /** Offers "Report" for a story that should not be there. */
  onReport?: (contributionId: string) => void;
}

/**
 * A tapped place, in the phone's sheet rather than a popup behind it: its category, photo,
 * story, day, and "Report". The heading is in the sheet's header (see ResidentMap).
 */
export function PlaceDetails({ place, category, onReport }: PlaceDetailsProps) {
  const { t, i18n } = useTranslation();
  const label = category ? textInLanguage(category.labels, i18n.language) : null;
  return (
    <div className="place-details" data-testid="place-details" data-id={place.id}>
      <p className="place-details__category">
        <CategoryIcon icon={category?.icon} colour={category?.colour ?? '#5b6470'} size="large" />
        <span lang={label ? langIfDifferent(label, i18n.language) : undefined} dir="auto">
          {label?.text ?? place.category}
        </span>
      </p>
      {place.photo && (
        <img className="place-details__photo" src={place.photo} alt={label?.text ?? ''} decoding="async" />
      )}
      <p className={place.story ? 'place-details__story' : 'place-details__story is-empty'} dir="auto">
        {place.story ?? t('map.noStory')}
      </p>
      {place.created && (
        <p className="place-details__date">
          {t('map.addedOn', { date: formatDay(place.created, i18n.language) })}
        </p>
      )}
      {onReport && place.story && (
        <button
          type="button"
          className="button place-details__report"
          data-testid="report"
          onClick={() => onReport(place.id)}
        >
          {t('report.button')}
        </button>
      )}
    </div>
  );
}
