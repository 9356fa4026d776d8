import {
  type Category,
  type Project,
  type PublicContributionFeature,
  pickText,
  type SessionEvent,
} from '@nabolag/schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getProject } from '../../../api/nabolag-api.ts';
import type { SessionStatus, SessionSummary } from '../../../api/staff-api.ts';
import { Link } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import type { LngLat } from '../../../lib/lng-lat.ts';
import { ProjectMap, type ProjectMapHandle } from '../../../map/project-map.tsx';
import type { WaitingPlace } from '../../../map/waiting-places.ts';
import { useReferenceLayers } from '../../projects/use-reference-layers.ts';
import { ConfirmDialog } from '../common/dialog.tsx';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { HideDialog } from '../moderation/hide-dialog.tsx';
import { staffPaths } from '../staff-routes.ts';
import { useStaff } from '../staff-session.ts';
import { JoinCard } from './join-card.tsx';
import {
  applySessionEvent,
  emptyLiveSession,
  isOffline,
  type LiveContribution,
  type LiveSession,
  mergeSummary,
  replaceTablet,
  setContributionStatus,
} from './live-session.ts';
import { PaperEntry, type PaperPlacing } from './paper-entry.tsx';
import { tabletName } from './tablet-name.ts';
import { TabletNameCell } from './tablet-name-cell.tsx';
import { useSessionStream } from './use-session-stream.ts';

/** The summary and the stories are read again this long after the last event, in milliseconds. */
const REFRESH_AFTER_MS = 2000;
/** How often "last seen" and OFFLINE are brought up to date, in milliseconds. */
const CLOCK_MS = 5000;

type Notice = { tone: 'success' | 'error'; text: string } | null;

/** `/staff/workshops/:slug/:code`: the live console of one workshop session. */
export function SessionConsolePage({ slug, code }: { slug: string; code: string }) {
  const { t } = useTranslation();
  const project = useLoad((signal) => getProject(slug, signal), [slug]);
  const [sessionTitle, setSessionTitle] = useState<string | null>(null);
  useDocumentTitle(sessionTitle ?? t('staff.workshops.consoleTitle', { code }));

  return (
    <div
      className="staff-page staff-page--wide workshop-console"
      data-testid="workshop-console"
      data-code={code}
    >
      <p className="staff-page__back">
        <Link href={staffPaths.workshops(slug)}>{t('staff.workshops.back')}</Link>
      </p>
      {project.state.status === 'loading' && <Loading />}
      {project.state.status === 'failed' && (
        <LoadFailed error={project.state.error} onRetry={project.reload} />
      )}
      {project.state.status === 'ready' && (
        <Console project={project.state.value} code={code} onTitle={setSessionTitle} />
      )}
    </div>
  );
}

const toFeature = (item: LiveContribution, story: string | null): PublicContributionFeature => ({
  type: 'Feature',
  id: item.id,
  geometry: item.geometry,
  properties: {
    id: item.id,
    category: item.category,
    story,
    created: item.createdAt.slice(0, 10),
    photo: null,
  },
});

function Console({
  project,
  code,
  onTitle,
}: {
  project: Project;
  code: string;
  /** The workshop's title, once the summary has said it (for the window's title). */
  onTitle: (title: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useStaff();
  const slug = project.slug;
  const [live, setLive] = useState<LiveSession>(emptyLiveSession);
  const [summary, setSummary] = useState<SessionSummary | null>(null);
  const [summaryError, setSummaryError] = useState<Parameters<typeof LoadFailed>[0]['error'] | null>(null);
  const [stories, setStories] = useState<ReadonlyMap<string, string | null>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const [hiding, setHiding] = useState<LiveContribution | null>(null);
  const [closing, setClosing] = useState(false);
  const [busyStatus, setBusyStatus] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [paper, setPaper] = useState<PaperPlacing | null>(null);
  const mapRef = useRef<ProjectMapHandle>(null);
  const referenceLayers = useReferenceLayers(slug);

  const refresh = useCallback(async () => {
    const [next, queue] = await Promise.all([api.sessionSummary(code), api.listModeration(slug, 'all')]);
    if (next.ok) {
      setSummary(next.value);
      setSummaryError(null);
      setLive((previous) => mergeSummary(previous, next.value));
    } else {
      setSummaryError(next.error);
    }
    if (queue.ok) {
      setStories((previous) => {
        const merged = new Map(previous);
        for (const item of queue.value.items) if (item.session === code) merged.set(item.id, item.story);
        return merged;
      });
    }
  }, [api, code, slug]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Each event asks for the counts again, at most once per REFRESH_AFTER_MS of quiet.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onEvent = useCallback(
    (event: SessionEvent) => {
      setLive((previous) => applySessionEvent(previous, event));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void refresh(), REFRESH_AFTER_MS);
    },
    [refresh],
  );
  const { connected } = useSessionStream(code, onEvent);

  useEffect(() => {
    const clock = setInterval(() => setNow(Date.now()), CLOCK_MS);
    return () => clearInterval(clock);
  }, []);

  const status: SessionStatus | null = live.status ?? summary?.session.status ?? null;
  const categories = project.categories;
  const categoryOf = (key: string): Category | undefined => categories.find((item) => item.key === key);
  const labelOf = (key: string) => {
    const category = categoryOf(key);
    return category ? pickText(category.labels, i18n.language) : key;
  };
  const storyOf = (item: LiveContribution) => item.story ?? stories.get(item.id) ?? null;

  const shown = live.contributions.filter((item) => item.status !== 'hidden');
  const features = useMemo(
    () =>
      live.contributions
        .filter((item) => item.status === 'published')
        .map((item) => toFeature(item, item.story ?? stories.get(item.id) ?? null)),
    [live.contributions, stories],
  );
  const waiting = useMemo<WaitingPlace[]>(
    () =>
      live.contributions
        .filter((item) => item.status === 'pending')
        .map((item) => ({ id: item.id, category: item.category, geometry: item.geometry, failed: false })),
    [live.contributions],
  );

  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const clockTime = (iso: string | null) => {
    if (!iso) return '—';
    const moment = new Date(iso);
    return Number.isNaN(moment.getTime()) ? iso : time.format(moment);
  };

  const changeStatus = async (next: SessionStatus) => {
    if (busyStatus) return;
    setBusyStatus(true);
    setClosing(false);
    const result = await api.setSessionStatus(code, next);
    setBusyStatus(false);
    if (result.ok) {
      setLive((previous) => ({ ...previous, status: result.value.status }));
      setNotice({ tone: 'success', text: t(`staff.workshops.statusChanged.${result.value.status}`) });
    } else {
      setNotice({
        tone: 'error',
        text: `${t('staff.workshops.failed')} ${t(errorMessageKey(result.error.code))}`,
      });
    }
  };

  const hide = async (item: LiveContribution, reason: string) => {
    setHiding(null);
    const before = item.status;
    setLive((previous) => setContributionStatus(previous, item.id, 'hidden'));
    const result = await api.moderate(item.id, { action: 'hide', reason });
    if (result.ok) {
      setNotice({ tone: 'success', text: t('staff.moderation.done.hide') });
    } else {
      setLive((previous) => setContributionStatus(previous, item.id, before));
      setNotice({
        tone: 'error',
        text: `${t('staff.moderation.failed')} ${t(errorMessageKey(result.error.code))}`,
      });
    }
  };

  const sessionTitle = summary?.session.title;
  useEffect(() => {
    if (sessionTitle) onTitle(sessionTitle);
  }, [sessionTitle, onTitle]);

  // Tablets by their human name ("Table 2 · Tablet B"), never by their technical id.
  const nameOfTablet = (id: string) => {
    const known = live.tablets.find((tablet) => tablet.tablet === id);
    return known ? tabletName(known, t) : t('staff.workshops.tablet');
  };
  const renameTablet = async (tablet: string, name: string | null) => {
    const result = await api.renameTablet(code, tablet, name);
    if (result.ok) {
      setLive((previous) => replaceTablet(previous, result.value));
      setNotice({
        tone: 'success',
        text: t('staff.workshops.tabletRenamed', { name: tabletName(result.value, t) }),
      });
    }
    return result;
  };

  const counts = summary
    ? { byCategory: summary.byCategory, byGroup: summary.byGroup, total: summary.total }
    : null;
  const session = summary?.session;

  return (
    <>
      <div className="staff-page__header">
        <h1>{session ? session.title : t('staff.workshops.consoleTitle', { code })}</h1>
        <div className="workshop-console__state">
          {status && (
            <span
              className={`badge badge--session-${status}`}
              data-testid="session-status"
              data-status={status}
            >
              {t(`staff.workshops.status.${status}`)}
            </span>
          )}
          {!connected && (
            <span className="workshop-console__reconnecting" role="status" data-testid="reconnecting">
              <span className="spinner" aria-hidden="true" />
              {t('staff.workshops.reconnecting')}
            </span>
          )}
          <span
            className="visually-hidden"
            data-testid="stream-state"
            data-connected={connected ? 'true' : 'false'}
          />
        </div>
      </div>
      {summaryError && <LoadFailed error={summaryError} onRetry={() => void refresh()} />}
      <div className="button-row workshop-console__actions">
        {status === 'open' && (
          <button
            type="button"
            className="button"
            aria-disabled={busyStatus}
            onClick={() => void changeStatus('paused')}
            data-testid="pause-session"
          >
            {t('staff.workshops.pause')}
          </button>
        )}
        {status === 'paused' && (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busyStatus}
            onClick={() => void changeStatus('open')}
            data-testid="resume-session"
          >
            {t('staff.workshops.resume')}
          </button>
        )}
        {status !== null && status !== 'closed' && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => setClosing(true)}
            data-testid="close-session"
          >
            {t('staff.workshops.close')}
          </button>
        )}
      </div>
      {notice && (
        <p
          role="status"
          className={`notice${notice.tone === 'error' ? ' notice--error' : ''}`}
          data-testid="console-notice"
          data-tone={notice.tone}
        >
          {notice.text}
        </p>
      )}

      <div className="workshop-console__grid">
        <div className="workshop-console__map">
          <ProjectMap
            ref={mapRef}
            project={project}
            contributions={features}
            waiting={waiting}
            referenceLayers={referenceLayers}
            placing={paper !== null}
            draftPosition={paper?.position ?? null}
            draftColour={paper ? (categoryOf(paper.category)?.colour ?? '#5f6b7a') : '#5f6b7a'}
            onPlace={(position: LngLat) =>
              setPaper((previous) => (previous ? { ...previous, position } : previous))
            }
          />
        </div>

        <section aria-labelledby="console-list-title" className="workshop-console__list">
          <h2 id="console-list-title">
            {t('staff.workshops.contributions')}{' '}
            <span data-testid="contribution-count" data-count={shown.length}>
              ({shown.length})
            </span>
          </h2>
          {live.contributions.length === 0 && (
            <p className="staff-empty">{t('staff.workshops.noContributions')}</p>
          )}
          <ol className="console-items" data-testid="console-contributions">
            {live.contributions.map((item) => {
              const story = storyOf(item);
              return (
                <li
                  key={item.id}
                  className={`console-item console-item--${item.status}`}
                  data-testid="console-contribution"
                  data-id={item.id}
                  data-status={item.status}
                >
                  <div className="console-item__head">
                    <span
                      className="swatch"
                      style={{ background: categoryOf(item.category)?.colour ?? '#5f6b7a' }}
                      aria-hidden="true"
                    />
                    <strong>{labelOf(item.category)}</strong>
                    {item.status !== 'published' && (
                      <span className={`badge badge--${item.status}`}>
                        {t(`staff.moderation.status.${item.status}`)}
                      </span>
                    )}
                  </div>
                  <p className="console-item__meta">
                    {[
                      item.group ?? t('staff.workshops.noGroup'),
                      item.tablet ? nameOfTablet(item.tablet) : t('staff.workshops.noTablet'),
                      clockTime(item.createdAt),
                    ].join(' · ')}
                  </p>
                  {story && <p className="console-item__story">{story}</p>}
                  {item.status !== 'hidden' && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setHiding(item)}
                      data-testid="hide-contribution"
                    >
                      {t('staff.moderation.hide')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      </div>

      <PaperEntry
        code={code}
        categories={categories.filter((category) => category.geometryTypes.includes('Point'))}
        groups={session?.groups ?? []}
        placing={paper}
        onPlacingChange={setPaper}
        mapCentre={() => mapRef.current?.centre() ?? null}
        onSent={(id, story) => {
          setStories((previous) => new Map(previous).set(id, story));
          setNotice({ tone: 'success', text: t('staff.workshops.paper.sent') });
        }}
      />

      <div className="workshop-console__counts">
        <section aria-labelledby="by-category-title">
          <h2 id="by-category-title">{t('staff.workshops.byCategory')}</h2>
          <table className="staff-table staff-table--compact" data-testid="category-counts">
            <tbody>
              {categories.map((category) => (
                <tr
                  key={category.key}
                  data-testid="category-count"
                  data-category={category.key}
                  data-count={counts?.byCategory[category.key] ?? 0}
                >
                  <th scope="row">{pickText(category.labels, i18n.language)}</th>
                  <td className="numeric">{counts?.byCategory[category.key] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="by-group-title">
          <h2 id="by-group-title">{t('staff.workshops.byGroup')}</h2>
          <table className="staff-table staff-table--compact" data-testid="group-counts">
            <tbody>
              {[...new Set([...(session?.groups ?? []), ...Object.keys(counts?.byGroup ?? {})])].map(
                (group) => (
                  <tr
                    key={group}
                    data-testid="group-count"
                    data-group={group}
                    data-count={counts?.byGroup[group] ?? 0}
                  >
                    <th scope="row">{group}</th>
                    <td className="numeric">{counts?.byGroup[group] ?? 0}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </section>
      </div>

      <section aria-labelledby="tablets-title" className="table-scroll">
        <h2 id="tablets-title">{t('staff.workshops.tablets')}</h2>
        {live.tablets.length === 0 ? (
          <p className="staff-empty">{t('staff.workshops.noTablets')}</p>
        ) : (
          <table className="staff-table" data-testid="tablets">
            <thead>
              <tr>
                <th scope="col">{t('staff.workshops.tablet')}</th>
                <th scope="col" className="numeric">
                  {t('staff.workshops.contributions')}
                </th>
                <th scope="col" className="numeric">
                  {t('staff.workshops.waitingOnTablet')}
                </th>
                <th scope="col">{t('staff.workshops.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {live.tablets.map((tablet) => {
                const offline = isOffline(tablet, now);
                return (
                  <tr
                    key={tablet.tablet}
                    data-testid="tablet-row"
                    data-tablet={tablet.tablet}
                    data-pending={tablet.pending}
                    data-offline={offline ? 'true' : 'false'}
                  >
                    <th scope="row">
                      <TabletNameCell
                        tablet={tablet}
                        onRename={(name) => renameTablet(tablet.tablet, name)}
                      />
                    </th>
                    <td className="numeric">{tablet.contributions}</td>
                    <td className="numeric">{tablet.pending}</td>
                    <td>
                      {clockTime(tablet.lastSeenAt)}
                      {offline && (
                        <span className="badge badge--offline">{t('staff.workshops.offline')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {session && <JoinCard session={session} />}

      {hiding && (
        <HideDialog onCancel={() => setHiding(null)} onHide={(reason) => void hide(hiding, reason)} />
      )}
      {closing && (
        <ConfirmDialog
          title={t('staff.workshops.closeTitle')}
          text={<p>{t('staff.workshops.closeText')}</p>}
          confirmLabel={t('staff.workshops.close')}
          cancelLabel={t('staff.cancel')}
          danger
          busy={busyStatus}
          onConfirm={() => void changeStatus('closed')}
          onCancel={() => setClosing(false)}
          testId="confirm-close"
        />
      )}
    </>
  );
}
