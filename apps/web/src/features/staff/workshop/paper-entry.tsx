import { type Category, pickText } from '@nabolag/schema';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import type { LngLat } from '../../../lib/lng-lat.ts';
import { newContributionId } from '../../contribute/contribution-id.ts';
import { useStaff } from '../staff-session.ts';

/** The place being entered from a paper map: its category and, once put down, where it is. */
export interface PaperPlacing {
  category: string;
  position: LngLat | null;
}

export interface PaperEntryProps {
  code: string;
  /** The categories that take a point. */
  categories: readonly Category[];
  groups: readonly string[];
  placing: PaperPlacing | null;
  onPlacingChange: (placing: PaperPlacing | null) => void;
  mapCentre: () => LngLat | null;
  onSent: (id: string, story: string | null) => void;
}

/**
 * "Enter from a paper map": the facilitator picks a category, puts the point on the console's
 * map (a click, or the map centre), adds the story and table if any and the paper map's label,
 * and sends it for the participants (`POST /api/staff/sessions/:code/contributions`).
 */
export function PaperEntry({
  code,
  categories,
  groups,
  placing,
  onPlacingChange,
  mapCentre,
  onSent,
}: PaperEntryProps) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const [story, setStory] = useState('');
  const [group, setGroup] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Kept until the server accepts it, so that sending again after a lost answer stores nothing twice.
  const [draftId, setDraftId] = useState(newContributionId);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!placing) {
      setProblem(t('staff.workshops.paper.chooseCategory'));
      return;
    }
    if (!placing.position) {
      setProblem(t('staff.workshops.paper.placeFirst'));
      return;
    }
    setBusy(true);
    setProblem(null);
    const text = story.trim();
    const result = await api.enterPaperContribution(code, {
      id: draftId,
      category: placing.category,
      geometry: { type: 'Point', coordinates: placing.position },
      ...(text ? { story: text } : {}),
      ...(group ? { sessionGroup: group } : {}),
      ...(label.trim() ? { paperParticipant: label.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setProblem(`${t('staff.workshops.paper.failed')} ${t(errorMessageKey(result.error.code))}`);
      return;
    }
    onSent(result.value.id, text || null);
    // The next place of the same paper map: same label and table, a new point.
    setDraftId(newContributionId());
    setStory('');
    onPlacingChange(null);
  };

  return (
    <section aria-labelledby="paper-entry-title" className="paper-entry" data-testid="paper-entry">
      <h2 id="paper-entry-title">{t('staff.workshops.paper.title')}</h2>
      <p className="field__hint">{t('staff.workshops.paper.hint')}</p>
      <form className="staff-form" onSubmit={(event) => void send(event)}>
        <div className="field-row">
          <div className="field">
            <label htmlFor="paper-category">{t('staff.workshops.paper.category')}</label>
            <select
              id="paper-category"
              value={placing?.category ?? ''}
              onChange={(event) =>
                onPlacingChange(
                  event.target.value
                    ? { category: event.target.value, position: placing?.position ?? null }
                    : null,
                )
              }
              data-testid="paper-category"
            >
              <option value="">{t('staff.workshops.paper.chooseCategory')}</option>
              {categories.map((category) => (
                <option key={category.key} value={category.key}>
                  {pickText(category.labels, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="paper-label">{t('staff.workshops.paper.label')}</label>
            <input
              id="paper-label"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              maxLength={60}
              placeholder={t('staff.workshops.paper.labelExample')}
              data-testid="paper-label"
            />
          </div>
          {groups.length > 0 && (
            <div className="field">
              <label htmlFor="paper-group">{t('staff.workshops.group')}</label>
              <select
                id="paper-group"
                value={group}
                onChange={(event) => setGroup(event.target.value)}
                data-testid="paper-group"
              >
                <option value="">{t('staff.workshops.noGroup')}</option>
                {groups.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        {placing && (
          <p
            className="paper-entry__where"
            data-testid="paper-position"
            data-placed={placing.position ? 'true' : 'false'}
          >
            {placing.position ? t('staff.workshops.paper.placed') : t('staff.workshops.paper.clickMap')}{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                const centre = mapCentre();
                if (centre) onPlacingChange({ ...placing, position: centre });
              }}
              data-testid="paper-place-centre"
            >
              {t('staff.workshops.paper.useCentre')}
            </button>
          </p>
        )}
        <div className="field">
          <label htmlFor="paper-story">{t('staff.workshops.paper.story')}</label>
          <textarea
            id="paper-story"
            rows={3}
            value={story}
            onChange={(event) => setStory(event.target.value)}
            data-testid="paper-story"
          />
        </div>
        {problem && (
          <p role="alert" className="notice notice--error" data-testid="paper-problem">
            {problem}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={busy}
            data-testid="paper-send"
          >
            {t('staff.workshops.paper.send')}
          </button>
          {placing && (
            <button type="button" className="button" onClick={() => onPlacingChange(null)}>
              {t('staff.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
