import type {
  ContributionCreate,
  ContributionGeometryType,
  ParticipantProfile,
  Project,
  PublicContributionFeature,
} from '@nabolag/schema';
import { isParticipantToken } from '@nabolag/schema/plain';
import type { ParseKeys } from 'i18next';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { loadSchemas, schemasLoaded } from '../../api/schemas.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import type { LngLat } from '../../lib/lng-lat.ts';
import { browserStorage } from '../../lib/storage.ts';
import type { DrawnGeometryType, DrawnPath } from '../../map/drawn-path.ts';
import { outbox } from '../../offline/outbox.ts';
import { newContributionId } from './contribution-id.ts';
import {
  contributionFromDraft,
  type DraftProblem,
  draftReducer,
  emptyDraft,
  publicFeatureOf,
} from './draft.ts';
import { type Announcement, SHAPE_PROBLEM_KEYS } from './drawing-announcements.ts';
import { rawAnswersOf } from './follow-up/follow-up-answers.ts';
import { participantTokenAt, participantTokenFor } from './participant-token.ts';

/** A message for the status region, kept as a key so it follows a change of language. */
export interface StatusMessage {
  tone: 'info' | 'success' | 'error';
  key: ParseKeys;
  /** A second sentence, e.g. that the draft is kept after a failed send. */
  followUp?: ParseKeys;
  /** Values the sentence takes, e.g. `{ number: 3 }` for "Corner 3 added". */
  values?: Record<string, string | number>;
  /** Counts messages, so the same sentence twice in a row is announced twice. */
  sequence: number;
}

const PROBLEM_KEYS: Record<DraftProblem, ParseKeys> = {
  ...SHAPE_PROBLEM_KEYS,
  'no-category': 'contribute.chooseCategoryFirst',
  'geometry-not-allowed': 'errors.GEOMETRY_TYPE_NOT_ALLOWED',
  'story-too-long': 'errors.BODY_TOO_LARGE',
  'answers-invalid': 'followUp.checkAnswers',
};

const isValidToken = isParticipantToken;

/** What a place taken back from the outbox to be corrected brings along besides the draft. */
interface CarriedFromOutbox {
  draftId: string;
  extras: Pick<ContributionCreate, 'participant' | 'session'>;
  photo: Blob | null;
}

/**
 * The resident's draft and its sending. Send puts the contribution in the outbox (IndexedDB)
 * first — from then on it is safe on this device — and the outbox sends it, retrying with the
 * same id until the server acknowledges it (the id is the idempotency key, so it is stored
 * once). The status says "saved on this device, sending…" until the server has it, then "sent";
 * a refusal is shown with its reason and the place stays in the outbox to be fixed or discarded.
 */
/** How a workshop kiosk changes sending; the resident page uses none of it. */
export interface ContributionOptions {
  /** Storage key of the participant token (default: this browser's token for the project). */
  participantTokenKey?: string;
  /** Added to every contribution: the workshop session, the table chosen, the tablet. */
  tag?: Pick<ContributionCreate, 'session' | 'sessionGroup' | 'tablet'>;
}

const NO_OPTIONS: ContributionOptions = {};

/**
 * `onAccepted(feature, own)`: `own` is true when the place was sent from this form (in this
 * page's life), false for places an earlier page or another tab left in the outbox.
 */
export function useContribution(
  project: Project,
  onAccepted: (feature: PublicContributionFeature, own: boolean) => void,
  options: ContributionOptions = NO_OPTIONS,
) {
  const [draft, dispatch] = useReducer(draftReducer, undefined, () => emptyDraft(newContributionId()));
  const [sending, setSending] = useState(false);
  const [status, setStatusMessage] = useState<StatusMessage | null>(null);
  const sendingRef = useRef(false);
  /** The contribution whose outcome the status region reports. */
  const awaitedId = useRef<string | null>(null);
  const retryAnnounced = useRef(false);
  const carriedRef = useRef<CarriedFromOutbox | null>(null);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const onAcceptedRef = useRef(onAccepted);
  onAcceptedRef.current = onAccepted;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  /** Ids this form put in the outbox. */
  const ownIds = useRef(new Set<string>());
  const setStatus = useCallback((message: Omit<StatusMessage, 'sequence'>) => {
    setStatusMessage((previous) => ({ ...message, sequence: (previous?.sequence ?? 0) + 1 }));
  }, []);

  const chooseCategory = useCallback((category: string) => {
    if (sendingRef.current) return;
    dispatch({ type: 'choose-category', category });
  }, []);

  const place = useCallback((position: LngLat) => {
    if (sendingRef.current) return;
    dispatch({ type: 'place', position });
  }, []);

  const writeStory = useCallback((story: string) => dispatch({ type: 'write-story', story }), []);

  /** An answer to one of the category's follow-up questions. */
  const answer = useCallback((question: string, value: string | readonly string[]) => {
    if (sendingRef.current) return;
    dispatch({ type: 'answer', question, value });
  }, []);

  const chooseGeometry = useCallback((geometryType: ContributionGeometryType) => {
    if (sendingRef.current) return;
    dispatch({ type: 'choose-geometry', geometryType });
  }, []);

  /** The map reports the line or area being drawn. */
  const draw = useCallback((geometryType: DrawnGeometryType, path: DrawnPath) => {
    dispatch({ type: 'draw', geometryType, path });
  }, []);

  /** Says what just happened on the map (a point placed, a corner added) in the status region. */
  const announce = useCallback((announcement: Announcement) => setStatus(announcement), [setStatus]);

  const cancel = useCallback(() => {
    if (sendingRef.current) return;
    dispatch({ type: 'reset', id: newContributionId() });
    setStatus({ tone: 'info', key: 'contribute.cancelled' });
  }, [setStatus]);

  /**
   * `participant`: the background answers, sent with the first contribution only (FirstSendStep).
   * `photo`: uploaded by the outbox once the server has the contribution. Resolves `true` once
   * the place is safe in the outbox (the draft starts afresh), `false` when it was not sent.
   */
  const send = async (participant?: ParticipantProfile, photo?: Blob | null): Promise<boolean> => {
    if (sendingRef.current) return false;
    // Follow-up answers are checked with the schemas (loaded once the page was idle, or now).
    const questions = project.categories.find((category) => category.key === draft.category)?.questions;
    if (questions && questions.length > 0 && !schemasLoaded()) {
      try {
        await loadSchemas();
      } catch {
        setStatus({ tone: 'error', key: 'errors.NETWORK', followUp: 'contribute.draftKept' });
        return false;
      }
    }
    const built = contributionFromDraft(draft, project.categories);
    if (!built.ok) {
      setStatus({ tone: 'error', key: PROBLEM_KEYS[built.problem] });
      return false;
    }
    sendingRef.current = true;
    setSending(true);
    const { participantTokenKey, tag } = optionsRef.current;
    const token = participantTokenKey
      ? participantTokenAt(participantTokenKey, browserStorage(), isValidToken)
      : participantTokenFor(project.slug, browserStorage(), isValidToken);
    const carried = carriedRef.current?.draftId === draft.id ? carriedRef.current : null;
    const body: ContributionCreate = {
      ...carried?.extras,
      ...tag,
      ...built.body,
      ...(participant ? { participant } : {}),
    };
    awaitedId.current = body.id;
    ownIds.current.add(body.id);
    retryAnnounced.current = false;
    let saved = false;
    try {
      // Once this resolves the place is safe on this device, whatever the network does.
      await outbox().enqueue({
        projectSlug: project.slug,
        body,
        participantToken: token,
        photo: photo ?? carried?.photo ?? null,
      });
      saved = true;
    } catch (error) {
      console.warn('contribution not saved in the outbox:', error);
    }
    sendingRef.current = false;
    setSending(false);
    if (!saved) {
      setStatus({ tone: 'error', key: 'outbox.notSaved', followUp: 'contribute.draftKept' });
      return false;
    }
    carriedRef.current = null;
    dispatch({ type: 'reset', id: newContributionId() });
    setStatus({
      tone: 'info',
      key: navigator.onLine === false ? 'outbox.savedOffline' : 'outbox.savedSending',
    });
    return true;
  };

  // What the outbox reports: a place of this project the server now has goes on the map (also
  // places sent after a reload or by another tab); the one just sent gets its outcome announced.
  useEffect(
    () =>
      outbox().onEvent((event) => {
        if (event.projectSlug !== project.slug) return;
        const awaited = event.id === awaitedId.current;
        if (event.type === 'sent') {
          onAcceptedRef.current(publicFeatureOf(event.body, new Date()), ownIds.current.has(event.id));
          if (!awaited) return;
          awaitedId.current = null;
          setStatus({
            tone: 'success',
            key: project.moderation === 'before' ? 'contribute.thanksModerated' : 'contribute.thanks',
          });
        } else if (awaited && event.type === 'failed' && event.stage === 'contribution') {
          awaitedId.current = null;
          setStatus({
            tone: 'error',
            key: errorMessageKey(event.error.code),
            followUp: 'outbox.keptOnDevice',
          });
        } else if (awaited && event.type === 'retrying' && !retryAnnounced.current) {
          retryAnnounced.current = true;
          setStatus({ tone: 'info', key: 'outbox.savedWillRetry' });
        }
      }),
    [project.slug, project.moderation, setStatus],
  );

  /**
   * Takes a place the server refused out of the outbox and back into the form, to be corrected
   * and sent again (with the same id, unless the server said the id is taken).
   */
  const editFromOutbox = useCallback(
    async (id: string): Promise<boolean> => {
      if (sendingRef.current) return false;
      const current = draftRef.current;
      const hasDraft =
        current.category !== null ||
        current.position !== null ||
        current.path.vertices.length > 0 ||
        current.story.length > 0;
      if (hasDraft) {
        setStatus({ tone: 'error', key: 'outbox.finishDraftFirst' });
        return false;
      }
      const item = await outbox().take(id);
      if (!item) return false;
      const draftId = item.lastError?.code === 'ID_CONFLICT' ? newContributionId() : item.id;
      const { category, geometry, story, participant, session, answers } = item.body;
      dispatch({ type: 'reset', id: draftId });
      dispatch({ type: 'choose-category', category });
      if (geometry.type === 'Point') {
        dispatch({ type: 'place', position: [geometry.coordinates[0], geometry.coordinates[1]] });
      } else {
        const vertices = (
          geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates[0]?.slice(0, -1)
        )?.map(([lng, lat]): LngLat => [lng, lat]);
        dispatch({
          type: 'draw',
          geometryType: geometry.type,
          path: { vertices: vertices ?? [], finished: true },
        });
      }
      if (story) dispatch({ type: 'write-story', story });
      for (const [question, value] of Object.entries(rawAnswersOf(answers)))
        dispatch({ type: 'answer', question, value });
      carriedRef.current = {
        draftId,
        extras: { ...(participant ? { participant } : {}), ...(session ? { session } : {}) },
        photo: item.photo,
      };
      setStatus({ tone: 'info', key: 'outbox.backInForm' });
      return true;
    },
    [setStatus],
  );

  return {
    draft,
    sending,
    status,
    chooseCategory,
    chooseGeometry,
    place,
    draw,
    announce,
    writeStory,
    answer,
    cancel,
    send,
    editFromOutbox,
  };
}
