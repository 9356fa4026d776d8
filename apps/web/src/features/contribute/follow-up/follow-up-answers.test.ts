import { type FollowUpQuestion, followUpQuestionListSchema } from '@nabolag/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSchemas } from '../../../api/schemas.ts';
import { answerProblems, rawAnswersOf, shownQuestionsFor, typedAnswers } from './follow-up-answers.ts';

const questions: FollowUpQuestion[] = followUpQuestionListSchema.parse([
  {
    key: 'how_often',
    type: 'single',
    labels: { en: 'How often?' },
    required: true,
    options: [
      { key: 'daily', labels: { en: 'Daily' } },
      { key: 'rarely', labels: { en: 'Rarely' } },
    ],
  },
  {
    key: 'why',
    type: 'text',
    labels: { en: 'Why?' },
    required: true,
    showIf: { question: 'how_often', equals: 'daily' },
  },
  { key: 'safe', type: 'scale', labels: { en: 'Safe?' } },
  { key: 'km', type: 'number', labels: { en: 'Km' }, min: 0, max: 10, integer: false },
]);

// Follow-up answers are checked with the schemas, which the page loads after it is interactive.
beforeAll(async () => {
  await loadSchemas();
});
describe('typedAnswers', () => {
  it('sends numbers as numbers (a decimal comma too), trims text and leaves blanks out', () => {
    expect(typedAnswers(questions, { how_often: 'daily', why: ' Coffee ', safe: '4', km: '1,5' })).toEqual({
      how_often: 'daily',
      why: 'Coffee',
      safe: 4,
      km: 1.5,
    });
    expect(typedAnswers(questions, { how_often: 'rarely', km: '  ' })).toEqual({ how_often: 'rarely' });
  });

  it('drops the answer to a question that is no longer asked', () => {
    expect(typedAnswers(questions, { how_often: 'rarely', why: 'Coffee' })).toEqual({ how_often: 'rarely' });
  });
});

describe('shownQuestionsFor', () => {
  it('follows the conditions as answers change', () => {
    const keys = (raw: Record<string, string>) =>
      shownQuestionsFor(questions, raw).map((question) => question.key);
    expect(keys({})).toEqual(['how_often', 'safe', 'km']);
    expect(keys({ how_often: 'daily' })).toEqual(['how_often', 'why', 'safe', 'km']);
  });
});

describe('answerProblems', () => {
  it('names missing required answers, and numbers that are not numbers or out of range', () => {
    expect(answerProblems(questions, {})).toEqual({ how_often: 'required' });
    expect(answerProblems(questions, { how_often: 'daily' })).toEqual({ why: 'required' });
    expect(answerProblems(questions, { how_often: 'rarely', km: 'far' })).toEqual({ km: 'wrong-type' });
    expect(answerProblems(questions, { how_often: 'rarely', km: '11' })).toEqual({ km: 'out-of-range' });
    expect(answerProblems(questions, { how_often: 'rarely', km: '2.5', safe: '3' })).toEqual({});
  });
});

describe('rawAnswersOf', () => {
  it('turns queued answers back into form values', () => {
    expect(rawAnswersOf({ how_often: 'daily', safe: 4, who: ['a', 'b'] })).toEqual({
      how_often: 'daily',
      safe: '4',
      who: ['a', 'b'],
    });
  });
});
