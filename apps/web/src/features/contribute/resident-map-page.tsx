import type { Project, PublicContributionFeature } from '@nabolag/schema';
import { pickText } from '@nabolag/schema/plain';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { contributionTilesUrl, listContributions } from '../../api/nabolag-api.ts';
import { afterInteractive, preloadSchemas } from '../../api/schemas.ts';
import { Link } from '../../app/router.tsx';
import { ACCESSIBILITY_PATH, myPlacesPath, privacyPath, resultsPath } from '../../app/routes.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { prewarmMapLibre } from '../../map/maplibre-worker.ts';
import { ProjectMap, type ProjectMapHandle } from '../../map/project-map.tsx';
import { OutboxPanel } from '../../offline/outbox-panel.tsx';
import { onServiceWorkerTakeover } from '../../offline/register-service-worker.ts';
import { SavedCopyNote } from '../../offline/saved-copy-note.tsx';
import { useWaitingPlaces } from '../../offline/use-outbox.ts';
import { OrganisationBrand } from '../projects/organisation-brand.tsx';
import { ProjectLoadFailed, ProjectLoading } from '../projects/project-load-states.tsx';
import { useProject } from '../projects/use-project.ts';
import { useReferenceLayers } from '../projects/use-reference-layers.ts';
import { ContributeForm } from './contribute-form.tsx';
import { withFeature, withFeatures } from './draft.ts';
import { withPhoto } from './photo/use-contribution-photo.ts';
import { PlacesOnMap } from './places-on-map.tsx';
import { ReportDialog } from './report-dialog.tsx';
import { type ContributionOptions, useContribution } from './use-contribution.ts';
import { useContributionExtras } from './use-contribution-extras.ts';
import { useMapInput } from './use-map-input.ts';
import './contribute.css';

/**
 * A workshop kiosk's changes to the resident map (`features/workshop`): its own participant,
 * the session's tags on every contribution, no links to other pages, and the outbox as counts.
 */
export interface ResidentKiosk {
  /** Changing it starts over for the next person: no draft, photo or answers carried over. */
  participantKey: number;
  contribution: ContributionOptions;
  /** Where consent and the background answers are remembered (replaced for each person). */
  firstSendScope: string;
  /** Shown at the top of the panel (the kiosk's own controls). */
  panelTop: ReactNode;
  /** Shown instead of the outbox list (which shows stories). */
  outbox: ReactNode;
}

// The map's workers start as soon as this page's code has arrived, while the project loads.
prewarmMapLibre();

/** `/p/:slug`: loads the project, then shows its map and the way to add a place. */
export function ResidentMapPage({ slug, kiosk }: { slug: string; kiosk?: ResidentKiosk }) {
  const { t, i18n } = useTranslation();
  const { state, retry } = useProject(slug);

  useDocumentTitle(state.status === 'ready' ? pickText(state.project.title, i18n.language) : null);

  if (state.status === 'loading') return <ProjectLoading>{t('project.loading')}</ProjectLoading>;

  if (state.status === 'failed') {
    return <ProjectLoadFailed error={state.error} title={t('project.loadFailedTitle')} onRetry={retry} />;
  }

  return (
    <ResidentMap key={kiosk?.participantKey} project={state.project} savedAt={state.savedAt} kiosk={kiosk} />
  );
}

type ContributionsState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'ready'; features: PublicContributionFeature[] };

function ResidentMap({
  project,
  savedAt,
  kiosk,
}: {
  project: Project;
  /** Set when the project is the copy kept on this device (offline): when it was kept. */
  savedAt: string | null;
  kiosk: ResidentKiosk | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const map = useRef<ProjectMapHandle>(null);
  const [contributions, setContributions] = useState<ContributionsState>({ status: 'loading' });
  // The participant's places sent from this page: drawn over the tiles, which may not show them
  // yet (the tile version below) or at all (a project that reviews before publishing).
  const [recent, setRecent] = useState<PublicContributionFeature[]>([]);
  // The map draws the public places as vector tiles. The version starts new with each page
  // (tiles are cached for 60 s: a reload shows what was sent or hidden meanwhile) and changes
  // after each send, so that the tiles are fetched again.
  const [tileVersion, setTileVersion] = useState(() => Date.now());
  const [attempt, setAttempt] = useState(0);
  // The first visit's tiles came before the service worker took the page over: fetched again
  // through it, they are there for a reload without network.
  useEffect(() => onServiceWorkerTakeover(() => setTileVersion((version) => version + 1)), []);
  const [panelOpen, setPanelOpen] = useState(true);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [reporting, setReporting] = useState<string | null>(null);
  const [reportSent, setReportSent] = useState(false);

  // The whole list (the count, the screen readers' list, the stories of popups, the places to
  // mark without the map) is loaded once the map answers input: with thousands of places it is
  // megabytes to download and parse, which the tiles spare the first screen.
  // `attempt` is in the dependencies only to load again when the reader asks to retry.
  useEffect(() => {
    const abort = new AbortController();
    const load = () => {
      if (abort.signal.aborted) return;
      listContributions(project.slug, abort.signal).then(
        (result) => {
          if (abort.signal.aborted) return;
          setContributions(
            result.ok
              ? { status: 'ready', features: result.value.features }
              : { status: 'failed', error: result.error },
          );
        },
        () => undefined, // aborted
      );
    };
    if (attempt === 0) afterInteractive(load);
    else load();
    return () => abort.abort();
  }, [project.slug, attempt]);

  // A list that could not be loaded (offline) is loaded again by itself when the network is back.
  const listFailed = contributions.status === 'failed';
  useEffect(() => {
    if (!listFailed) return;
    const again = () => setAttempt((count) => count + 1);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [listFailed]);

  // A popup opened before the list has arrived asks for the places around its pin.
  const findContribution = useCallback(
    async (id: string, [longitude, latitude]: [number, number]) => {
      const margin = 0.0005; // degrees: ~50 m, wider than a tile's rounding of a position
      const result = await listContributions(project.slug, undefined, undefined, [
        longitude - margin,
        latitude - margin,
        longitude + margin,
        latitude + margin,
      ]);
      return result.ok ? (result.value.features.find((feature) => feature.id === id) ?? null) : null;
    },
    [project.slug],
  );

  // The form's checks (follow-up answers) and the send path use the schemas: loaded once the
  // map is drawn and the page idle, so that they are not on the way to the first screen.
  useEffect(() => preloadSchemas(), []);

  // A photo goes up after its place was accepted; once stored, the place's popup shows it.
  const onPhotoStored = useCallback((id: string, url: string) => {
    setContributions((previous) =>
      previous.status === 'ready'
        ? { ...previous, features: withPhoto(previous.features, id, url) }
        : previous,
    );
    setRecent((previous) => withPhoto(previous, id, url));
  }, []);
  const extras = useContributionExtras(project.slug, onPhotoStored, kiosk?.firstSendScope);
  const extrasAccepted = extras.accepted;
  const inKiosk = kiosk !== undefined;
  const onAccepted = useCallback(
    (feature: PublicContributionFeature, own: boolean) => {
      setRecent((previous) => withFeature(previous, feature));
      setTileVersion((version) => version + 1);
      // On a kiosk, a place the previous person left in the outbox says nothing of this one's consent.
      if (own || !inKiosk) extrasAccepted(feature.id);
    },
    [extrasAccepted, inKiosk],
  );
  // The list with the places sent from this page (also those sent while it was on its way).
  const places = useMemo(
    () => (contributions.status === 'ready' ? withFeatures(contributions.features, recent) : null),
    [contributions, recent],
  );
  const contribution = useContribution(project, onAccepted, kiosk?.contribution);
  const waitingPlaces = useWaitingPlaces(project.slug);
  const referenceLayers = useReferenceLayers(project.slug);
  const { draft } = contribution;
  const category = project.categories.find((candidate) => candidate.key === draft.category);
  const mapInput = useMapInput(project, category, contribution, map);

  // The project's own texts may be in another language than the page (an Arabic reader gets
  // the bokmål title): marked with their language, and laid out in their own direction.
  const titleText = textInLanguage(project.title, language);
  const descriptionText = textInLanguage(project.description, language);
  const title = titleText.text;
  const description = descriptionText.text;
  const notYetOpen = project.opensAt !== null && new Date(project.opensAt).getTime() > Date.now();

  return (
    <div className="resident">
      <section
        className={panelOpen ? 'resident__panel' : 'resident__panel is-collapsed'}
        aria-labelledby="project-title"
      >
        <OrganisationBrand brand={project.organisation} compact />
        <div className="resident__panel-header">
          <h1
            id="project-title"
            className="resident__title"
            lang={langIfDifferent(titleText, language)}
            dir="auto"
          >
            {title}
          </h1>
          <button
            type="button"
            className="button button--quiet resident__panel-toggle"
            aria-expanded={panelOpen}
            aria-controls="resident-panel-body"
            onClick={() => setPanelOpen((open) => !open)}
          >
            <svg
              className="button__icon resident__chevron"
              viewBox="0 0 20 20"
              aria-hidden="true"
              focusable="false"
            >
              <path d="M5 8l5 5 5-5" stroke="currentColor" strokeWidth="2" fill="none" />
            </svg>
            {panelOpen ? t('project.hidePanel') : t('project.showPanel')}
          </button>
        </div>

        <div id="resident-panel-body" className="resident__panel-body">
          {kiosk?.panelTop}
          {/* First in the panel: what waits on this device is what a person offline looks for. */}
          {kiosk ? (
            kiosk.outbox
          ) : (
            <OutboxPanel project={project} onEdit={(id) => void contribution.editFromOutbox(id)} />
          )}
          {description && (
            <div className="resident__about">
              <p
                id="project-description"
                className={aboutOpen ? 'resident__description is-open' : 'resident__description'}
                lang={langIfDifferent(descriptionText, language)}
                dir="auto"
              >
                {description}
              </p>
              {/* Phones show the first lines only; the full text is always there for screen readers. */}
              <button
                type="button"
                className="button button--quiet resident__about-toggle"
                aria-expanded={aboutOpen}
                aria-controls="project-description"
                onClick={() => setAboutOpen((open) => !open)}
              >
                {aboutOpen ? t('project.readLess') : t('project.readMore')}
              </button>
            </div>
          )}

          {places && <p className="resident__count">{t('project.placesCount', { count: places.length })}</p>}
          {!kiosk && (
            <p className="resident__my-places">
              <Link href={myPlacesPath(project.slug)} data-testid="my-places-link">
                {t('project.myPlaces')}
              </Link>
              <Link href={resultsPath(project.slug)} data-testid="results-link">
                {t('results.title')}
              </Link>
            </p>
          )}
          {contributions.status === 'failed' && (
            <div className="notice notice--error">
              <p>
                {t('project.contributionsFailed')} {t(errorMessageKey(contributions.error.code))}
              </p>
              <button type="button" className="button" onClick={() => setAttempt((count) => count + 1)}>
                {t('project.retry')}
              </button>
            </div>
          )}

          {project.open ? (
            <>
              {project.closesAt && (
                <p className="resident__closes">
                  {t('project.closesAt', { date: formatDateTime(project.closesAt, language) })}
                </p>
              )}
              <ContributeForm
                project={project}
                contribution={contribution}
                map={map}
                extras={extras}
                places={places ?? undefined}
              />
            </>
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

          {!kiosk && (
            <p className="link-row">
              <Link href={privacyPath(project.slug)} data-testid="privacy-link">
                {t('project.privacy')}
              </Link>
              <Link href={ACCESSIBILITY_PATH}>{t('project.accessibility')}</Link>
            </p>
          )}
        </div>
      </section>

      <div className="resident__map">
        <SavedCopyNote savedAt={savedAt} />
        <ProjectMap
          ref={map}
          project={project}
          contributions={places}
          contributionTiles={contributionTilesUrl(project.slug, tileVersion)}
          recentContributions={recent}
          findContribution={findContribution}
          placing={mapInput.placing}
          drawing={mapInput.drawing}
          onDrawingChange={mapInput.onDrawingChange}
          onDrawingKey={mapInput.onDrawingKey}
          draftPosition={mapInput.draftPosition}
          draftColour={category?.colour ?? '#1d4f91'}
          onPlace={mapInput.onPlace}
          waiting={waitingPlaces}
          referenceLayers={referenceLayers}
          onReport={(id) => {
            setReportSent(false);
            setReporting(id);
          }}
        />
        <ReportDialog
          contributionId={reporting}
          onClose={(outcome) => {
            setReporting(null);
            setReportSent(outcome === 'sent');
          }}
        />
        <p className="report-status" role="status" data-testid="report-status">
          {reportSent ? t('report.sent') : ''}
        </p>
        <PlacesOnMap categories={project.categories} features={places} />
      </div>
    </div>
  );
}
