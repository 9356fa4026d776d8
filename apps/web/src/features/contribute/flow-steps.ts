import type { Category } from '@nabolag/schema';
import type { SheetSnap } from './sheet/sheet-snap.ts';

/**
 * What the resident map's panel shows: the welcome, one step of adding a place, or the
 * confirmation after Send. Pure, so the order and the counting are tested without a browser.
 */
export type FlowView = 'welcome' | FlowStep | 'sent';

/** The steps of adding a place, in order; `questions` only when there is something to ask. */
export type FlowStep = 'category' | 'place' | 'story' | 'questions';

export interface FlowFacts {
  /** The chosen category (its follow-up questions), if any. */
  category: Category | undefined;
  /** Whether the background questions ("about you") are still to be asked on this device. */
  askBackground: boolean;
  /** The view shown: a questions step being looked at stays, even once "Skip the questions" emptied it. */
  current?: FlowView;
}

/** The steps for this draft: the optional questions step is left out when it would be empty. */
export function flowSteps({ category, askBackground, current }: FlowFacts): FlowStep[] {
  const followUps = category?.questions?.length ?? 0;
  return followUps > 0 || askBackground || current === 'questions'
    ? ['category', 'place', 'story', 'questions']
    : ['category', 'place', 'story'];
}

/** Whether a follow-up question must be answered, so that the questions step cannot be skipped. */
export const hasRequiredQuestions = (category: Category | undefined): boolean =>
  (category?.questions ?? []).some((question) => question.required);

/** "Step n of m" for a step view; `null` for the welcome and the confirmation. */
export function stepPosition(view: FlowView, steps: readonly FlowStep[]) {
  const index = steps.indexOf(view as FlowStep);
  return index < 0 ? null : { number: index + 1, total: steps.length };
}

/** The step after `view` (Next), or `null` at the last step (Send). */
export function nextStep(view: FlowView, steps: readonly FlowStep[]): FlowStep | null {
  const index = steps.indexOf(view as FlowStep);
  return index < 0 ? null : (steps[index + 1] ?? null);
}

/** The view before `view` (Back): the step before, or the welcome before the first step. */
export function previousView(view: FlowView, steps: readonly FlowStep[]): FlowView {
  const index = steps.indexOf(view as FlowStep);
  return index > 0 ? (steps[index - 1] as FlowStep) : 'welcome';
}

/**
 * Where the phone's sheet rests for each view: low while placing or drawing (the map keeps
 * most of the screen), high for choosing and writing.
 */
export const SNAP_FOR_VIEW: Record<FlowView, SheetSnap> = {
  welcome: 'half',
  category: 'full',
  place: 'peek',
  story: 'full',
  questions: 'full',
  sent: 'half',
};
