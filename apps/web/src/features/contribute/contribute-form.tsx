import { type Project, pickText } from '@nabolag/schema';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectMapHandle } from '../../map/project-map.tsx';
import { CategoryPicker } from './category-picker.tsx';
import { takesPoint } from './draft.ts';
import { StatusRegion } from './status-region.tsx';
import { StoryField } from './story-field.tsx';
import type { useContribution } from './use-contribution.ts';

interface ContributeFormProps {
  project: Project;
  contribution: ReturnType<typeof useContribution>;
  map: RefObject<ProjectMapHandle | null>;
}

/**
 * Adding a place: choose a category (its prompt becomes the question), put the point on the
 * map (tap, drag, or the crosshair with "Place it at the cross" / Enter), tell the story, send.
 */
export function ContributeForm({ project, contribution, map }: ContributeFormProps) {
  const { t, i18n } = useTranslation();
  const { draft, sending, status, chooseCategory, place, writeStory, cancel, send } = contribution;
  const category = project.categories.find((candidate) => candidate.key === draft.category);
  const canPlacePoint = takesPoint(category);
  const hasDraft = draft.category !== null || draft.position !== null || draft.story.length > 0;

  const placeAtCentre = () => {
    const centre = map.current?.centre();
    if (centre) place(centre);
  };

  return (
    <form
      className="contribute"
      aria-labelledby="contribute-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <h2 id="contribute-heading" className="contribute__heading">
        {t('contribute.heading')}
      </h2>

      <CategoryPicker categories={project.categories} selected={draft.category} onChoose={chooseCategory} />

      {category && (
        <p className="contribute__prompt" style={{ borderInlineStartColor: category.colour }}>
          {pickText(category.prompts, i18n.language)}
        </p>
      )}

      {category && !canPlacePoint && <p className="notice">{t('contribute.geometryNotSupported')}</p>}

      {category && canPlacePoint && (
        <>
          <section className="contribute__step" aria-labelledby="step-place-heading">
            <h3 id="step-place-heading" className="step-heading">
              {t('contribute.stepPlace')}
            </h3>
            <p className="field__hint">{t('contribute.placeInstructions')}</p>
            <div className="button-row">
              <button type="button" className="button" data-testid="place-centre" onClick={placeAtCentre}>
                <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                  <path
                    d="M10 1v6M10 13v6M1 10h6M13 10h6"
                    stroke="currentColor"
                    strokeWidth="2"
                    fill="none"
                  />
                </svg>
                {t('contribute.placeAtCentre')}
              </button>
              <button
                type="button"
                className="button button--quiet for-keyboards"
                onClick={() => map.current?.focus()}
              >
                {t('contribute.moveMapWithKeyboard')}
              </button>
            </div>
            {/* Live, so that placing by keyboard or screen reader is confirmed. */}
            <p className={draft.position ? 'place-state is-placed' : 'place-state'} aria-live="polite">
              {draft.position ? t('contribute.placed') : t('contribute.notPlaced')}
            </p>
          </section>

          <section className="contribute__step" aria-labelledby="step-story-heading">
            <h3 id="step-story-heading" className="step-heading">
              {t('contribute.stepStory')}
            </h3>
            <StoryField value={draft.story} readOnly={sending} onChange={writeStory} />
          </section>
        </>
      )}

      {hasDraft && (
        <div className="contribute__actions">
          <button type="submit" className="button button--primary" data-testid="send" aria-disabled={sending}>
            {sending ? t('contribute.sending') : t('contribute.send')}
          </button>
          <button type="button" className="button" data-testid="cancel" onClick={cancel} disabled={sending}>
            {t('contribute.cancel')}
          </button>
        </div>
      )}

      <StatusRegion status={status} />
    </form>
  );
}
