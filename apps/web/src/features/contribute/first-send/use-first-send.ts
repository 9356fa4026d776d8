import type { ParticipantProfile } from '@nabolag/schema';
import { useCallback, useRef, useState } from 'react';
import { browserStorage } from '../../../lib/storage.ts';
import {
  type BackgroundAnswers,
  isEmptyProfile,
  noAnswers,
  profileFromAnswers,
  readFirstSend,
  rememberFirstSend,
} from './first-send.ts';

/**
 * The consent text and the optional background questions before a participant's first send in
 * a project. The answers go with the contribution as `participant` (so an outbox that keeps the
 * contribution keeps them too); what was decided is remembered only once the server accepted
 * that contribution, so a failed first send asks again rather than losing the answers.
 */
export function useFirstSend(projectSlug: string) {
  const [record, setRecord] = useState(() => readFirstSend(projectSlug, browserStorage()));
  const [answers, setAnswers] = useState<BackgroundAnswers>(noAnswers);
  const [yearsProblem, setYearsProblem] = useState(false);
  /** What the send in flight carries, to record "answered" or "skipped" once it is accepted. */
  const sentProfile = useRef<ParticipantProfile | undefined>(undefined);

  const askQuestions = record.questions === undefined;
  const showConsent = record.consentedAt === undefined;

  const changeAnswers = useCallback((next: BackgroundAnswers) => {
    setAnswers(next);
    setYearsProblem(false);
  }, []);

  /** "Skip the questions": not asked again in this project on this device. */
  const skipQuestions = useCallback(() => {
    setRecord(rememberFirstSend(projectSlug, browserStorage(), { questions: 'skipped' }));
    setAnswers(noAnswers());
    setYearsProblem(false);
  }, [projectSlug]);

  /**
   * The `participant` to send with the contribution: the answers, or `undefined` when there are
   * none to send. `null` when an answer must be corrected first (the form shows which).
   */
  const participantToSend = (): ParticipantProfile | undefined | null => {
    if (!askQuestions) {
      sentProfile.current = undefined;
      return undefined;
    }
    const built = profileFromAnswers(answers);
    if (!built.ok) {
      setYearsProblem(true);
      return null;
    }
    sentProfile.current = isEmptyProfile(built.profile) ? undefined : built.profile;
    return sentProfile.current;
  };

  /** The server accepted a contribution: consent and questions are settled for this project. */
  const accepted = useCallback(() => {
    const current = readFirstSend(projectSlug, browserStorage());
    if (current.consentedAt !== undefined && current.questions !== undefined) return;
    setRecord(
      rememberFirstSend(projectSlug, browserStorage(), {
        consentedAt: current.consentedAt ?? new Date().toISOString(),
        questions: current.questions ?? (sentProfile.current ? 'answered' : 'skipped'),
      }),
    );
    setAnswers(noAnswers());
  }, [projectSlug]);

  return {
    askQuestions,
    showConsent,
    answers,
    yearsProblem,
    changeAnswers,
    skipQuestions,
    participantToSend,
    accepted,
  };
}
