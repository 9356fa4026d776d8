import { type Project, type PublicContributionFeature, participantTokenSchema } from '@nabolag/schema';
import type { ParseKeys } from 'i18next';
import { useCallback, useReducer, useRef, useState } from 'react';
import { createContribution } from '../../api/nabolag-api.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import type { LngLat } from '../../lib/lng-lat.ts';
import { browserStorage } from '../../lib/storage.ts';
import { newContributionId } from './contribution-id.ts';
import {
  contributionFromDraft,
  type DraftProblem,
  draftReducer,
  emptyDraft,
  publicFeatureOf,
} from './draft.ts';
import { participantTokenFor } from './participant-token.ts';

/** A message for the status region, kept as a key so it follows a change of language. */
export interface StatusMessage {
  tone: 'info' | 'success' | 'error';
  key: ParseKeys;
  /** A second sentence, e.g. that the draft is kept after a failed send. */
  followUp?: ParseKeys;
  /** Counts messages, so the same sentence twice in a row is announced twice. */
  sequence: number;
}

const PROBLEM_KEYS: Record<DraftProblem, ParseKeys> = {
  'no-category': 'contribute.chooseCategoryFirst',
  'no-position': 'contribute.placeFirst',
  'geometry-not-allowed': 'contribute.geometryNotSupported',
  'story-too-long': 'errors.BODY_TOO_LARGE',
};

const isValidToken = (token: string) => participantTokenSchema.safeParse(token).success;

/**
 * The resident's draft and its sending. The draft survives every failure (only success and
 * cancel clear it), and its id stays the same until then, so pressing Send again after a lost
 * reply re-sends the same id and the server stores the place once.
 */
export function useContribution(project: Project, onAccepted: (feature: PublicContributionFeature) => void) {
  const [draft, dispatch] = useReducer(draftReducer, undefined, () => emptyDraft(newContributionId()));
  const [sending, setSending] = useState(false);
  const [status, setStatusMessage] = useState<StatusMessage | null>(null);
  const sendingRef = useRef(false);
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

  const cancel = useCallback(() => {
    if (sendingRef.current) return;
    dispatch({ type: 'reset', id: newContributionId() });
    setStatus({ tone: 'info', key: 'contribute.cancelled' });
  }, [setStatus]);

  const send = async () => {
    if (sendingRef.current) return;
    const built = contributionFromDraft(draft, project.categories);
    if (!built.ok) {
      setStatus({ tone: 'error', key: PROBLEM_KEYS[built.problem] });
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setStatus({ tone: 'info', key: 'contribute.sending' });
    const token = participantTokenFor(project.slug, browserStorage(), isValidToken);
    const result = await createContribution(project.slug, built.body, token);
    sendingRef.current = false;
    setSending(false);

    if (result.ok) {
      onAccepted(publicFeatureOf(built.body, new Date()));
      dispatch({ type: 'reset', id: newContributionId() });
      setStatus({
        tone: 'success',
        key: project.moderation === 'before' ? 'contribute.thanksModerated' : 'contribute.thanks',
      });
      return;
    }
    // The id is taken by a different contribution: keep the content, take a fresh id.
    if (result.error.code === 'ID_CONFLICT') dispatch({ type: 'renew-id', id: newContributionId() });
    console.warn('contribution not accepted:', result.error);
    setStatus({ tone: 'error', key: errorMessageKey(result.error.code), followUp: 'contribute.draftKept' });
  };

  return { draft, sending, status, chooseCategory, place, writeStory, cancel, send };
}
