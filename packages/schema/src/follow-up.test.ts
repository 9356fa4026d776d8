import { describe, expect, it } from 'vitest';
import {
  answerFilterSchema,
  type FollowUpQuestion,
  type FollowUpQuestionInput,
  followUpKeyTypeProblems,
  followUpQuestionListSchema,
  shownQuestions,
  validateFollowUpAnswers,
} from './follow-up.ts';

const parse = (questions: FollowUpQuestionInput[]): FollowUpQuestion[] =>
  followUpQuestionListSchema.parse(questions);

const options = (...keys: string[]) => keys.map((key) => ({ key, labels: { en: key } }));

const survey = () =>
  parse([
    {
      key: 'how_often',
      type: 'single',
      labels: { en: 'How often?' },
      required: true,
      options: options('daily', 'weekly', 'rarely'),
    },
    {
      key: 'who',
      type: 'multiple',
      labels: { en: 'Who?' },
      options: options('friends', 'family', 'neighbours'),
      maxChoices: 2,
    },
    {
      key: 'why_daily',
      type: 'text',
      labels: { en: 'Why daily?' },
      required: true,
      maxLength: 20,
      showIf: { question: 'how_often', equals: 'daily' },
    },
    { key: 'safe', type: 'scale', labels: { en: 'How safe?' } },
    { key: 'minutes', type: 'number', labels: { en: 'Minutes' }, min: 0, max: 600 },
    {
      key: 'family_size',
      type: 'number',
      labels: { en: 'How many?' },
      min: 1,
      max: 20,
      showIf: { question: 'who', anyOf: ['family'] },
    },
  ]);

describe('followUpQuestionListSchema', () => {
  it('accepts each type of question with defaults filled in', () => {
    const questions = survey();
    expect(questions.map((question) => question.type)).toEqual([
      'single',
      'multiple',
      'text',
      'scale',
      'number',
      'number',
    ]);
    expect(questions[3]).toMatchObject({ required: false });
    expect(questions[4]).toMatchObject({ integer: true });
  });

  it('refuses a condition on a later question', () => {
    const result = followUpQuestionListSchema.safeParse([
      { key: 'first', type: 'scale', labels: { en: 'A' }, showIf: { question: 'second', equals: 'yes' } },
      { key: 'second', type: 'single', labels: { en: 'B' }, options: options('yes', 'no') },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/not an earlier question/);
  });

  it('refuses a condition value the earlier question cannot have, and conditions on free text', () => {
    const wrongOption = followUpQuestionListSchema.safeParse([
      { key: 'a', type: 'single', labels: { en: 'A' }, options: options('yes', 'no') },
      { key: 'b', type: 'scale', labels: { en: 'B' }, showIf: { question: 'a', equals: 'maybe' } },
    ]);
    expect(wrongOption.error?.issues[0]?.message).toMatch(/cannot be answered with/);
    const onText = followUpQuestionListSchema.safeParse([
      { key: 'a', type: 'text', labels: { en: 'A' } },
      { key: 'b', type: 'scale', labels: { en: 'B' }, showIf: { question: 'a', equals: 'x' } },
    ]);
    expect(onText.success).toBe(false);
  });

  it('refuses duplicate question and option keys, reversed bounds and bad key names', () => {
    const cases: FollowUpQuestionInput[][] = [
      [
        { key: 'a', type: 'scale', labels: { en: 'A' } },
        { key: 'a', type: 'scale', labels: { en: 'B' } },
      ],
      [{ key: 'a', type: 'single', labels: { en: 'A' }, options: options('x', 'x') }],
      [{ key: 'a', type: 'number', labels: { en: 'A' }, min: 10, max: 1 }],
      [{ key: 'Bad-Key', type: 'scale', labels: { en: 'A' } }],
      [{ key: 'a__b', type: 'scale', labels: { en: 'A' } }],
      [{ key: 'a', type: 'single', labels: { en: 'A' }, options: options('only') }],
      [{ key: 'a', type: 'scale', labels: { en: '  ' } }],
    ];
    for (const questions of cases)
      expect(followUpQuestionListSchema.safeParse(questions).success).toBe(false);
  });
});

describe('validateFollowUpAnswers', () => {
  it('accepts valid answers of every type and cleans them', () => {
    const result = validateFollowUpAnswers(survey(), {
      how_often: 'daily',
      who: ['friends', 'family'],
      why_daily: '  On my way to work  ',
      safe: 4,
      minutes: 30,
      family_size: 3,
    });
    expect(result).toEqual({
      ok: true,
      answers: {
        how_often: 'daily',
        who: ['friends', 'family'],
        why_daily: 'On my way to work',
        safe: 4,
        minutes: 30,
        family_size: 3,
      },
    });
  });

  it('treats null, blank text and empty lists as unanswered', () => {
    const result = validateFollowUpAnswers(survey(), {
      how_often: 'weekly',
      who: [],
      safe: null,
      minutes: ' ',
    });
    expect(result).toEqual({ ok: true, answers: { how_often: 'weekly' } });
  });

  const problemOf = (answers: unknown) => {
    const result = validateFollowUpAnswers(survey(), answers);
    return result.ok ? [] : result.issues.map((issue) => [issue.question, issue.problem]);
  };

  it('names an unknown question', () => {
    expect(problemOf({ how_often: 'daily', why_daily: 'x', colour: 'red' })).toEqual([
      ['colour', 'unknown-question'],
    ]);
  });

  it('names answers of the wrong type', () => {
    expect(problemOf({ how_often: 3 })).toEqual([['how_often', 'wrong-type']]);
    expect(problemOf({ how_often: 'weekly', who: 'friends' })).toEqual([['who', 'wrong-type']]);
    expect(problemOf({ how_often: 'weekly', safe: '4' })).toEqual([['safe', 'wrong-type']]);
    expect(problemOf({ how_often: 'weekly', minutes: true })).toEqual([['minutes', 'wrong-type']]);
  });

  it('names answers out of range', () => {
    expect(problemOf({ how_often: 'hourly' })).toEqual([['how_often', 'out-of-range']]);
    expect(problemOf({ how_often: 'weekly', who: ['friends', 'cats'] })).toEqual([['who', 'out-of-range']]);
    expect(problemOf({ how_often: 'weekly', who: ['friends', 'friends'] })).toEqual([
      ['who', 'out-of-range'],
    ]);
    expect(problemOf({ how_often: 'weekly', who: ['friends', 'family', 'neighbours'] })).toEqual([
      ['who', 'out-of-range'],
    ]);
    expect(problemOf({ how_often: 'weekly', safe: 6 })).toEqual([['safe', 'out-of-range']]);
    expect(problemOf({ how_often: 'weekly', safe: 2.5 })).toEqual([['safe', 'wrong-type']]);
    expect(problemOf({ how_often: 'weekly', minutes: 601 })).toEqual([['minutes', 'out-of-range']]);
    expect(problemOf({ how_often: 'daily', why_daily: 'x'.repeat(21) })).toEqual([
      ['why_daily', 'out-of-range'],
    ]);
  });

  it('wants required questions answered only when they are asked', () => {
    expect(problemOf({})).toEqual([['how_often', 'required']]);
    expect(problemOf({ how_often: 'daily' })).toEqual([['why_daily', 'required']]);
    expect(problemOf({ how_often: 'weekly' })).toEqual([]);
  });

  it('refuses answers to questions whose condition is not met', () => {
    expect(problemOf({ how_often: 'weekly', why_daily: 'because' })).toEqual([['why_daily', 'not-asked']]);
    expect(problemOf({ how_often: 'weekly', who: ['friends'], family_size: 2 })).toEqual([
      ['family_size', 'not-asked'],
    ]);
  });

  it('refuses answers when the category asks nothing', () => {
    expect(validateFollowUpAnswers([], { anything: 1 })).toMatchObject({ ok: false });
    expect(validateFollowUpAnswers([], undefined)).toEqual({ ok: true, answers: {} });
  });
});

describe('shownQuestions', () => {
  it('shows a conditional question once its condition is met, for single and multiple choice', () => {
    const keys = (answers: Record<string, unknown>) =>
      shownQuestions(survey(), answers).map((question) => question.key);
    expect(keys({})).toEqual(['how_often', 'who', 'safe', 'minutes']);
    expect(keys({ how_often: 'daily', who: ['neighbours', 'family'] })).toEqual([
      'how_often',
      'who',
      'why_daily',
      'safe',
      'minutes',
      'family_size',
    ]);
  });
});

describe('followUpKeyTypeProblems', () => {
  it('refuses one key with two types, across categories or against stored versions', () => {
    const scale = parse([{ key: 'often', type: 'scale', labels: { en: 'A' } }]);
    const number = parse([{ key: 'often', type: 'number', labels: { en: 'A' }, min: 0, max: 5 }]);
    expect(
      followUpKeyTypeProblems([
        { key: 'a', questions: scale },
        { key: 'b', questions: scale },
      ]),
    ).toEqual([]);
    expect(
      followUpKeyTypeProblems([
        { key: 'a', questions: scale },
        { key: 'b', questions: number },
      ])[0]?.message,
    ).toMatch(/one key has one type/);
    expect(
      followUpKeyTypeProblems([{ key: 'a', questions: number }], new Map([['often', 'scale']]))[0]?.message,
    ).toMatch(/new key/);
  });
});

describe('answerFilterSchema', () => {
  it('reads choices, numbers and ranges from a query string', () => {
    expect(answerFilterSchema.parse('how_often:daily,weekly')).toEqual({
      question: 'how_often',
      anyOf: ['daily', 'weekly'],
    });
    expect(answerFilterSchema.parse('safe:4')).toEqual({ question: 'safe', anyOf: [4] });
    expect(answerFilterSchema.parse('safe:4..5')).toEqual({ question: 'safe', min: 4, max: 5 });
    expect(answerFilterSchema.parse('minutes:..30')).toEqual({ question: 'minutes', max: 30 });
  });

  it('refuses what is not a filter', () => {
    for (const text of ['daily', ':daily', 'how_often:', 'How-Often:daily']) {
      expect(answerFilterSchema.safeParse(text).success, text).toBe(false);
    }
  });
});
