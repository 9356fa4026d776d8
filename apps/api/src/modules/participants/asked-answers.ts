import type { BackgroundQuestion, ParticipantProfile } from '@nabolag/schema';

/**
 * Keeps only the answers to questions the project asks: what a project did not ask for is not
 * stored (data minimisation), even if a client sends it.
 */
export function onlyAskedAnswers(
  profile: ParticipantProfile | undefined,
  asked: readonly BackgroundQuestion[],
): ParticipantProfile | undefined {
  if (!profile) return undefined;
  const kept: ParticipantProfile = {};
  if (asked.includes('ageBand') && profile.ageBand !== undefined) kept.ageBand = profile.ageBand;
  if (asked.includes('relation') && profile.relation !== undefined) kept.relation = profile.relation;
  if (asked.includes('yearsInArea') && profile.yearsInArea !== undefined)
    kept.yearsInArea = profile.yearsInArea;
  return kept;
}
