import { Trans, useTranslation } from 'react-i18next';
import { Link } from '../../app/router.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { formatDay } from '../../i18n/format.ts';
import { ExternalLink } from '../privacy/external-link.tsx';
import '../privacy/privacy.css';

/** The Norwegian authority that supervises universal design of ICT (uutilsynet), for complaints. */
const UUTILSYNET_URL = 'https://www.uutilsynet.no/';

/** When the statement was last checked against the app; update it with the statement. */
const STATEMENT_UPDATED = '2026-11-26';

/**
 * `/accessibility`: the accessibility statement (tilgjengelighetserklæring) that Norwegian
 * public-sector web must publish: the goal (WCAG 2.1 AA), the map's partial exemption and the
 * ways round the map, what is known not to work, and how to report a problem.
 */
export function AccessibilityPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('accessibility.title'));

  return (
    <article className="page page--narrow prose" aria-labelledby="accessibility-title">
      <h1 id="accessibility-title">{t('accessibility.title')}</h1>
      <p className="lead">{t('accessibility.intro')}</p>

      <section aria-labelledby="accessibility-goal">
        <h2 id="accessibility-goal">{t('accessibility.goalHeading')}</h2>
        <p>{t('accessibility.goalText')}</p>
        <p>{t('accessibility.testedText')}</p>
      </section>

      <section aria-labelledby="accessibility-map">
        <h2 id="accessibility-map">{t('accessibility.mapHeading')}</h2>
        <p>{t('accessibility.mapText')}</p>
        <ul>
          <li>{t('accessibility.mapKeyboard')}</li>
          <li>{t('accessibility.mapSearch')}</li>
          <li>{t('accessibility.mapList')}</li>
          <li>{t('accessibility.mapOthersList')}</li>
          <li>{t('accessibility.mapLanguages')}</li>
        </ul>
      </section>

      <section aria-labelledby="accessibility-known">
        <h2 id="accessibility-known">{t('accessibility.knownHeading')}</h2>
        <ul>
          <li>{t('accessibility.knownOthersPlaces')}</li>
          <li>{t('accessibility.knownBasemap')}</li>
          <li>{t('accessibility.knownProjectTexts')}</li>
        </ul>
      </section>

      <section aria-labelledby="accessibility-report">
        <h2 id="accessibility-report">{t('accessibility.reportHeading')}</h2>
        <p>{t('accessibility.reportText')}</p>
        <p>
          <Trans
            i18nKey="accessibility.complaint"
            components={{ authorityLink: <ExternalLink href={UUTILSYNET_URL} /> }}
          />
        </p>
      </section>

      <p className="field__hint">
        {t('accessibility.updated', { date: formatDay(STATEMENT_UPDATED, i18n.language) })}
      </p>
      <p className="button-row prose__actions">
        <Link href="/" className="button">
          {t('notFound.home')}
        </Link>
      </p>
    </article>
  );
}
