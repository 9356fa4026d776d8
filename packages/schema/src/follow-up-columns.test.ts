import { describe, expect, it } from 'vitest';
import { type FollowUpQuestion, followUpQuestionListSchema } from './follow-up.ts';
import { followUpColumns, followUpRowValues } from './follow-up-columns.ts';

const questions = (input: unknown): FollowUpQuestion[] => followUpQuestionListSchema.parse(input);

const version1 = questions([
  {
    key: 'how_often',
    type: 'single',
    labels: { nb: 'Hvor ofte?', en: 'How often?' },
    options: [
      { key: 'daily', labels: { nb: 'Daglig', en: 'Daily' } },
      { key: 'rarely', labels: { nb: 'Sjelden', en: 'Rarely' } },
    ],
  },
  { key: 'why', type: 'text', labels: { en: 'Why?' } },
]);
const version2 = questions([
  {
    key: 'how_often',
    type: 'single',
    labels: { nb: 'Hvor ofte er du her?', en: 'How often are you here?' },
    options: [
      { key: 'daily', labels: { nb: 'Daglig', en: 'Daily' } },
      { key: 'weekly', labels: { nb: 'Ukentlig', en: 'Weekly' } },
    ],
  },
  {
    key: 'who',
    type: 'multiple',
    labels: { en: 'Who do you meet?' },
    options: [
      { key: 'friends', labels: { en: 'Friends' } },
      { key: 'family', labels: { en: 'Family' } },
    ],
  },
  { key: 'safe', type: 'scale', labels: { en: 'Safe?' } },
  { key: 'minutes', type: 'number', labels: { en: 'Minutes' }, min: 0, max: 100 },
  { key: 'distance_km', type: 'number', labels: { en: 'Km' }, min: 0, max: 10, integer: false },
]);

describe('followUpColumns', () => {
  it('gives typed, machine-readable columns merged over versions', () => {
    const columns = followUpColumns([version2, version1], { labelLanguage: 'en' });
    expect(columns.map((column) => [column.name, column.type])).toEqual([
      ['q_version', 'integer'],
      ['q_how_often', 'text'],
      ['q_how_often_label', 'text'],
      ['q_who__friends', 'boolean'],
      ['q_who__family', 'boolean'],
      ['q_safe', 'integer'],
      ['q_minutes', 'integer'],
      ['q_distance_km', 'real'],
      ['q_why', 'text'],
    ]);
    // The newest labels win; an option only the old version had keeps its code.
    const often = columns.find((column) => column.name === 'q_how_often');
    expect(often?.labels.en).toBe('How often are you here?');
    expect(often?.codes?.map((code) => code.code)).toEqual(['daily', 'weekly', 'rarely']);
    expect(columns.find((column) => column.name === 'q_who__family')?.labels.en).toBe(
      'Who do you meet?: Family',
    );
    expect(columns.find((column) => column.name === 'q_why')?.freeText).toBe(true);
  });

  it('leaves out free text for public outputs, and has no columns without questions', () => {
    expect(followUpColumns([version1], { withoutFreeText: true }).map((column) => column.name)).toEqual([
      'q_version',
      'q_how_often',
    ]);
    expect(followUpColumns([[], []])).toEqual([]);
  });
});

describe('followUpRowValues', () => {
  const columns = followUpColumns([version2, version1], { labelLanguage: 'nb' });

  it('maps stored answers to cells, labels in the chosen language', () => {
    expect(
      followUpRowValues(
        columns,
        { version: 2, answers: { how_often: 'weekly', who: ['family'], safe: 5, distance_km: 1.5 } },
        { labelLanguage: 'nb' },
      ),
    ).toEqual({
      q_version: 2,
      q_how_often: 'weekly',
      q_how_often_label: 'Ukentlig',
      q_who__friends: false,
      q_who__family: true,
      q_safe: 5,
      q_minutes: null,
      q_distance_km: 1.5,
      q_why: null,
    });
  });

  it('reads answers to an older version, and a contribution without answers as nulls', () => {
    const old = followUpRowValues(
      columns,
      { version: 1, answers: { how_often: 'rarely', why: 'Quiet' } },
      { labelLanguage: 'en' },
    );
    expect(old).toMatchObject({
      q_version: 1,
      q_how_often: 'rarely',
      q_how_often_label: 'Rarely',
      q_why: 'Quiet',
      q_who__family: null,
    });
    expect(Object.values(followUpRowValues(columns, null)).every((value) => value === null)).toBe(true);
  });
});
