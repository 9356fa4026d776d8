import { type SessionEvent, type SessionTablet, sessionEventSchema } from '@nabolag/schema';
import type { SessionStatus, SessionSummary } from '../../../api/staff-api.ts';

export type LiveContribution = Extract<SessionEvent, { type: 'contribution' }>['contribution'];

/** A tablet as the console shows it: the summary's entry, kept up to date by the stream. */
export type LiveTablet = SessionTablet;

/** What the console knows of a session from its live stream and its summary. */
export interface LiveSession {
  /** Newest first. */
  contributions: LiveContribution[];
  status: SessionStatus | null;
  tablets: LiveTablet[];
}

/** A tablet not heard from for this long is shown as offline. */
export const OFFLINE_AFTER_MS = 45_000;

export const emptyLiveSession = (): LiveSession => ({ contributions: [], status: null, tablets: [] });

const newestFirst = (a: LiveContribution, b: LiveContribution) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;

/** Reads one server-sent event (`event:` type and JSON `data:`); null when it breaks the contract. */
export function parseSessionEvent(type: string, data: string): SessionEvent | null {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = sessionEventSchema.safeParse(
    typeof payload === 'object' && payload !== null ? { ...payload, type } : payload,
  );
  return parsed.success ? parsed.data : null;
}

/** The session after one event of its stream. */
export function applySessionEvent(state: LiveSession, event: SessionEvent): LiveSession {
  switch (event.type) {
    case 'contribution': {
      const others = state.contributions.filter((item) => item.id !== event.contribution.id);
      return { ...state, contributions: [...others, event.contribution].sort(newestFirst) };
    }
    case 'contribution-hidden':
      return setContributionStatus(state, event.id, 'hidden');
    case 'contribution-removed':
      return { ...state, contributions: state.contributions.filter((item) => item.id !== event.id) };
    case 'session':
      return { ...state, status: event.status };
    case 'tablet': {
      const known = state.tablets.find((tablet) => tablet.tablet === event.tablet);
      const updated: LiveTablet = {
        tablet: event.tablet,
        name: known?.name ?? null,
        // A tablet new to the console joined after those it knows at its table (the next
        // summary, read shortly after, says for sure).
        ordinal:
          known && known.group === event.group
            ? known.ordinal
            : state.tablets.filter((tablet) => tablet.group === event.group && tablet !== known).length + 1,
        group: event.group,
        contributions: known?.contributions ?? 0,
        pending: event.pending,
        lastSeenAt: event.lastSeenAt,
      };
      return {
        ...state,
        tablets: known
          ? state.tablets.map((tablet) => (tablet.tablet === event.tablet ? updated : tablet))
          : [...state.tablets, updated],
      };
    }
  }
}

/** Marks a contribution (hidden at once, or back after a refused hide). */
export function setContributionStatus(
  state: LiveSession,
  id: string,
  status: LiveContribution['status'],
): LiveSession {
  return {
    ...state,
    contributions: state.contributions.map((item) => (item.id === id ? { ...item, status } : item)),
  };
}

/**
 * Takes the summary's tablets (their counts), keeping what the stream said since where it is
 * newer (a heartbeat after the summary was read).
 */
export function mergeSummary(state: LiveSession, summary: SessionSummary): LiveSession {
  const tablets = summary.tablets.map((fromSummary) => {
    const live = state.tablets.find((tablet) => tablet.tablet === fromSummary.tablet);
    if (live?.lastSeenAt && (!fromSummary.lastSeenAt || live.lastSeenAt > fromSummary.lastSeenAt)) {
      return { ...fromSummary, pending: live.pending, lastSeenAt: live.lastSeenAt, group: live.group };
    }
    return fromSummary;
  });
  const onlyLive = state.tablets.filter(
    (tablet) => !summary.tablets.some((fromSummary) => fromSummary.tablet === tablet.tablet),
  );
  return { ...state, status: state.status ?? summary.session.status, tablets: [...tablets, ...onlyLive] };
}

/** Whether a tablet has not been heard from for `OFFLINE_AFTER_MS` at `now`. */
export function isOffline(tablet: Pick<LiveTablet, 'lastSeenAt'>, now: number): boolean {
  if (!tablet.lastSeenAt) return true;
  const seen = Date.parse(tablet.lastSeenAt);
  return Number.isNaN(seen) || now - seen > OFFLINE_AFTER_MS;
}

/** Puts a tablet's entry (after a rename) in place of the one the console had. */
export function replaceTablet(state: LiveSession, tablet: SessionTablet): LiveSession {
  return {
    ...state,
    tablets: state.tablets.map((known) =>
      known.tablet === tablet.tablet ? { ...known, name: tablet.name, ordinal: tablet.ordinal } : known,
    ),
  };
}
