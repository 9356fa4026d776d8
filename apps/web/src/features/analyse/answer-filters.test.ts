import type { Category } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { defaultView, filterParameters, searchForView, viewFromSearch } from './analysis-view.ts';
import {
  answerFiltersFromText,
  chosenOptions,
  chosenRange,
  describeAnswerFilter,
  filterableQuestions,
  withOptions,
  withRange,
} from './answer-filters.ts';

const option = (key: string, en: string, nb = en) => ({ key, labels: { en, nb } });
const CATEGORIES = [
  {
    key: 'meeting-places',
    labels: { en: 'Meeting places' },
    colour: '#336699',
    geometryTypes: ['Point'],
    questions: [
      {
        key: 'how_often',
        type: 'single',
        labels: { en: 'How often?', nb: 'Hvor ofte?' },
        required: false,
        options: [option('daily', 'Daily', 'Daglig'), option('weekly', 'Weekly', 'Ukentlig')],
      },
      { key: 'note', type: 'text', labels: { en: 'Note' }, required: false, maxLength: 200 },
      { key: 'safe', type: 'scale', labels: { en: 'How safe?' }, required: false },
    ],
  },
  {
    key: 'landmarks',
    labels: { en: 'Landmarks' },
    colour: '#993366',
    geometryTypes: ['Point'],
    questions: [
      { key: 'safe', type: 'scale', labels: { en: 'Safe here?' }, required: false },
      {
        key: 'minutes',
        type: 'number',
        labels: { en: 'Minutes' },
        required: false,
        min: 0,
        max: 600,
        integer: true,
      },
    ],
  },
] as unknown as Category[];

describe('answer filters in the analysis view', () => {
  it('offers the choice, scale and number questions of the chosen categories, once per key', () => {
    expect(filterableQuestions(CATEGORIES, []).map((question) => question.key)).toEqual([
      'how_often',
      'safe',
      'minutes',
    ]);
    expect(filterableQuestions(CATEGORIES, ['landmarks']).map((question) => question.key)).toEqual([
      'safe',
      'minutes',
    ]);
  });

  it('keeps the filters in the address and sends them to the API joined by ;', () => {
    const view = viewFromSearch('?answer=how_often:daily,weekly;safe:4..5;bad;how_often:weekly');
    expect(view.filters.answer).toEqual(['how_often:daily,weekly', 'safe:4..5']);
    expect(filterParameters(view.filters)).toEqual({ answer: 'how_often:daily,weekly;safe:4..5' });
    expect(viewFromSearch(searchForView(view))).toEqual(view);
    expect(answerFiltersFromText('how_often:')).toEqual([]);
    expect(searchForView(defaultView())).toBe('');
  });

  it('ticks options and sets ranges, removing a filter when nothing is left', () => {
    let filters = withOptions([], 'how_often', ['daily']);
    filters = withOptions(filters, 'how_often', [...chosenOptions(filters, 'how_often'), 'weekly']);
    expect(filters).toEqual(['how_often:daily,weekly']);
    filters = withRange(filters, 'safe', 4, null);
    expect(chosenRange(filters, 'safe')).toEqual({ min: 4, max: null });
    expect(filters).toEqual(['how_often:daily,weekly', 'safe:4..']);
    expect(withRange(withOptions(filters, 'how_often', []), 'safe', null, null)).toEqual([]);
    expect(chosenRange(['safe:3'], 'safe')).toEqual({ min: 3, max: 3 });
  });

  it('describes a filter in the reader’s language', () => {
    expect(describeAnswerFilter('how_often:daily,weekly', CATEGORIES, 'nb')).toBe(
      'Hvor ofte?: Daglig, Ukentlig',
    );
    expect(describeAnswerFilter('safe:4..5', CATEGORIES, 'en')).toBe('How safe?: 4–5');
    expect(describeAnswerFilter('minutes:..30', CATEGORIES, 'en')).toBe('Minutes: ≤ 30');
    expect(describeAnswerFilter('gone:x', CATEGORIES, 'en')).toBe('gone: x');
  });
});
