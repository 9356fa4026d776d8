import type { Project, PublicContributionFeature } from '@nabolag/schema';
import type { ReactNode, RefObject } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSchemas, schemasLoaded } from '../../api/schemas.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import type { ProjectMapHandle } from '../../map/project-map.tsx';
import { CategoryPicker } from './category-picker.tsx';
import { placeProblem } from './draft.ts';
import { SHAPE_PROBLEM_KEYS } from './drawing-announcements.ts';
import { FirstSendStep } from './first-send/first-send-step.tsx';
import { type FlowStep, type FlowView, hasRequiredQuestions, nextStep, previousView } from './flow-steps.ts';
import { answerProblems } from './follow-up/follow-up-answers.ts';
import { followUpControlId } from './follow-up/follow-up-field.tsx';
import { FollowUpStep } from './follow-up/follow-up-step.tsx';
import { PhotoStep } from './photo/photo-step.tsx';
import { PhotoUploads } from './photo/photo-uploads.tsx';
import { PlaceStep } from './place-step.tsx';
import { StatusRegion } from './status-region.tsx';
import { StoryField } from './story-field.tsx';
import type { useContribution } from './use-contribution.ts';
import type { ContributionExtras } from './use-contribution-extras.ts';

interface ContributeFormProps {
  project: Project;
  contribution: ReturnType<typeof useContribution>;
  map: RefObject<ProjectMapHandle | null>;
  /** The optional photo, and the consent text and background questions before a first send. */
  extras: ContributionExtras;
  /** The places on the map, offered as spots to mark without the map. */
  places?: readonly PublicContributionFeature[];
  /** The step shown (the page keeps it: the sheet's height and the header follow it). */
  view: Exclude<FlowView, 'welcome'>;
  steps: readonly FlowStep[];
  onView: (view: FlowView) => void;
  /** Shown under the thanks after Send: links to the results and "My places" (not on a kiosk). */
  sentLinks?: ReactNode;
  /** On a workshop kiosk the first step has no Back: there is no welcome to go back to. */
  kiosk?: boolean;
}

const NO_PLACES: readonly PublicContributionFeature[] = [];

/**
 * Adding a place, one step at a time: the category (choosing it moves on), the place on the map
 * or without it, the story and a photo (optional), the optional questions (follow-up questions,
 * "about you", the consent text), Send — then the thanks. Each step has Back and Next in a row
 * that stays in view; optional steps say so and can be skipped: with everything optional left
 * out, a place is sent in five taps from the welcome (Add a place, category, map, Next, Send).
 */
export function ContributeForm({
  project,
  contribution,
  map,
  extras,
  places = NO_PLACES,
  view,
  steps,
  onView,
  sentLinks,
  kiosk = false,
}: ContributeFormProps) {
  const { t, i18n } = useTranslation();
  const { draft, sending, status, chooseCategory, writeStory, answer, announce, send } = contribution;
  const category = project.categories.find((candidate) => candidate.key === draft.category);
  // Problems with the follow-up answers show once a send was tried (for this draft).
  const [triedToSend, setTriedToSend] = useState<string | null>(null);
  // The project's question, marked with its language when it is not the page's (see textInLanguage).
  const prompt = category ? textInLanguage(category.prompts, i18n.language) : null;
  const next = nextStep(view, steps);
  // What the status region said on an earlier step ("Point placed.") is old news on the next;
  // errors stay until something new is said, and the outcome of Send shows on the thanks.
  const [statusBaseline, setStatusBaseline] = useState({ view, sequence: status?.sequence ?? 0 });
  if (statusBaseline.view !== view) setStatusBaseline({ view, sequence: status?.sequence ?? 0 });
  const shownStatus =
    status && (view === 'sent' || status.tone !== 'info' || status.sequence > statusBaseline.sequence)
      ? status
      : null;
  const canSkipQuestions = view === 'story' && next === 'questions' && !hasRequiredQuestions(category);
  const sendsHere = (view === 'story' && next === null) || view === 'questions' || canSkipQuestions;

  const goNext = () => {
    if (view === 'place' && category) {
      const problem = placeProblem(draft, category);
      if (problem) {
        announce({ tone: 'error', key: SHAPE_PROBLEM_KEYS[problem] });
        return;
      }
    }
    if (next) onView(next);
  };

  const submit = (form: HTMLFormElement) => {
    const questions = category?.questions ?? [];
    if (questions.length > 0 && !schemasLoaded()) {
      // The answers are checked with the schemas, which load once the page is idle: on a
      // very quick send, wait for them and submit again (send() reports a failed load).
      void loadSchemas().then(
        () => form.requestSubmit(),
        () => send(),
      );
      return;
    }
    setTriedToSend(draft.id);
    const problems = answerProblems(questions, draft.answers);
    const firstProblem = questions.find((question) => problems[question.key] !== undefined);
    if (category && placeProblem(draft, category) === null && firstProblem) {
      // The status region says why; focus goes to the first answer to correct.
      onView('questions');
      void send();
      requestAnimationFrame(() => document.getElementById(followUpControlId(firstProblem.key))?.focus());
      return;
    }
    const participant = extras.firstSend.participantToSend();
    if (participant === null) {
      onView('questions'); // an answer to correct first; the field says which
      return;
    }
    const draftId = draft.id;
    const photo = extras.photo.forDraft(draftId).photo?.file;
    void send(participant, photo).then((saved) => {
      extras.photo.handedOver(draftId);
      if (saved) onView('sent');
    });
  };

  return (
    <form
      className="flow"
      aria-labelledby={view === 'sent' ? 'sent-heading' : 'flow-step-heading'}
      data-testid="flow-step"
      data-step={view}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit(event.currentTarget);
      }}
    >
      <div className="flow__body">
        {view === 'category' && (
          <CategoryPicker
            categories={project.categories}
            selected={draft.category}
            onChoose={(key) => {
              chooseCategory(key);
              onView('place');
            }}
          />
        )}

        {view === 'place' && category && (
          <PlaceStep
            project={project}
            category={category}
            contribution={contribution}
            map={map}
            places={places}
          />
        )}

        {view === 'story' && category && (
          <>
            {prompt && (
              <p
                className="contribute__prompt"
                style={{ borderInlineStartColor: category.colour }}
                lang={langIfDifferent(prompt, i18n.language)}
                dir="auto"
              >
                {prompt.text}
              </p>
            )}
            <StoryField value={draft.story} readOnly={sending} onChange={writeStory} />
            <PhotoStep draftId={draft.id} sending={sending} photo={extras.photo} />
          </>
        )}

        {view === 'questions' && category && (
          <>
            <FollowUpStep
              key={category.key}
              category={category}
              answers={draft.answers}
              onAnswer={answer}
              showProblems={triedToSend === draft.id}
              disabled={sending}
              announce={announce}
            />
            <FirstSendStep
              projectSlug={project.slug}
              asked={project.backgroundQuestions}
              firstSend={extras.firstSend}
              disabled={sending}
              show="questions"
            />
          </>
        )}

        {sendsHere && (
          <FirstSendStep
            projectSlug={project.slug}
            asked={project.backgroundQuestions}
            firstSend={extras.firstSend}
            disabled={sending}
            show="consent"
          />
        )}

        {view === 'sent' && (
          <section className="flow-sent" data-testid="sent-confirmation" aria-labelledby="sent-heading">
            <h2 id="sent-heading" className="flow-sent__heading" tabIndex={-1}>
              {t('contribute.flow.sentHeading')}
            </h2>
            <p className="flow-sent__text">
              {t(
                project.moderation === 'before'
                  ? 'contribute.flow.sentModerated'
                  : 'contribute.flow.sentText',
              )}
            </p>
            {sentLinks}
          </section>
        )}
      </div>

      <StatusRegion status={shownStatus} />
      <PhotoUploads
        uploads={extras.photo.uploads}
        onRetry={extras.photo.retry}
        onDiscard={extras.photo.discard}
      />

      <div className="flow__footer">
        {view === 'sent' ? (
          <button
            type="button"
            className="button button--primary flow__next"
            data-testid="add-another"
            onClick={() => onView('category')}
          >
            {t('contribute.flow.addAnother')}
          </button>
        ) : (
          <>
            {canSkipQuestions && (
              <button
                type="submit"
                className="button button--quiet flow__skip"
                data-testid="send"
                aria-disabled={sending}
              >
                {sending ? t('contribute.sending') : t('contribute.flow.skipAndSend')}
              </button>
            )}
            <div className="flow__row">
              {!(kiosk && view === 'category') && (
                <button
                  type="button"
                  className="button flow__back"
                  data-testid="step-back"
                  disabled={sending}
                  onClick={() => onView(previousView(view, steps))}
                >
                  {t('contribute.flow.back')}
                </button>
              )}
              {view !== 'category' &&
                (next ? (
                  // Keys keep Next and Send distinct elements: a Next that React turned into the
                  // submit button while its click was handled would also send the form.
                  <button
                    key="next"
                    type="button"
                    className="button button--primary flow__next"
                    data-testid="step-next"
                    onClick={goNext}
                  >
                    {t('contribute.flow.next')}
                  </button>
                ) : (
                  <button
                    key="send"
                    type="submit"
                    className="button button--primary flow__next"
                    data-testid="send"
                    aria-disabled={sending}
                  >
                    {sending ? t('contribute.sending') : t('contribute.send')}
                  </button>
                ))}
            </div>
          </>
        )}
      </div>
    </form>
  );
}
