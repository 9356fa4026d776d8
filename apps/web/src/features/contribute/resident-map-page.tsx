import type { Project, PublicContributionFeature } from '@nabolag/schema';
import { pickText, projectTextFallback } from '@nabolag/schema/plain';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { contributionTilesUrl, listContributions } from '../../api/nabolag-api.ts';
import { afterInteractive, preloadSchemas } from '../../api/schemas.ts';
import { Link } from '../../app/router.tsx';
import { ACCESSIBILITY_PATH, myPlacesPath, privacyPath, resultsPath } from '../../app/routes.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { ProjectTextScope } from '../../i18n/project-text-scope.tsx';
import { useMediaQuery } from '../../lib/use-media-query.ts';
import { prewarmMapLibre } from '../../map/maplibre-worker.ts';
import { ProjectMap, type ProjectMapHandle, type ShownContribution } from '../../map/project-map.tsx';
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
import { effectiveGeometryType } from './drawn-geometry.ts';
import { CloseButton, isOptionalStep, StepProgress } from './flow-header.tsx';
import { type FlowStep, type FlowView, flowSteps, SNAP_FOR_VIEW, stepPosition } from './flow-steps.ts';
import { withPhoto } from './photo/use-contribution-photo.ts';
import { PlaceDetails } from './place-details.tsx';
import { PlacesOnMap } from './places-on-map.tsx';
import { ReportDialog } from './report-dialog.tsx';
import { BottomSheet } from './sheet/bottom-sheet.tsx';
import type { SheetSnap } from './sheet/sheet-snap.ts';
import { type ContributionOptions, useContribution } from './use-contribution.ts';
import { useContributionExtras } from './use-contribution-extras.ts';
import { useMapInput } from './use-map-input.ts';
import { Welcome } from './welcome.tsx';
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
  /** Shown at the top of the panel (which workshop and table). */
  panelTop: ReactNode;
  /** Shown at the end of the panel, after the form (the kiosk's own controls: next person, exit). */
  panelEnd?: ReactNode;
  /** Shown instead of the outbox list (which shows stories). */
  outbox: ReactNode;
}

// The map's workers start as soon as this page's code has arrived, while the project loads.
prewarmMapLibre();

/** `/p/:slug`: loads the project, then shows its map and the way to add a place. */
export function ResidentMapPage({ slug, kiosk }: { slug: string; kiosk?: ResidentKiosk }) {
  const { t, i18n } = useTranslation();
  const { state, retry } = useProject(slug);

  useDocumentTitle(
    state.status === 'ready'
      ? pickText(state.project.title, i18n.language, projectTextFallback(state.project))
      : null,
  );

  if (state.status === 'loading') return <ProjectLoading>{t('project.loading')}</ProjectLoading>;

  if (state.status === 'failed') {
    return <ProjectLoadFailed error={state.error} title={t('project.loadFailedTitle')} onRetry={retry} />;
  }

  return (
    <ProjectTextScope project={state.project}>
      <ResidentMap
        key={kiosk?.participantKey}
        project={state.project}
        savedAt={state.savedAt}
        kiosk={kiosk}
      />
    </ProjectTextScope>
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
  const titleText = textInLanguage(project.title, language, projectTextFallback(project));
  const title = titleText.text;

  // The panel's view: the welcome, a step of adding a place, or the thanks. A kiosk starts at
  // the categories (the facilitator has introduced the project).
  const [view, setView] = useState<FlowView>(kiosk ? 'category' : 'welcome');
  const steps = flowSteps({
    category,
    askBackground: extras.firstSend.askQuestions && project.backgroundQuestions.length > 0,
    current: view,
  });
  const phone = useMediaQuery(PHONE_QUERY);
  const [snap, setSnap] = useState<SheetSnap>(SNAP_FOR_VIEW[view]);
  const [coveredBottom, setCoveredBottom] = useState(0);
  const [shown, setShown] = useState<ShownContribution | null>(null);
  /** Set when a view was changed by the resident, so that focus follows to its heading. */
  const focusView = useRef(false);
  // Opened without network with places waiting: what waits is what the person looks for, so
  // the outbox gets the room to list them (the sheet opens full, once).
  const offlineWithWaiting = savedAt !== null && waitingPlaces.length > 0;
  const openedForOutbox = useRef(false);
  useEffect(() => {
    if (!offlineWithWaiting || openedForOutbox.current || view !== 'welcome') return;
    openedForOutbox.current = true;
    setSnap('full');
  }, [offlineWithWaiting, view]);

  const goTo = useCallback((next: FlowView) => {
    focusView.current = true;
    setShown(null);
    setView(next);
    setSnap(SNAP_FOR_VIEW[next]);
  }, []);

  // Focus follows the resident to the new step's heading (a screen reader says where they are);
  // after Send, to the thanks.
  useEffect(() => {
    if (!focusView.current) return;
    focusView.current = false;
    const target =
      view === 'sent' ? 'sent-heading' : view === 'welcome' ? 'project-title' : 'flow-step-heading';
    document.getElementById(target)?.focus({ preventScroll: true });
  }, [view]);

  // A tapped place opens in the sheet at half, and the map brings it into the uncovered part.
  const showContribution = useCallback((place: ShownContribution) => {
    setShown(place);
    setSnap('half');
    requestAnimationFrame(() =>
      document.getElementById('place-details-heading')?.focus({ preventScroll: true }),
    );
  }, []);
  useEffect(() => {
    if (shown && phone) map.current?.reveal(shown.at);
  }, [shown, phone, coveredBottom]);

  const cancelDraft = () => {
    contribution.cancel();
    extras.photo.remove();
    goTo(kiosk ? 'category' : 'welcome');
  };

  const links = kiosk ? null : (
    <p className="resident__links">
      <Link href={resultsPath(project.slug)} data-testid="results-link">
        {t('results.title')}
      </Link>
      <Link href={myPlacesPath(project.slug)} data-testid="my-places-link">
        {t('project.myPlaces')}
      </Link>
    </p>
  );
  const onReport = (id: string) => {
    setReportSent(false);
    setReporting(id);
  };
  const shownCategory = shown
    ? project.categories.find((candidate) => candidate.key === shown.category)
    : undefined;
  const shownLabel = shownCategory
    ? textInLanguage(shownCategory.labels, language, projectTextFallback(project))
    : null;
  const position = stepPosition(view, steps);

  const header = shown ? (
    <div className="panel-header">
      <div className="panel-header__text">
        <h2 id="place-details-heading" className="panel-header__title" tabIndex={-1}>
          {t('contribute.details.heading')}
        </h2>
      </div>
      <CloseButton
        label={t('contribute.details.close')}
        testId="place-details-close"
        onClick={() => {
          setShown(null);
          setSnap(SNAP_FOR_VIEW[view]);
        }}
      />
    </div>
  ) : position ? (
    <div className="panel-header">
      <div className="panel-header__text">
        <StepProgress steps={steps} view={view} number={position.number} total={position.total} />
        <h2 id="flow-step-heading" className="panel-header__title" tabIndex={-1}>
          {t(`contribute.flow.steps.${view as FlowStep}`)}
          {isOptionalStep(view, category) && (
            <span className="panel-header__optional">{t('contribute.flow.optional')}</span>
          )}
        </h2>
      </div>
      <CloseButton label={t('contribute.flow.cancel')} testId="cancel" onClick={cancelDraft} />
    </div>
  ) : null;

  const content = (
    <>
      {shown && (
        <PlaceDetails
          place={shown}
          category={shownCategory}
          onReport={onReport}
          key={`${shown.id}-${shownLabel?.text ?? ''}`}
        />
      )}
      <div className="resident__content" hidden={shown !== null}>
        {kiosk?.panelTop}
        {/* Always in the page (tests and the kiosk read its counts); shown on the welcome and
            after Send, out of the way while a place is being added. */}
        <div
          className="resident__outbox"
          data-shown={kiosk !== undefined || view === 'welcome' || view === 'sent'}
          data-priority={offlineWithWaiting}
        >
          <SavedCopyNote savedAt={savedAt} />
          {kiosk ? (
            kiosk.outbox
          ) : (
            <OutboxPanel
              project={project}
              onEdit={(id) => {
                void contribution.editFromOutbox(id).then((taken) => {
                  if (taken) goTo('place');
                });
              }}
            />
          )}
        </div>
        {view === 'welcome' ? (
          <div className="flow">
            <div className="flow__body">
              <Welcome project={project} placesCount={places?.length ?? null} links={links}>
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
              </Welcome>
              <p className="link-row">
                <Link href={privacyPath(project.slug)} data-testid="privacy-link">
                  {t('project.privacy')}
                </Link>
                <Link href={ACCESSIBILITY_PATH}>{t('project.accessibility')}</Link>
              </p>
            </div>
            {project.open && (
              <div className="flow__footer">
                <button
                  type="button"
                  className="button button--primary flow__next"
                  data-testid="add-place"
                  onClick={() => goTo('category')}
                >
                  <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                    <path d="M10 3v14M3 10h14" stroke="currentColor" strokeWidth="2.4" fill="none" />
                  </svg>
                  {t('contribute.heading')}
                </button>
              </div>
            )}
          </div>
        ) : (
          <ContributeForm
            project={project}
            contribution={contribution}
            map={map}
            extras={extras}
            places={places ?? undefined}
            view={view}
            steps={steps}
            onView={goTo}
            sentLinks={links}
            kiosk={kiosk !== undefined}
          />
        )}
        {kiosk?.panelEnd}
      </div>
    </>
  );

  const titleHeading = (
    <div className={view === 'welcome' && !shown ? 'resident__heading' : 'resident__heading is-compact'}>
      <OrganisationBrand brand={project.organisation} compact />
      <h1
        id="project-title"
        className="resident__title"
        lang={langIfDifferent(titleText, language)}
        dir="auto"
        tabIndex={-1}
      >
        {title}
      </h1>
    </div>
  );

  return (
    <div className={phone ? 'resident resident--sheet' : 'resident resident--panel'} data-view={view}>
      {/* The panel first: keyboard and screen-reader users reach the steps before the map's controls. */}
      {phone ? (
        <BottomSheet
          snap={snap}
          onSnapChange={setSnap}
          onRestingHeight={setCoveredBottom}
          labelledBy="project-title"
          header={
            <>
              {titleHeading}
              {header}
            </>
          }
        >
          {content}
        </BottomSheet>
      ) : (
        <section className="resident__panel" aria-labelledby="project-title">
          {titleHeading}
          {header}
          {content}
        </section>
      )}
      <div className="resident__map">
        <ProjectMap
          ref={map}
          project={project}
          contributions={places}
          contributionTiles={contributionTilesUrl(project.slug, tileVersion)}
          recentContributions={recent}
          findContribution={findContribution}
          placing={
            mapInput.placing && (view === 'place' || (!phone && (view === 'story' || view === 'questions')))
          }
          drawing={mapInput.drawing}
          onDrawingChange={mapInput.onDrawingChange}
          onDrawingKey={mapInput.onDrawingKey}
          draftPosition={mapInput.draftPosition}
          draftColour={category?.colour ?? '#1d4f91'}
          onPlace={mapInput.onPlace}
          waiting={waitingPlaces}
          referenceLayers={referenceLayers}
          onReport={onReport}
          coveredBottomPx={phone ? coveredBottom : 0}
          {...(phone ? { onShowContribution: showContribution } : {})}
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
        {/* On a phone the step's own text is mostly under the sheet: the one thing to do now is said
            on the map (taps pass through it). Screen readers have the step's text. */}
        {phone && view === 'place' && !shown && category && (
          <p className="resident__map-hint" aria-hidden="true" data-testid="map-hint">
            {t(`contribute.flow.mapHint.${effectiveGeometryType(contribution.draft.geometryType, category)}`)}
          </p>
        )}
      </div>
    </div>
  );
}

/** Phones get the bottom sheet; from 48 rem (768 px, a portrait tablet) the panel sits beside the map. */
const PHONE_QUERY = '(max-width: 47.99rem)';
