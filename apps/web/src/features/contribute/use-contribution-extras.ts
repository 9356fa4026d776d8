import { useCallback } from 'react';
import { useFirstSend } from './first-send/use-first-send.ts';
import { useContributionPhoto } from './photo/use-contribution-photo.ts';

/**
 * What the contribute form adds around the draft: the optional photo (handed to the outbox with
 * the contribution, which uploads it once the server has the contribution) and the consent
 * text and background questions before the first send. `accepted(id)` is to be called when the
 * server acknowledged contribution `id`.
 */
export function useContributionExtras(
  projectSlug: string,
  onPhotoStored: (contributionId: string, url: string) => void,
  /** Where the first-send record is kept: the project's slug, or a kiosk's own scope. */
  firstSendScope: string = projectSlug,
) {
  const photo = useContributionPhoto(projectSlug, onPhotoStored);
  const firstSend = useFirstSend(firstSendScope);
  const { accepted: firstSendAccepted } = firstSend;
  // The photo needs nothing here: the outbox uploads it once the server has the contribution.
  const accepted = useCallback((_contributionId: string) => firstSendAccepted(), [firstSendAccepted]);
  return { photo, firstSend, accepted };
}

export type ContributionExtras = ReturnType<typeof useContributionExtras>;
