import type { Project } from '@nabolag/schema';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getParticipation } from '../../api/nabolag-api.ts';
import { afterInteractive } from '../../api/schemas.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';

interface WelcomeProps {
  project: Project;
  /** How many places the map shows (`null` while the list loads). */
  placesCount: number | null;
  /** The links to the results and "My places" (left out on a kiosk). */
  links: ReactNode;
  /** What else the page shows first: the outbox, a failed list of places. */
  children?: ReactNode;
}

/**
 * The first thing a resident sees beside the map: what the project is for, in the reader's
 * language where the project has it; how many neighbours have taken part; and the way to the
 * results. "Add a place" is in the panel's footer (see ResidentMap), always in view.
 */
export function Welcome({ project, placesCount, links, children }: WelcomeProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [aboutOpen, setAboutOpen] = useState(false);
  const participants = useParticipants(project.slug);
  const descriptionText = textInLanguage(project.description, language);
  const notYetOpen = project.opensAt !== null && new Date(project.opensAt).getTime() > Date.now();

  return (
    <div className="welcome" data-testid="welcome">
      {descriptionText.text && (
        <div className="welcome__about">
          <p
            id="project-description"
            className={aboutOpen ? 'welcome__purpose is-open' : 'welcome__purpose'}
            lang={langIfDifferent(descriptionText, language)}
            dir="auto"
          >
            {descriptionText.text}
          </p>
          {/* The first lines only until asked; the full text is always there for screen readers. */}
          <button
            type="button"
            className="button button--quiet welcome__more"
            aria-expanded={aboutOpen}
            aria-controls="project-description"
            onClick={() => setAboutOpen((open) => !open)}
          >
            {aboutOpen ? t('project.readLess') : t('project.readMore')}
          </button>
        </div>
      )}

      <p
        className="welcome__participation"
        data-testid="participation"
        data-participants={participants ?? ''}
      >
        {participants !== null
          ? t('contribute.welcome.participants', { count: participants })
          : t('contribute.welcome.beFirst')}
        {placesCount !== null && (
          <span className="welcome__places"> {t('project.placesCount', { count: placesCount })}</span>
        )}
      </p>

      {links}
      {children}

      {project.open ? (
        project.closesAt && (
          <p className="welcome__closes">
            {t('project.closesAt', { date: formatDateTime(project.closesAt, language) })}
          </p>
        )
      ) : (
        <div className="notice">
          <h2 className="notice__title">
            {notYetOpen ? t('project.notYetOpenTitle') : t('project.closedTitle')}
          </h2>
          <p>
            {notYetOpen && project.opensAt
              ? t('project.notYetOpenText', { date: formatDateTime(project.opensAt, language) })
              : t('project.closedText')}
          </p>
        </div>
      )}
    </div>
  );
}

/**
 * The number of people who have taken part, once the map answers input (it is not needed for
 * the first screen); `null` while it loads, when it fails, or below the project's k.
 */
function useParticipants(slug: string): number | null {
  const [participants, setParticipants] = useState<number | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    afterInteractive(() => {
      if (abort.signal.aborted) return;
      getParticipation(slug, abort.signal).then(
        (result) => {
          if (!abort.signal.aborted && result.ok) setParticipants(result.value.participants);
        },
        () => undefined, // aborted
      );
    });
    return () => abort.abort();
  }, [slug]);
  return participants;
}
