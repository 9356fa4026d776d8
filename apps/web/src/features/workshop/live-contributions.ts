import type { liveContributionSchema, PublicContributionFeature, SessionEvent } from '@nabolag/schema';
import type { z } from 'zod';

export type LiveContribution = z.infer<typeof liveContributionSchema>;

/** The session's contributions by id, in the order they arrived. */
export type LiveContributions = ReadonlyMap<string, LiveContribution>;

/**
 * Applies one stream event to what the projector shows: a contribution is added (or updated,
 * e.g. when it is published), a hidden or removed one goes away. Hidden ones never show.
 */
export function applySessionEvent(current: LiveContributions, event: SessionEvent): LiveContributions {
  if (event.type === 'contribution') {
    const next = new Map(current);
    if (event.contribution.status === 'hidden') next.delete(event.contribution.id);
    else next.set(event.contribution.id, event.contribution);
    return next;
  }
  if (event.type === 'contribution-hidden' || event.type === 'contribution-removed') {
    if (!current.has(event.id)) return current;
    const next = new Map(current);
    next.delete(event.id);
    return next;
  }
  return current;
}

/** Pins for the map: no group, tablet or participant; the story only once published. */
export function liveFeatures(contributions: LiveContributions): PublicContributionFeature[] {
  return [...contributions.values()].map((contribution) => ({
    type: 'Feature',
    id: contribution.id,
    geometry: contribution.geometry,
    properties: {
      id: contribution.id,
      category: contribution.category,
      story: contribution.status === 'published' ? contribution.story : null,
      created: contribution.createdAt.slice(0, 10),
      photo: null,
    },
  }));
}

/** Published stories, newest first, for the projector to cycle through. */
export function publishedStories(contributions: LiveContributions, limit = 12): LiveContribution[] {
  return [...contributions.values()]
    .filter((contribution) => contribution.status === 'published' && (contribution.story ?? '').trim() !== '')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, limit);
}

/** How many contributions each category has. */
export function countByCategory(contributions: LiveContributions): Map<string, number> {
  const counts = new Map<string, number>();
  for (const contribution of contributions.values()) {
    counts.set(contribution.category, (counts.get(contribution.category) ?? 0) + 1);
  }
  return counts;
}
