import { type Category, contributionCreateSchema, MAX_STORY_LENGTH } from '@nabolag/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSchemas } from '../../api/schemas.ts';
import { EMPTY_PATH } from '../../map/drawn-path.ts';
import {
  contributionFromDraft,
  type Draft,
  draftReducer,
  emptyDraft,
  pathOf,
  placeProblem,
  publicFeatureOf,
  withFeature,
  withFeatures,
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
  ...emptyDraft(ID),
  category: 'meeting-places',
  position: [10.03, 59.05],
  story: '  Benken ved elva  ',
});

const ROUTE: [number, number][] = [
  [10.03, 59.05],
  [10.04, 59.05],
  [10.04, 59.06],
];

// Follow-up answers are checked with the schemas, which the page loads after it is interactive.
beforeAll(async () => {
  await loadSchemas();
});
describe('draftReducer', () => {
  it('keeps the id while the draft is edited', () => {
    let draft = emptyDraft(ID);
    draft = draftReducer(draft, { type: 'choose-category', category: 'landmarks' });
    draft = draftReducer(draft, { type: 'place', position: [10, 59] });
    draft = draftReducer(draft, { type: 'write-story', story: 'x' });
    expect(draft).toEqual({ ...emptyDraft(ID), category: 'landmarks', position: [10, 59], story: 'x' });
  });

  it('keeps a drawn line while an area is chosen, until an area is drawn', () => {
    const path = { vertices: ROUTE, finished: true };
    let draft = draftReducer(emptyDraft(ID), { type: 'draw', geometryType: 'LineString', path });
    draft = draftReducer(draft, { type: 'choose-geometry', geometryType: 'Polygon' });
    expect(pathOf(draft, 'LineString')).toEqual(path);
    expect(pathOf(draft, 'Polygon')).toEqual(EMPTY_PATH);
    draft = draftReducer(draft, {
      type: 'draw',
      geometryType: 'Polygon',
      path: { vertices: ROUTE.slice(0, 1), finished: false },
    });
    expect(pathOf(draft, 'LineString')).toEqual(EMPTY_PATH);
    expect(draft.geometryType).toBe('Polygon');
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
  const categories = [
    category('meeting-places'),
    category('routes', ['LineString']),
    category('landmarks', ['Point', 'LineString', 'Polygon']),
  ];

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

  it('asks for the line, not a point, in a category that takes only lines', () => {
    expect(contributionFromDraft({ ...readyDraft(), category: 'routes' }, categories)).toEqual({
      ok: false,
      problem: 'no-position',
    });
  });

  it('refuses a category it does not know', () => {
    expect(contributionFromDraft({ ...readyDraft(), category: 'gone' }, categories)).toEqual({
      ok: false,
      problem: 'geometry-not-allowed',
    });
  });

  it('sends a drawn line as a LineString', () => {
    const draft = draftReducer(
      { ...readyDraft(), category: 'landmarks' },
      { type: 'draw', geometryType: 'LineString', path: { vertices: ROUTE, finished: true } },
    );
    const result = contributionFromDraft(draft, categories);
    expect(result.ok && result.body.geometry).toEqual({ type: 'LineString', coordinates: ROUTE });
    expect(result.ok && contributionCreateSchema.safeParse(result.body).success).toBe(true);
  });

  it('sends a drawn area as a Polygon with its ring closed', () => {
    const draft = draftReducer(
      { ...readyDraft(), category: 'landmarks' },
      { type: 'draw', geometryType: 'Polygon', path: { vertices: ROUTE, finished: true } },
    );
    const result = contributionFromDraft(draft, categories);
    expect(result.ok && result.body.geometry).toEqual({
      type: 'Polygon',
      coordinates: [[...ROUTE, ROUTE[0]]],
    });
    expect(result.ok && contributionCreateSchema.safeParse(result.body).success).toBe(true);
  });

  it('sends the point when the chosen area is not taken by the new category', () => {
    const draft = draftReducer(
      { ...readyDraft(), category: 'meeting-places' },
      { type: 'draw', geometryType: 'Polygon', path: { vertices: ROUTE, finished: true } },
    );
    const result = contributionFromDraft(draft, categories);
    expect(result.ok && result.body.geometry).toEqual({ type: 'Point', coordinates: [10.03, 59.05] });
  });

  it('refuses a story over the limit', () => {
    const story = 'a'.repeat(MAX_STORY_LENGTH + 1);
    expect(contributionFromDraft({ ...readyDraft(), story }, categories)).toEqual({
      ok: false,
      problem: 'story-too-long',
    });
  });
});

describe('follow-up answers in the draft', () => {
  const asking: Category = {
    ...category('meeting-places'),
    questionsVersion: 3,
    questions: [
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
        key: 'minutes',
        type: 'number',
        labels: { en: 'Minutes' },
        required: false,
        min: 0,
        max: 60,
        integer: true,
      },
    ],
  };

  it('sends the answers typed, with the version of the questions they answer', () => {
    let draft = draftReducer(readyDraft(), { type: 'answer', question: 'how_often', value: 'daily' });
    draft = draftReducer(draft, { type: 'answer', question: 'minutes', value: '15' });
    const built = contributionFromDraft(draft, [asking]);
    expect(built).toMatchObject({
      ok: true,
      body: { answers: { how_often: 'daily', minutes: 15 }, questionsVersion: 3 },
    });
    if (built.ok) expect(contributionCreateSchema.safeParse(built.body).success).toBe(true);
  });

  it('holds back a draft whose required question is unanswered', () => {
    expect(contributionFromDraft(readyDraft(), [asking])).toEqual({ ok: false, problem: 'answers-invalid' });
  });

  it('forgets the answers when another category is chosen', () => {
    const answered = draftReducer(readyDraft(), { type: 'answer', question: 'how_often', value: 'daily' });
    expect(draftReducer(answered, { type: 'choose-category', category: 'meeting-places' }).answers).toEqual({
      how_often: 'daily',
    });
    expect(draftReducer(answered, { type: 'choose-category', category: 'landmarks' }).answers).toEqual({});
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

describe('withFeatures', () => {
  const point = (id: string, photo: string | null) => ({
    ...publicFeatureOf(
      { id, category: 'meeting-places', geometry: { type: 'Point', coordinates: [10, 59] } },
      new Date(2025, 5, 7),
    ),
    properties: { id, category: 'meeting-places', story: null, created: '2025-06-07', photo },
  });

  it('adds places sent from the page that the list does not hold yet', () => {
    const listed = [point(ID, null)];
    expect(withFeatures(listed, [point(NEXT_ID, null)]).map((feature) => feature.id)).toEqual([ID, NEXT_ID]);
  });

  it('takes the sent copy of a listed place (it may have a photo since), once', () => {
    const merged = withFeatures([point(ID, null), point(NEXT_ID, null)], [point(ID, '/photo?v=1')]);
    expect(merged.map((feature) => [feature.id, feature.properties.photo])).toEqual([
      [NEXT_ID, null],
      [ID, '/photo?v=1'],
    ]);
  });
});

describe('placeProblem', () => {
  const landmarks = category('landmarks', ['Point', 'LineString']);

  it('asks for a point until one is placed', () => {
    const draft = draftReducer(emptyDraft('a'), { type: 'choose-category', category: 'landmarks' });
    expect(placeProblem(draft, landmarks)).toBe('no-position');
    expect(
      placeProblem(draftReducer(draft, { type: 'place', position: [10.01, 59.04] }), landmarks),
    ).toBeNull();
  });

  it('asks for a second point of a route', () => {
    const draft = draftReducer(emptyDraft('a'), {
      type: 'draw',
      geometryType: 'LineString',
      path: { vertices: [[10.01, 59.04]], finished: false },
    });
    expect(placeProblem(draft, landmarks)).toBe('line-too-short');
  });
});
