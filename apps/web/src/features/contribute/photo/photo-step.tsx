import { useTranslation } from 'react-i18next';
import { PhotoPicker } from './photo-picker.tsx';
import type { useContributionPhoto } from './use-contribution-photo.ts';

interface PhotoStepProps {
  draftId: string;
  sending: boolean;
  photo: ReturnType<typeof useContributionPhoto>;
}

/** The contribute form's optional photo step, for the draft with id `draftId`. */
export function PhotoStep({ draftId, sending, photo }: PhotoStepProps) {
  const { t } = useTranslation();
  const current = photo.forDraft(draftId);
  return (
    <section className="contribute__step" aria-labelledby="step-photo-heading">
      <h3 id="step-photo-heading" className="step-heading">
        {t('photo.heading')}
      </h3>
      <PhotoPicker
        previewUrl={current.photo?.previewUrl ?? null}
        problem={current.problem}
        disabled={sending}
        onChoose={(file) => photo.choose(draftId, file)}
        onRemove={photo.remove}
      />
    </section>
  );
}
