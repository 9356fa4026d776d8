import { type Category, contributionCreateSchema, MAX_STORY_LENGTH } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  contributionFromDraft,
  type Draft,
  draftReducer,
  emptyDraft,
  publicFeatureOf,
  withFeature,
} from './draft.ts';

const ID = '0b6a4a3e-5d0e-4d43-9a39-2f8a4bb0d0f1';
const NEXT_ID = '5f0c3a55-7d0b-4f7e-9b0c-8f0e2d3c4b5a';

const category = (key: string, geometryTypes: Category['geometryTypes'] = ['Point']): Category => ({
  key,
  labels: { nb: key },
  prompts: { nb: key },
  geometryTypes,
  colour: '#336699',
});

const readyDraft = (): Draft => ({
  id: ID,
  category: 'meeting-places',
  position: [10.03, 59.05],
  story: '  Benken ved elva  ',
});

describe('draftReducer', () => {
  it('keeps the id while the draft is edited', () => {
    let draft = emptyDraft(ID);
    draft = draftReducer(draft, { type: 'choose-category', category: 'landmarks' });
    draft = draftReducer(draft, { type: 'place', position: [10, 59] });
    draft = draftReducer(draft, { type: 'write-story', story: 'x' });
    expect(draft).toEqual({ id: ID, category: 'landmarks', position: [10, 59], story: 'x' });
  });

  it('starts an empty draft with a new id on reset', () => {
    expect(draftReducer(readyDraft(), { type: 'reset', id: NEXT_ID })).toEqual(emptyDraft(NEXT_ID));
  });

  it('keeps the content when only the id is renewed', () => {
    expect(draftReducer(readyDraft(), { type: 'renew-id', id: NEXT_ID })).toEqual({
      ...readyDraft(),
      id: NEXT_ID,
    });
  });
});

describe('contributionFromDraft', () => {
  const categories = [category('meeting-places'), category('routes', ['LineString'])];

  it('builds a body the contract accepts, with the story trimmed', () => {
    const result = contributionFromDraft(readyDraft(), categories);
    expect(result).toEqual({
      ok: true,
      body: {
        id: ID,
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: [10.03, 59.05] },
        story: 'Benken ved elva',
      },
    });
    expect(result.ok && contributionCreateSchema.safeParse(result.body).success).toBe(true);
  });

  it('leaves out a story of only whitespace', () => {
    const result = contributionFromDraft({ ...readyDraft(), story: ' \n ' }, categories);
    expect(result.ok && 'story' in result.body).toBe(false);
  });

  it('asks for a category first', () => {
    expect(contributionFromDraft({ ...readyDraft(), category: null }, categories)).toEqual({
      ok: false,
      problem: 'no-category',
    });
  });

  it('asks for a position', () => {
    expect(contributionFromDraft({ ...readyDraft(), position: null }, categories)).toEqual({
      ok: false,
      problem: 'no-position',
    });
  });

  it('refuses a point for a category that takes only lines', () => {
    expect(contributionFromDraft({ ...readyDraft(), category: 'routes' }, categories)).toEqual({
      ok: false,
      problem: 'geometry-not-allowed',
    });
  });

  it('refuses a story over the limit', () => {
    const story = 'a'.repeat(MAX_STORY_LENGTH + 1);
    expect(contributionFromDraft({ ...readyDraft(), story }, categories)).toEqual({
      ok: false,
      problem: 'story-too-long',
    });
  });
});

describe('withFeature', () => {
  const body = {
    id: ID,
    category: 'meeting-places',
    geometry: { type: 'Point' as const, coordinates: [10, 59] as [number, number] },
  };

  it('adds the accepted contribution as a public feature dated by day', () => {
    const feature = publicFeatureOf(body, new Date(2025, 5, 7, 13, 45));
    expect(withFeature([], feature)).toEqual([
      {
        type: 'Feature',
        id: ID,
        geometry: body.geometry,
        properties: { id: ID, category: 'meeting-places', story: null, created: '2025-06-07', photo: null },
      },
    ]);
  });

  it('does not add the same id twice', () => {
    const feature = publicFeatureOf(body, new Date());
    expect(withFeature([feature], feature)).toHaveLength(1);
  });
});
