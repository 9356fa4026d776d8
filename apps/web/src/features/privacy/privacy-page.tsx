import type { BackgroundQuestion, Project } from '@nabolag/schema';
import { projectTextFallback } from '@nabolag/schema/plain';
import type { ParseKeys } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from '../../app/router.tsx';
import { myPlacesPath, projectPath } from '../../app/routes.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { ProjectLoadFailed, ProjectLoading } from '../projects/project-load-states.tsx';
import { useProject } from '../projects/use-project.ts';
import { basemapHosts, contactParts } from './contact-parts.ts';
import { ExternalLink } from './external-link.tsx';
import './privacy.css';

/** The Norwegian Data Protection Authority, where a complaint goes (GDPR art. 77). */
const DATATILSYNET_URL = 'https://www.datatilsynet.no/';

/** How each background question a project may ask is named in the list of what is collected. */
const QUESTION_KEYS = {
  ageBand: 'privacy.questions.ageBand',
  relation: 'privacy.questions.relation',
  yearsInArea: 'privacy.questions.yearsInArea',
} as const satisfies Record<BackgroundQuestion, ParseKeys>;

/**
 * `/p/:slug/privacy`: the privacy notice of one project (GDPR art. 13), in plain words and in
 * every language the interface offers. The project supplies what varies: its title, the privacy
 * contact, k, the retention period and the background map's host.
 */
export function PrivacyPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { state, retry } = useProject(slug);

  if (state.status === 'loading') return <ProjectLoading>{t('privacy.loading')}</ProjectLoading>;

  if (state.status === 'failed') {
    return <ProjectLoadFailed error={state.error} title={t('privacy.title')} onRetry={retry} />;
  }

  return <PrivacyNotice project={state.project} />;
}

function PrivacyNotice({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const title = textInLanguage(project.title, language, projectTextFallback(project));
  const contact = project.privacyContact.trim();
  // Only the questions this project asks; none asked, none collected (and none to delete).
  const asksQuestions = project.backgroundQuestions.length > 0;
  const hosts = basemapHosts(
    project.basemap.kind === 'raster'
      ? project.basemap.tiles
      : project.basemap.kind === 'style'
        ? [project.basemap.url]
        : [],
  );

  return (
    <article className="page page--narrow prose" aria-labelledby="privacy-title">
      <p className="prose__back">
        <Link href={projectPath(project.slug)}>
          <svg className="prose__back-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M12 4l-6 6 6 6" stroke="currentColor" strokeWidth="2" fill="none" />
          </svg>
          {t('privacy.backToMap')}
        </Link>
      </p>
      <h1 id="privacy-title">{t('privacy.title')}</h1>
      {/* <bdi>: a Norwegian title inside an Arabic sentence keeps its own direction. */}
      <p className="lead">
        <Trans
          i18nKey="privacy.intro"
          values={{ project: title.text }}
          components={{ project: <bdi lang={langIfDifferent(title, language)} /> }}
        />
      </p>

      <section aria-labelledby="privacy-responsible">
        <h2 id="privacy-responsible">{t('privacy.responsibleHeading')}</h2>
        <p>{t('privacy.responsibleText')}</p>
        {contact ? (
          <p data-testid="privacy-contact">
            <strong>{t('privacy.contactLabel')}</strong>{' '}
            {contactParts(contact).map((part, index) =>
              part.kind === 'text' ? (
                <span key={index}>{part.text}</span>
              ) : (
                <a key={index} href={part.href} dir="ltr">
                  {part.text}
                </a>
              ),
            )}
          </p>
        ) : (
          <p data-testid="privacy-contact">{t('privacy.contactMissing')}</p>
        )}
      </section>

      <section aria-labelledby="privacy-collected">
        <h2 id="privacy-collected">{t('privacy.collectedHeading')}</h2>
        <p>{t('privacy.collectedIntro')}</p>
        <ul>
          <li>{t('privacy.collectedPlaces')}</li>
          <li>{t('privacy.collectedStories')}</li>
          <li>{t('privacy.collectedPhotos')}</li>
          {asksQuestions && (
            // A list rather than "a, b and c": browsers lack list patterns for Somali and Tigrinya.
            <li>
              {t('privacy.collectedBackground')}
              <ul>
                {project.backgroundQuestions.map((question) => (
                  <li key={question}>{t(QUESTION_KEYS[question])}</li>
                ))}
              </ul>
            </li>
          )}
        </ul>
        <p>{t('privacy.storyWarning')}</p>
      </section>

      <section aria-labelledby="privacy-not-collected">
        <h2 id="privacy-not-collected">{t('privacy.notCollectedHeading')}</h2>
        <p>{t('privacy.notCollectedText')}</p>
        <p>{t('privacy.browserKey')}</p>
        {hosts.length > 0 && <p>{t('privacy.basemap', { hosts: hosts.join(', ') })}</p>}
      </section>

      <section aria-labelledby="privacy-why">
        <h2 id="privacy-why">{t('privacy.whyHeading')}</h2>
        <p>{t('privacy.whyText')}</p>
      </section>

      <section aria-labelledby="privacy-legal">
        <h2 id="privacy-legal">{t('privacy.legalHeading')}</h2>
        <p>{t('privacy.legalText')}</p>
      </section>

      <section aria-labelledby="privacy-public">
        <h2 id="privacy-public">{t('privacy.publicHeading')}</h2>
        <p>{t('privacy.publicText')}</p>
        <p data-testid="privacy-k">{t('privacy.aggregates', { count: project.k })}</p>
        <p>{t('privacy.moderation')}</p>
      </section>

      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{t('privacy.retentionHeading')}</h2>
        {asksQuestions && (
          <p data-testid="privacy-retention">
            {project.retentionDays === 0
              ? t('privacy.retentionAtClose')
              : t('privacy.retentionAfterClose', { count: project.retentionDays })}
            {project.closesAt &&
              ` ${t('privacy.closesOn', { date: formatDateTime(project.closesAt, language) })}`}
          </p>
        )}
        <p>{t('privacy.retentionPlaces')}</p>
      </section>

      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{t('privacy.rightsHeading')}</h2>
        <p>
          <Trans
            i18nKey="privacy.rightsText"
            components={{
              placesLink: <Link href={myPlacesPath(project.slug)} data-testid="privacy-my-places" />,
            }}
          />
        </p>
        <p>{t('privacy.rightsContact')}</p>
        <p>
          <Trans
            i18nKey="privacy.complaint"
            components={{ authorityLink: <ExternalLink href={DATATILSYNET_URL} /> }}
          />
        </p>
      </section>

      <p className="button-row prose__actions">
        <Link href={myPlacesPath(project.slug)} className="button button--primary">
          {t('privacy.myPlaces')}
        </Link>
        <Link href={projectPath(project.slug)} className="button">
          {t('privacy.backToMap')}
        </Link>
      </p>
    </article>
  );
}
