import {
  type HeatmapCollection,
  type LocalizedText,
  type Project,
  pickText,
  type SessionEvent,
} from '@nabolag/schema';
import { projectTextFallback } from '@nabolag/schema/plain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client.ts';
import { getProject } from '../../api/nabolag-api.ts';
import { kioskPath } from '../../app/routes.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { ProjectMap } from '../../map/project-map.tsx';
import { projectorScale } from '../../map/projector-pins.ts';
import { useReferenceLayers } from '../projects/use-reference-layers.ts';
import { JoinQrCode } from './join-qr-code.tsx';
import {
  applySessionEvent,
  countByCategory,
  type LiveContributions,
  liveFeatures,
  publishedStories,
} from './live-contributions.ts';
import { useSessionStream } from './session-stream.ts';
import { isUnknownSession, useWorkshopSession } from './use-workshop-session.ts';
import { getSessionHeatmap } from './workshop-api.ts';
import './workshop.css';

/** Hex cell size of the live heatmap, in metres. */
const HEATMAP_CELL_M = 100;
/** The heatmap is fetched again this long after the last new contribution, in milliseconds. */
const HEATMAP_DEBOUNCE_MS = 5_000;
/** How long each story stays on screen, in milliseconds. */
const STORY_MS = 8_000;

const noop = () => undefined;

type ProjectState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiFailure }
  | { status: 'ready'; project: Project };

/**
 * `/w/:code/projector`: the live view a facilitator puts on the wall. The project map with the
 * session's pins as they arrive and its k-anonymous heatmap, the newest published stories in
 * turn, a legend with counts, and the join code and QR code in large type. Its only control
 * is "Full screen".
 */
export function ProjectorPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const { state, onEvent: onSessionEvent } = useWorkshopSession(code);
  const slug = state.status === 'ready' ? state.session.project : null;
  const [project, setProject] = useState<ProjectState>({ status: 'loading' });
  const [live, setLive] = useState<LiveContributions>(() => new Map());
  const [heatmap, setHeatmap] = useState<HeatmapCollection | null>(null);
  const [heatmapDue, setHeatmapDue] = useState(0);
  useDocumentTitle(state.status === 'ready' ? state.session.title : null);

  useEffect(() => {
    if (slug === null) return;
    const abort = new AbortController();
    getProject(slug, abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        setProject(
          result.ok ? { status: 'ready', project: result.value } : { status: 'failed', error: result.error },
        );
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [slug]);

  // The heatmap is asked for at once, then again 5 s after the last new contribution.
  useEffect(() => {
    if (slug === null) return;
    const abort = new AbortController();
    const timer = window.setTimeout(
      () => {
        void getSessionHeatmap(slug, code, HEATMAP_CELL_M, abort.signal).then(
          (result) => {
            if (result.ok && !abort.signal.aborted) setHeatmap(result.value);
          },
          () => undefined,
        );
      },
      heatmapDue === 0 ? 0 : HEATMAP_DEBOUNCE_MS,
    );
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [slug, code, heatmapDue]);

  const onEvent = useCallback(
    (event: SessionEvent) => {
      onSessionEvent(event);
      setLive((current) => applySessionEvent(current, event));
      if (event.type === 'contribution') setHeatmapDue((count) => count + 1);
    },
    [onSessionEvent],
  );
  const connected = useSessionStream(state.status === 'ready' ? code : null, onEvent);

  if (state.status === 'failed' || project.status === 'failed') {
    const error =
      state.status === 'failed' ? state.error : project.status === 'failed' ? project.error : null;
    const unknown = state.status === 'failed' && isUnknownSession(state.error);
    return (
      <div className="projector-state" data-testid="projector-error">
        <h1>{unknown ? t('workshop.unknownTitle') : t('workshop.loadFailedTitle')}</h1>
        <p role="alert">
          {unknown ? t('workshop.unknownText') : error ? t(errorMessageKey(error.code)) : ''}
        </p>
      </div>
    );
  }
  if (state.status !== 'ready' || project.status !== 'ready') {
    return (
      <div className="page-state page-state--centred projector-state" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('workshop.loading')}
      </div>
    );
  }
  return (
    <Projector
      code={state.session.code}
      title={state.session.title}
      sessionStatus={state.session.status}
      project={project.project}
      live={live}
      heatmap={heatmap}
      connected={connected}
    />
  );
}

function Projector({
  code,
  title,
  sessionStatus,
  project,
  live,
  heatmap,
  connected,
}: {
  code: string;
  title: string;
  sessionStatus: string;
  project: Project;
  live: LiveContributions;
  heatmap: HeatmapCollection | null;
  connected: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const features = useMemo(() => liveFeatures(live), [live]);
  const referenceLayers = useReferenceLayers(project.slug);
  const counts = useMemo(() => countByCategory(live), [live]);
  const stories = useMemo(() => publishedStories(live), [live]);
  const joinUrl = `${window.location.origin}${kioskPath(code)}`;
  const rootRef = useRef<HTMLDivElement>(null);
  const [fullScreen, setFullScreen] = useState(false);
  const pinScale = useProjectorScale();

  useEffect(() => {
    const onChange = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(noop);
    else void rootRef.current?.requestFullscreen().catch(noop);
  };

  const titleText = textInLanguage(project.title, language, projectTextFallback(project));
  const categoryLabel = (key: string) => {
    const category = project.categories.find((candidate) => candidate.key === key);
    return category ? pickText(category.labels, language, projectTextFallback(project)) : key;
  };

  return (
    <div ref={rootRef} className="projector" data-testid="projector" data-pins={features.length}>
      <div className="projector__map">
        <ProjectMap
          project={project}
          contributions={features}
          placing={false}
          draftPosition={null}
          draftColour="#1d4f91"
          onPlace={noop}
          heatmap={heatmap}
          referenceLayers={referenceLayers}
          projectorPinScale={pinScale}
        />
        {!connected && (
          <p className="projector__badge" role="status" data-testid="projector-reconnecting">
            {t('workshop.projectorReconnecting')}
          </p>
        )}
      </div>

      <aside className="projector__side">
        <div className="projector__head">
          <h1 className="projector__title" dir="auto">
            {title}
          </h1>
          {sessionStatus !== 'open' && (
            <p className="projector__paused" data-testid="projector-session-status">
              {sessionStatus === 'closed' ? t('workshop.closedTitle') : t('workshop.pausedTitle')}
            </p>
          )}
          <p className="projector__project" lang={langIfDifferent(titleText, language)} dir="auto">
            {titleText.text}
          </p>
        </div>

        <section
          className="projector__join"
          aria-labelledby="projector-join-heading"
          data-testid="projector-join"
        >
          <JoinQrCode text={joinUrl} label={t('workshop.projectorQrLabel')} />
          <div>
            <h2 id="projector-join-heading" className="projector__join-heading">
              {t('workshop.projectorJoin')}
            </h2>
            <p className="projector__url" dir="ltr">
              {window.location.host}
              {kioskPath(code)}
            </p>
            <p className="projector__code" data-testid="projector-code" dir="ltr">
              {code}
            </p>
          </div>
        </section>

        <section className="projector__stories" aria-labelledby="projector-stories-heading">
          <h2 id="projector-stories-heading" className="visually-hidden">
            {t('workshop.projectorStories')}
          </h2>
          <StoryCarousel stories={stories} categoryLabel={categoryLabel} project={project} />
        </section>

        <section className="projector__legend-region" aria-labelledby="projector-legend-heading">
          <h2
            id="projector-legend-heading"
            className="projector__legend-heading"
            data-testid="projector-count"
            data-count={features.length}
          >
            {t('workshop.projectorLegend', { count: features.length })}
          </h2>
          <ul className="projector__legend" data-testid="projector-legend">
            {project.categories.map((category) => (
              <li key={category.key} data-category={category.key} data-count={counts.get(category.key) ?? 0}>
                <span
                  className="projector__swatch"
                  style={{ background: category.colour }}
                  aria-hidden="true"
                />
                <ProjectLabel className="projector__legend-label" text={category.labels} project={project} />
                <span className="projector__legend-count">{counts.get(category.key) ?? 0}</span>
              </li>
            ))}
          </ul>
        </section>

        <button
          type="button"
          className="button projector__full-screen"
          data-testid="projector-full-screen"
          aria-pressed={fullScreen}
          onClick={toggleFullScreen}
        >
          {t('workshop.projectorFullScreen')}
        </button>
      </aside>

      {/* The pins as a list, for screen readers (and tests). */}
      <ul className="visually-hidden" data-testid="projector-pins">
        {features.map((feature) => (
          <li key={feature.id} data-id={feature.id}>
            {categoryLabel(feature.properties.category)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The picture's scale against 1080p, kept up to date when the window (or full screen) changes. */
function useProjectorScale(): number {
  const [scale, setScale] = useState(() => projectorScale(window.innerHeight));
  useEffect(() => {
    const onResize = () => setScale(projectorScale(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

function StoryCarousel({
  stories,
  categoryLabel,
  project,
}: {
  stories: ReturnType<typeof publishedStories>;
  categoryLabel: (key: string) => string;
  project: Project;
}) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const count = stories.length;
  const newest = stories[0]?.id;

  // A new story is shown at once; then they take turns.
  useEffect(() => setIndex(0), [newest]);
  useEffect(() => {
    if (count < 2) return;
    const timer = window.setInterval(() => setIndex((current) => (current + 1) % count), STORY_MS);
    return () => window.clearInterval(timer);
  }, [count]);

  const story = stories[index % Math.max(count, 1)];
  if (!story) return <p className="projector__no-story">{t('workshop.projectorNoStories')}</p>;
  const colour = project.categories.find((category) => category.key === story.category)?.colour;
  return (
    <figure
      className="projector__story"
      data-testid="projector-story"
      data-id={story.id}
      style={{ borderInlineStartColor: colour }}
    >
      <blockquote dir="auto">{story.story}</blockquote>
      <figcaption>{categoryLabel(story.category)}</figcaption>
    </figure>
  );
}

/** A project text on the projector, marked with its language when it is not the page's. */
function ProjectLabel({
  text,
  project,
  className,
}: {
  text: LocalizedText;
  project: Project;
  className: string;
}) {
  const { i18n } = useTranslation();
  const found = textInLanguage(text, i18n.language, projectTextFallback(project));
  return (
    <span className={className} lang={langIfDifferent(found, i18n.language)} dir="auto">
      {found.text}
    </span>
  );
}
