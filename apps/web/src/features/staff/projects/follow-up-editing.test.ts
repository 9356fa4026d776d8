import type { FollowUpQuestion } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  conditionTargets,
  type EditableQuestion,
  moved,
  newQuestion,
  suggestQuestionKey,
  withoutQuestion,
  withType,
} from './follow-up-editing.ts';
import { newProjectForm, type ProjectForm } from './project-form.ts';
import { validateProjectForm } from './project-validation.ts';

const often: EditableQuestion = {
  key: 'how_often',
  type: 'single',
  labels: { nb: 'Hvor ofte?' },
  required: true,
  options: [
    { key: 'daily', labels: { nb: 'Daglig' } },
    { key: 'rarely', labels: { nb: 'Sjelden' } },
  ],
};
const why: EditableQuestion = {
  key: 'why',
  type: 'text',
  labels: { nb: 'Hvorfor?' },
  maxLength: 100,
  showIf: { question: 'how_often', anyOf: ['daily'] },
};

describe('editing follow-up questions', () => {
  it('suggests keys from labels', () => {
    expect(suggestQuestionKey('Hvor ofte er du her?')).toBe('hvor_ofte_er_du_her');
    expect(suggestQuestionKey('Får du møte naboer?')).toBe('far_du_mote_naboer');
    expect(suggestQuestionKey('5 minutter')).toBe('q_5_minutter');
  });

  it('adds questions with unused keys, and changes type keeping what types share', () => {
    expect(newQuestion([often, { ...why, key: 'question_3' }]).key).toBe('question_4');
    const asNumber = withType(why, 'number');
    expect(asNumber).toMatchObject({ key: 'why', type: 'number', min: 0, max: 100, showIf: why.showIf });
    expect(withType(often, 'multiple')).toMatchObject({
      type: 'multiple',
      options: often.type === 'single' ? often.options : [],
    });
  });

  it('offers only earlier choice questions as conditions, and drops conditions on a removed question', () => {
    expect(conditionTargets([often, why], 1).map((question) => question.key)).toEqual(['how_often']);
    expect(conditionTargets([why, often], 1)).toEqual([]);
    expect(withoutQuestion([often, why], 0)).toEqual([
      { key: 'why', type: 'text', labels: { nb: 'Hvorfor?' }, maxLength: 100 },
    ]);
  });

  it('leaves a condition on a later question for the schema to name, at that question', () => {
    const form: ProjectForm = newProjectForm();
    form.slug = 'kongegata';
    form.title = { nb: 'Kongegata' };
    form.area = {
      kind: 'outline',
      vertices: [
        [10, 59],
        [10.01, 59],
        [10.01, 59.01],
      ],
    };
    const category = form.categories[0];
    if (!category) throw new Error('no category');
    category.questions = moved([often, why], 1, -1) as FollowUpQuestion[];
    const result = validateProjectForm(form);
    expect(result.ok).toBe(false);
    const problem = result.ok ? undefined : result.errors[`categories.${category.uid}.questions.0`];
    expect(problem?.key).toBe('staff.followUp.invalid');
    expect(problem?.detail).toMatch(/not an earlier question/);

    category.questions = [often, why] as FollowUpQuestion[];
    expect(validateProjectForm(form).ok).toBe(true);
  });
});
