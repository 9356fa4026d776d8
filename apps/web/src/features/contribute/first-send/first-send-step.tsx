import type { BackgroundQuestion } from '@nabolag/schema';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from '../../../app/router.tsx';
import { myPlacesPath, privacyPath } from '../../../app/routes.ts';
import { BackgroundQuestions } from './background-questions.tsx';
import type { useFirstSend } from './use-first-send.ts';

interface FirstSendStepProps {
  projectSlug: string;
  /** The background questions the project asks; none: the questions step is left out. */
  asked: readonly BackgroundQuestion[];
  firstSend: ReturnType<typeof useFirstSend>;
  disabled: boolean;
  /** Which part to show: the questions (the optional questions step), the consent (beside Send), or both. */
  show?: 'questions' | 'consent' | 'both';
}

/**
 * Shown above Send until the participant's first contribution in the project is accepted: the
 * optional background questions (with a way to skip them) and what sending means — what is
 * stored, that the answers are never public, and where to see and delete it all.
 */
export function FirstSendStep({
  projectSlug,
  asked,
  firstSend,
  disabled,
  show = 'both',
}: FirstSendStepProps) {
  const { t } = useTranslation();
  const askQuestions = show !== 'consent' && firstSend.askQuestions && asked.length > 0;
  const showConsent = show !== 'questions' && firstSend.showConsent;
  if (!askQuestions && !showConsent) return null;
  return (
    <>
      {askQuestions && (
        <section className="contribute__step first-send__questions" aria-labelledby="background-heading">
          <BackgroundQuestions
            legend={<span id="background-heading">{t('background.heading')}</span>}
            answers={firstSend.answers}
            onChange={firstSend.changeAnswers}
            yearsProblem={firstSend.yearsProblem}
            disabled={disabled}
            asked={asked}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button--quiet"
              data-testid="background-skip"
              disabled={disabled}
              onClick={firstSend.skipQuestions}
            >
              {t('background.skip')}
            </button>
          </div>
        </section>
      )}
      {showConsent && (
        <section className="consent" aria-labelledby="consent-heading" data-testid="consent">
          <h3 id="consent-heading" className="step-heading">
            {t('consent.heading')}
          </h3>
          <p>{t('consent.stored')}</p>
          <p>{t('consent.notPublic')}</p>
          <p>
            <Trans
              i18nKey="consent.yourRights"
              components={{
                placesLink: <Link href={myPlacesPath(projectSlug)} data-testid="consent-my-places" />,
              }}
            />
          </p>
          <p className="link-row">
            <Link href={privacyPath(projectSlug)} data-testid="consent-privacy">
              {t('consent.privacyLink')}
            </Link>
          </p>
          <p className="consent__agree">{t('consent.agree')}</p>
        </section>
      )}
    </>
  );
}
