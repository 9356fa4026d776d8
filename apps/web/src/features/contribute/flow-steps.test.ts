import type { Category } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  flowSteps,
  hasRequiredQuestions,
  nextStep,
  previousView,
  SNAP_FOR_VIEW,
  stepPosition,
} from './flow-steps.ts';

const category = (questions: Category['questions'] = []): Category => ({
  key: 'meeting-places',
  labels: { nb: 'Møtesteder' },
  prompts: { nb: 'Hvor møtes du?' },
  geometryTypes: ['Point'],
  colour: '#1f77b4',
  questions,
});

const question = (required: boolean) => ({
  key: 'how_often',
  type: 'single' as const,
  labels: { nb: 'Hvor ofte?' },
  options: [{ value: 'daily', labels: { nb: 'Daglig' } }],
  required,
});

describe('flowSteps', () => {
  it('has four steps when there is something to ask after the story', () => {
    expect(flowSteps({ category: category(), askBackground: true })).toEqual([
      'category',
      'place',
      'story',
      'questions',
    ]);
    expect(flowSteps({ category: category([question(false)] as never), askBackground: false })).toHaveLength(
      4,
    );
  });

  it('leaves the questions step out when it would be empty', () => {
    expect(flowSteps({ category: category(), askBackground: false })).toEqual(['category', 'place', 'story']);
    expect(flowSteps({ category: undefined, askBackground: false })).toHaveLength(3);
  });

  it('keeps the questions step while it is shown, even once skipping emptied it', () => {
    expect(flowSteps({ category: category(), askBackground: false, current: 'questions' })).toHaveLength(4);
  });
});

describe('moving through the steps', () => {
  const steps = flowSteps({ category: category(), askBackground: true });

  it('counts the steps ("Step 2 of 4") and not the welcome or the confirmation', () => {
    expect(stepPosition('place', steps)).toEqual({ number: 2, total: 4 });
    expect(stepPosition('welcome', steps)).toBeNull();
    expect(stepPosition('sent', steps)).toBeNull();
  });

  it('goes forward to the next step and ends at the last', () => {
    expect(nextStep('category', steps)).toBe('place');
    expect(nextStep('story', steps)).toBe('questions');
    expect(nextStep('questions', steps)).toBeNull();
  });

  it('goes back to the step before, and from the first step to the welcome', () => {
    expect(previousView('story', steps)).toBe('place');
    expect(previousView('category', steps)).toBe('welcome');
  });

  it('keeps the sheet low while placing and high while choosing or writing', () => {
    expect(SNAP_FOR_VIEW.place).toBe('peek');
    expect(SNAP_FOR_VIEW.category).toBe('full');
    expect(SNAP_FOR_VIEW.story).toBe('full');
  });
});

describe('hasRequiredQuestions', () => {
  it('is true only when a follow-up question must be answered', () => {
    expect(hasRequiredQuestions(category([question(true)] as never))).toBe(true);
    expect(hasRequiredQuestions(category([question(false)] as never))).toBe(false);
    expect(hasRequiredQuestions(undefined)).toBe(false);
  });
});
