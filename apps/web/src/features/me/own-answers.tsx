import type { BackgroundQuestion, ParticipantProfile } from '@nabolag/schema';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateOwnProfile } from '../../api/participant-api.ts';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import { BackgroundQuestions } from '../contribute/first-send/background-questions.tsx';
import { answersFromProfile, profileFromAnswers } from '../contribute/first-send/first-send.ts';
import { answersNotCleared } from './own-places.ts';
import './own-answers.css';

interface OwnAnswersProps {
  projectSlug: string;
  /** The background questions the project asks. */
  asked: readonly BackgroundQuestion[];
  token: string;
  profile: ParticipantProfile;
  onSaved: () => Promise<void>;
}

type Message = { tone: 'success' | 'error'; key: ParseKeys; reason?: ParseKeys };

/** The participant's background answers, to change. They are never shown to anyone else. */
export function OwnAnswers({ projectSlug, asked, token, profile, onSaved }: OwnAnswersProps) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState(() => answersFromProfile(profile));
  const [yearsProblem, setYearsProblem] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const save = async () => {
    const built = profileFromAnswers(answers);
    if (!built.ok) {
      setYearsProblem(true);
      return;
    }
    setSaving(true);
    setMessage(null);
    const result = await updateOwnProfile(projectSlug, token, built.profile);
    setSaving(false);
    if (!result.ok) {
      setMessage({ tone: 'error', key: 'me.saveFailed', reason: errorMessageKey(result.error.code) });
      return;
    }
    // The server keeps an answer that is left out; say so rather than pretend it was removed.
    const kept = answersNotCleared(profile, built.profile);
    setMessage(
      kept.length > 0
        ? { tone: 'success', key: 'me.answersSaved', reason: 'me.answersNotCleared' }
        : { tone: 'success', key: 'me.answersSaved' },
    );
    await onSaved();
  };

  return (
    <form
      className="own-answers"
      data-testid="own-answers"
      noValidate
      aria-labelledby="own-answers-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!saving) void save();
      }}
    >
      <BackgroundQuestions
        legend={<span id="own-answers-heading">{t('me.answersHeading')}</span>}
        answers={answers}
        onChange={(next) => {
          setAnswers(next);
          setYearsProblem(false);
        }}
        yearsProblem={yearsProblem}
        disabled={saving}
        asked={asked}
      />
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          data-testid="answers-save"
          aria-disabled={saving}
        >
          {saving ? t('me.saving') : t('me.saveAnswers')}
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="answers-message">
        {message && (
          <p className={`status-line status-line--${message.tone}`} data-tone={message.tone}>
            {t(message.key)}
            {message.reason && ` ${t(message.reason)}`}
          </p>
        )}
      </div>
    </form>
  );
}
