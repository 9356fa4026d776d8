import type {
  Category,
  ContributionCreate,
  ContributionGeometry,
  ContributionGeometryType,
  PublicContributionFeature,
} from '@nabolag/schema';
import { MAX_STORY_LENGTH } from '@nabolag/schema/plain';
import type { LngLat } from '../../lib/lng-lat.ts';
import { type DrawnGeometryType, type DrawnPath, EMPTY_PATH } from '../../map/drawn-path.ts';
import { effectiveGeometryType, geometryOfPath, type ShapeProblem } from './drawn-geometry.ts';
import { answerProblems, type RawAnswers, typedAnswers } from './follow-up/follow-up-answers.ts';

/** What a resident is putting together before sending. */
export interface Draft {
  /**
   * The contribution's id, made when the draft starts. It stays the same through failed sends,
   * so a retry after a lost reply cannot store the place twice; it changes only after success
   * or when the draft is discarded.
   */
  id: string;
  category: string | null;
  /**
   * What the resident chose to mark: a point, a line (a route) or an area. While the category
   * does not take it, the category's first type is used instead (`effectiveGeometryType`).
   */
  geometryType: ContributionGeometryType;
  /** Where the point is. */
  position: LngLat | null;
  /** The line or area drawn so far, of type `pathType`. */
  path: DrawnPath;
  pathType: DrawnGeometryType;
  story: string;
  /** Answers to the category's follow-up questions, as typed (see RawAnswers). */
  answers: RawAnswers;
}

export type DraftAction =
  | { type: 'choose-category'; category: string }
  | { type: 'place'; position: LngLat }
  | { type: 'choose-geometry'; geometryType: ContributionGeometryType }
  /** The map reports the line or area as it is drawn. */
  | { type: 'draw'; geometryType: DrawnGeometryType; path: DrawnPath }
  | { type: 'write-story'; story: string }
  /** An answer to a follow-up question; an empty string or list takes it back. */
  | { type: 'answer'; question: string; value: string | readonly string[] }
  /** After success or cancel: an empty draft with a new id. */
  | { type: 'reset'; id: string }
  /** After the server said the id is taken by something else: same content, new id. */
  | { type: 'renew-id'; id: string };

export const emptyDraft = (id: string): Draft => ({
  id,
  category: null,
  geometryType: 'Point',
  position: null,
  path: EMPTY_PATH,
  pathType: 'LineString',
  story: '',
  answers: {},
});

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case 'choose-category':
      // Another category asks other questions: answers to the previous ones do not carry over.
      return action.category === draft.category
        ? draft
        : { ...draft, category: action.category, answers: {} };
    case 'place':
      return { ...draft, position: action.position };
    case 'choose-geometry':
      return { ...draft, geometryType: action.geometryType };
    case 'draw':
      return {
        ...draft,
        geometryType: action.geometryType,
        path: action.path,
        pathType: action.geometryType,
      };
    case 'write-story':
      return { ...draft, story: action.story };
    case 'answer':
      return { ...draft, answers: { ...draft.answers, [action.question]: action.value } };
    case 'reset':
      return emptyDraft(action.id);
    case 'renew-id':
      return { ...draft, id: action.id };
  }
}

export type DraftProblem =
  | 'no-category'
  | 'geometry-not-allowed'
  | 'story-too-long'
  | 'answers-invalid'
  | ShapeProblem;

/** The line or area drawn of `type` (nothing when what was drawn is of another type). */
export const pathOf = (draft: Draft, type: DrawnGeometryType): DrawnPath =>
  draft.pathType === type ? draft.path : EMPTY_PATH;

function geometryOf(
  draft: Draft,
  type: ContributionGeometryType,
): { ok: true; geometry: ContributionGeometry } | { ok: false; problem: ShapeProblem } {
  if (type !== 'Point') return geometryOfPath(type, pathOf(draft, type));
  if (draft.position === null) return { ok: false, problem: 'no-position' };
  return { ok: true, geometry: { type: 'Point', coordinates: draft.position } };
}

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
  if (!category) return { ok: false, problem: 'geometry-not-allowed' };
  const shape = geometryOf(draft, effectiveGeometryType(draft.geometryType, category));
  if (!shape.ok) return shape;
  const story = draft.story.trim();
  if (story.length > MAX_STORY_LENGTH) return { ok: false, problem: 'story-too-long' };
  const questions = category.questions ?? [];
  if (Object.keys(answerProblems(questions, draft.answers)).length > 0) {
    return { ok: false, problem: 'answers-invalid' };
  }
  const answers = typedAnswers(questions, draft.answers);
  return {
    ok: true,
    body: {
      id: draft.id,
      category: draft.category,
      geometry: shape.geometry,
      ...(story.length > 0 ? { story } : {}),
      // With the version answered, so a place waiting offline still fits if the questions change.
      ...(Object.keys(answers).length > 0
        ? { answers, ...(category.questionsVersion ? { questionsVersion: category.questionsVersion } : {}) }
        : {}),
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

/**
 * `listed` with `sent` (newer copies of the same places, e.g. with a photo since) put in place
 * of the listed ones, and those not listed yet added at the end.
 */
export function withFeatures(
  listed: readonly PublicContributionFeature[],
  sent: readonly PublicContributionFeature[],
): PublicContributionFeature[] {
  if (sent.length === 0) return [...listed];
  const sentIds = new Set(sent.map((feature) => feature.id));
  return [...listed.filter((feature) => !sentIds.has(feature.id)), ...sent];
}

/**
 * What keeps the draft's place from being sent (no point yet, a route of one point, an area
 * that crosses itself), or `null` when the place is ready: the flow's Next after "Where is it?".
 */
export function placeProblem(draft: Draft, category: Category): ShapeProblem | null {
  const shape = geometryOf(draft, effectiveGeometryType(draft.geometryType, category));
  return shape.ok ? null : shape.problem;
}
