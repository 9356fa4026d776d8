import {
  type Category,
  type ContributionCreate,
  MAX_STORY_LENGTH,
  type PublicContributionFeature,
} from '@nabolag/schema';
import type { LngLat } from '../../lib/lng-lat.ts';

/** What a resident is putting together before sending. */
export interface Draft {
  /**
   * The contribution's id, made when the draft starts. It stays the same through failed sends,
   * so a retry after a lost reply cannot store the place twice; it changes only after success
   * or when the draft is discarded.
   */
  id: string;
  category: string | null;
  position: LngLat | null;
  story: string;
}

export type DraftAction =
  | { type: 'choose-category'; category: string }
  | { type: 'place'; position: LngLat }
  | { type: 'write-story'; story: string }
  /** After success or cancel: an empty draft with a new id. */
  | { type: 'reset'; id: string }
  /** After the server said the id is taken by something else: same content, new id. */
  | { type: 'renew-id'; id: string };

export const emptyDraft = (id: string): Draft => ({ id, category: null, position: null, story: '' });

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case 'choose-category':
      return { ...draft, category: action.category };
    case 'place':
      return { ...draft, position: action.position };
    case 'write-story':
      return { ...draft, story: action.story };
    case 'reset':
      return emptyDraft(action.id);
    case 'renew-id':
      return { ...draft, id: action.id };
  }
}

export type DraftProblem = 'no-category' | 'no-position' | 'geometry-not-allowed' | 'story-too-long';

/** Whether a category takes a point: this first version places points only. */
export const takesPoint = (category: Category | undefined) =>
  category?.geometryTypes.includes('Point') ?? false;

/**
 * The request body for a draft, or what is missing. The story is sent trimmed, and left out
 * when there is nothing but whitespace.
 */
export function contributionFromDraft(
  draft: Draft,
  categories: readonly Category[],
): { ok: true; body: ContributionCreate } | { ok: false; problem: DraftProblem } {
  if (draft.category === null) return { ok: false, problem: 'no-category' };
  const category = categories.find((candidate) => candidate.key === draft.category);
  if (!takesPoint(category)) return { ok: false, problem: 'geometry-not-allowed' };
  if (draft.position === null) return { ok: false, problem: 'no-position' };
  const story = draft.story.trim();
  if (story.length > MAX_STORY_LENGTH) return { ok: false, problem: 'story-too-long' };
  return {
    ok: true,
    body: {
      id: draft.id,
      category: draft.category,
      geometry: { type: 'Point', coordinates: draft.position },
      ...(story.length > 0 ? { story } : {}),
    },
  };
}

/** `YYYY-MM-DD` of a moment in the reader's own time zone, as the public list dates places. */
export function calendarDay(moment: Date): string {
  const month = String(moment.getMonth() + 1).padStart(2, '0');
  const day = String(moment.getDate()).padStart(2, '0');
  return `${moment.getFullYear()}-${month}-${day}`;
}

/** The public feature for a contribution the server accepted, to show it before any reload. */
export function publicFeatureOf(body: ContributionCreate, created: Date): PublicContributionFeature {
  return {
    type: 'Feature',
    id: body.id,
    geometry: body.geometry,
    properties: {
      id: body.id,
      category: body.category,
      story: body.story ?? null,
      created: calendarDay(created),
      photo: null,
    },
  };
}

/** Adds `feature` unless a feature with its id is already there (a repeated send). */
export function withFeature(
  features: readonly PublicContributionFeature[],
  feature: PublicContributionFeature,
): PublicContributionFeature[] {
  return features.some((existing) => existing.id === feature.id) ? [...features] : [...features, feature];
}
