import type { Category, OwnContribution, ParticipantProfile } from '@nabolag/schema';
import type { ParseKeys } from 'i18next';

/** What each moderation status means to the participant, in words. */
export const STATUS_TEXT: Record<OwnContribution['status'], { label: ParseKeys; explanation: ParseKeys }> = {
  published: { label: 'me.status.published', explanation: 'me.status.publishedText' },
  pending: { label: 'me.status.pending', explanation: 'me.status.pendingText' },
  hidden: { label: 'me.status.hidden', explanation: 'me.status.hiddenText' },
};

/** Categories a contribution may be moved to: those that take its kind of geometry. */
export function categoriesFor(
  contribution: Pick<OwnContribution, 'geometry'>,
  categories: readonly Category[],
) {
  return categories.filter((category) => category.geometryTypes.includes(contribution.geometry.type));
}

/**
 * The address to show a stored photo from. `version` changes after the participant replaces the
 * photo: the address stays the same on the server, and the browser may hold the old one for a
 * few minutes (`cache-control: max-age=300`).
 */
export const photoAddress = (photo: string, version: number) =>
  version > 0 ? `${photo}?v=${version}` : photo;

/**
 * Answers the participant blanked that the server still holds. `PATCH /me` merges (a left-out
 * answer keeps its earlier value), so such an answer cannot yet be taken back on its own.
 */
export function answersNotCleared(
  stored: ParticipantProfile,
  sent: ParticipantProfile,
): (keyof ParticipantProfile)[] {
  const keys: (keyof ParticipantProfile)[] = ['ageBand', 'relation', 'yearsInArea'];
  return keys.filter((key) => stored[key] !== undefined && sent[key] === undefined);
}
