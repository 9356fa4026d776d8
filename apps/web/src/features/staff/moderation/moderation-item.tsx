import type { Category, ModerationItem } from '@nabolag/schema';
import { pickText } from '@nabolag/schema';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../common/format.ts';
import { canFeature, type ItemAction } from './moderation-queue.ts';

/** The automatic flags the API sets (`story-flags.ts`), each with a sentence. */
const AUTOMATIC_FLAGS: Record<string, ParseKeys> = {
  email: 'staff.moderation.flags.email',
  phone: 'staff.moderation.flags.phone',
  'personal-name': 'staff.moderation.flags.personal-name',
  abusive: 'staff.moderation.flags.abusive',
};

const STATUS_KEYS: Record<ModerationItem['status'], ParseKeys> = {
  pending: 'staff.moderation.status.pending',
  published: 'staff.moderation.status.published',
  hidden: 'staff.moderation.status.hidden',
};

const GEOMETRY_KEYS: Record<ModerationItem['geometry']['type'], ParseKeys> = {
  Point: 'staff.categories.types.Point',
  LineString: 'staff.categories.types.LineString',
  Polygon: 'staff.categories.types.Polygon',
};

interface ModerationItemCardProps {
  item: ModerationItem;
  category: Category | undefined;
  /** The title of the workshop the item came from, when known (else its join code is shown). */
  sessionTitle?: string | undefined;
  /** Whether the user may erase a participant (admins). */
  canErase: boolean;
  busy: boolean;
  onAction: (action: ItemAction | { action: 'ask-hide' }) => void;
}

/** One contribution as a moderator sees it, with what can be done to it. */
export function ModerationItemCard({
  item,
  category,
  sessionTitle,
  canErase,
  busy,
  onAction,
}: ModerationItemCardProps) {
  const { t, i18n } = useTranslation();
  const label = category ? pickText(category.labels, i18n.language) : item.category;
  const headingId = `item-${item.id}-heading`;
  const flagged = item.flags.length > 0;

  return (
    <article
      className={`moderation-item moderation-item--${item.status}`}
      aria-labelledby={headingId}
      aria-busy={busy}
      data-testid="moderation-item"
      data-id={item.id}
      data-status={item.status}
    >
      <header className="moderation-item__header">
        <h3 id={headingId} className="moderation-item__category">
          <span className="swatch" style={{ background: category?.colour ?? '#5f6b7a' }} aria-hidden="true" />
          {label}
        </h3>
        <span className={`badge badge--${item.status}`}>{t(STATUS_KEYS[item.status])}</span>
        {item.featured && (
          <span className="badge badge--featured" data-testid="featured-badge">
            {t('staff.moderation.featuredBadge')}
          </span>
        )}
      </header>
      <p className="moderation-item__meta">
        <span>{formatMoment(item.createdAt, i18n.language)}</span>
        <span>{t(GEOMETRY_KEYS[item.geometry.type])}</span>
        {item.session && (
          <span data-testid="moderation-session">
            {t('staff.moderation.session', {
              code: sessionTitle ? `${sessionTitle} (${item.session})` : item.session,
            })}
          </span>
        )}
      </p>

      {flagged && (
        <ul className="moderation-item__flags" aria-label={t('staff.moderation.flagsLabel')}>
          {item.flags.map((flag, index) => (
            <li key={`${flag.source}-${flag.reason}-${index}`} className={`flag flag--${flag.source}`}>
              {flag.source === 'automatic'
                ? t(AUTOMATIC_FLAGS[flag.reason] ?? 'staff.moderation.flags.other', { reason: flag.reason })
                : t('staff.moderation.flags.report', { reason: flag.reason })}
            </li>
          ))}
        </ul>
      )}

      {item.story ? (
        <blockquote className="moderation-item__story" data-testid="moderation-story">
          {item.story}
        </blockquote>
      ) : (
        <p className="moderation-item__story is-empty">{t('map.noStory')}</p>
      )}

      {item.photo && (
        <img
          className="moderation-item__photo"
          src={item.photo}
          alt={t('staff.moderation.photoAlt')}
          loading="lazy"
          decoding="async"
        />
      )}

      {item.status === 'hidden' && item.moderationReason && (
        <p className="moderation-item__reason">
          {t('staff.moderation.hiddenBecause', { reason: item.moderationReason })}
        </p>
      )}

      <div className="button-row moderation-item__actions">
        {item.status === 'pending' && (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => onAction({ action: 'publish' })}
            aria-disabled={busy}
            data-testid="publish"
          >
            {t('staff.moderation.publish')}
          </button>
        )}
        {item.status === 'published' && flagged && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onAction({ action: 'publish' })}
            aria-disabled={busy}
            data-testid="keep"
          >
            {t('staff.moderation.keep')}
          </button>
        )}
        {item.status === 'hidden' ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => onAction({ action: 'restore' })}
            aria-disabled={busy}
            data-testid="restore"
          >
            {t('staff.moderation.restore')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            onClick={() => onAction({ action: 'ask-hide' })}
            aria-disabled={busy}
            data-testid="hide"
          >
            {t('staff.moderation.hide')}
          </button>
        )}
        {canFeature(item) && (
          <button
            type="button"
            className="button button--small"
            aria-pressed={item.featured}
            onClick={() => onAction({ action: 'feature', featured: !item.featured })}
            aria-disabled={busy}
            data-testid="feature"
          >
            {t('staff.moderation.feature')}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--danger-quiet"
          onClick={() => onAction({ action: 'delete' })}
          aria-disabled={busy}
          data-testid="delete"
        >
          {t('staff.moderation.delete')}
        </button>
        {canErase && (
          <button
            type="button"
            className="button button--small button--danger-quiet"
            onClick={() => onAction({ action: 'erase' })}
            aria-disabled={busy}
            data-testid="erase"
          >
            {t('staff.moderation.erase')}
          </button>
        )}
      </div>
    </article>
  );
}
