import type { Project, PublicContributionFeature } from '@nabolag/schema';
import { projectTextFallback } from '@nabolag/schema/plain';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSchemas, schemasLoaded } from '../../api/schemas.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import type { ProjectMapHandle } from '../../map/project-map.tsx';
import { CategoryPicker } from './category-picker.tsx';
import { FirstSendStep } from './first-send/first-send-step.tsx';
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
}

const NO_PLACES: readonly PublicContributionFeature[] = [];

/**
 * Adding a place: choose a category (its prompt becomes the question), mark the point, route or
 * area on the map or find it without the map (PlaceStep), tell the story, send.
 */
export function ContributeForm({
  project,
  contribution,
  map,
  extras,
  places = NO_PLACES,
}: ContributeFormProps) {
  const { t, i18n } = useTranslation();
  const { draft, sending, status, chooseCategory, writeStory, answer, announce, cancel, send } = contribution;
  const category = project.categories.find((candidate) => candidate.key === draft.category);
  // Problems with the follow-up answers show once a send was tried (for this draft).
  const [triedToSend, setTriedToSend] = useState<string | null>(null);
  const placeMarked = draft.position !== null || draft.path.vertices.length > 0;
  // The project's question, marked with its language when it is not the page's (see textInLanguage).
  const prompt = category
    ? textInLanguage(category.prompts, i18n.language, projectTextFallback(project))
    : null;
  const hasDraft =
    draft.category !== null ||
    draft.position !== null ||
    draft.path.vertices.length > 0 ||
    draft.story.length > 0;

  return (
    <form
      className="contribute"
      aria-labelledby="contribute-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const questions = category?.questions ?? [];
        if (questions.length > 0 && !schemasLoaded()) {
          // The answers are checked with the schemas, which load once the page is idle: on a
          // very quick send, wait for them and submit again (send() reports a failed load).
          const form = event.currentTarget;
          void loadSchemas().then(
            () => form.requestSubmit(),
            () => send(),
          );
          return;
        }
        setTriedToSend(draft.id);
        const problems = answerProblems(questions, draft.answers);
        const firstProblem = questions.find((question) => problems[question.key] !== undefined);
        if (placeMarked && firstProblem) {
          // The status region says why; focus goes to the first answer to correct.
          void send();
          requestAnimationFrame(() => document.getElementById(followUpControlId(firstProblem.key))?.focus());
          return;
        }
        const participant = extras.firstSend.participantToSend();
        if (participant === null) return; // an answer to correct first; the field says which
        const draftId = draft.id;
        const photo = extras.photo.forDraft(draftId).photo?.file;
        void send(participant, photo).then(() => extras.photo.handedOver(draftId));
      }}
    >
      <h2 id="contribute-heading" className="contribute__heading">
        {t('contribute.heading')}
      </h2>

      <CategoryPicker categories={project.categories} selected={draft.category} onChoose={chooseCategory} />

      {category && prompt && (
        <p
          className="contribute__prompt"
          style={{ borderInlineStartColor: category.colour }}
          lang={langIfDifferent(prompt, i18n.language)}
          dir="auto"
        >
          {prompt.text}
        </p>
      )}

      {category && (
        <>
          <PlaceStep
            project={project}
            category={category}
            contribution={contribution}
            map={map}
            places={places}
          />

          {placeMarked && (
            <FollowUpStep
              key={category.key}
              category={category}
              answers={draft.answers}
              onAnswer={answer}
              showProblems={triedToSend === draft.id}
              disabled={sending}
              announce={announce}
            />
          )}

          <section className="contribute__step" aria-labelledby="step-story-heading">
            <h3 id="step-story-heading" className="step-heading">
              {t('contribute.stepStory')}
            </h3>
            <StoryField value={draft.story} readOnly={sending} onChange={writeStory} />
          </section>

          <PhotoStep draftId={draft.id} sending={sending} photo={extras.photo} />
        </>
      )}

      {hasDraft && (
        <FirstSendStep
          projectSlug={project.slug}
          asked={project.backgroundQuestions}
          firstSend={extras.firstSend}
          disabled={sending}
        />
      )}

      {hasDraft && (
        <div className="contribute__actions">
          <button type="submit" className="button button--primary" data-testid="send" aria-disabled={sending}>
            {sending ? t('contribute.sending') : t('contribute.send')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="cancel"
            onClick={() => {
              cancel();
              extras.photo.remove();
            }}
            disabled={sending}
          >
            {t('contribute.cancel')}
          </button>
        </div>
      )}

      <StatusRegion status={status} />
      <PhotoUploads
        uploads={extras.photo.uploads}
        onRetry={extras.photo.retry}
        onDiscard={extras.photo.discard}
      />
    </form>
  );
}
