import { randomUUID } from 'node:crypto';
import { answerFilterSchema, type FollowUpQuestionInput, type ProjectDefinition } from '@nabolag/schema';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStaffUser,
  createTestApp,
  createTestProject,
  demoDefinition,
  INSIDE,
  signIn,
} from '../../testing/test-app.ts';
import { answerFilterSql } from './answer-filter.ts';

let app: FastifyInstance;
let slug: string;
let admin: Awaited<ReturnType<typeof signIn>>;

const option = (key: string, en: string) => ({ key, labels: { en, nb: en } });

/** Every type of question, a required one, and conditions on single and multiple choice. */
const QUESTIONS: FollowUpQuestionInput[] = [
  {
    key: 'how_often',
    type: 'single',
    labels: { nb: 'Hvor ofte er du her?', en: 'How often are you here?' },
    required: true,
    options: [option('daily', 'Daily'), option('weekly', 'Weekly'), option('rarely', 'Rarely')],
  },
  {
    key: 'who',
    type: 'multiple',
    labels: { en: 'Who do you meet here?' },
    options: [option('friends', 'Friends'), option('family', 'Family'), option('strangers', 'Strangers')],
  },
  {
    key: 'why_daily',
    type: 'text',
    labels: { en: 'What brings you here every day?' },
    required: true,
    maxLength: 40,
    showIf: { question: 'how_often', equals: 'daily' },
  },
  { key: 'safe', type: 'scale', labels: { en: 'How safe do you feel here?' } },
  {
    key: 'group_size',
    type: 'number',
    labels: { en: 'How many of you?' },
    min: 1,
    max: 50,
    showIf: { question: 'who', anyOf: ['friends', 'family'] },
  },
  {
    key: 'km',
    type: 'number',
    labels: { en: 'How far away do you live (km)?' },
    min: 0,
    max: 20,
    integer: false,
  },
];

function definitionWith(questions: FollowUpQuestionInput[]): ProjectDefinition {
  const definition = demoDefinition();
  return {
    ...definition,
    categories: definition.categories.map((category) =>
      category.key === 'meeting-places' ? { ...category, questions } : category,
    ) as ProjectDefinition['categories'],
  };
}

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app, definitionWith(QUESTIONS));
  admin = await signIn(app, await createStaffUser(app, ['admin']));
});
afterAll(async () => {
  await app.close();
});

const newToken = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

function post(body: Record<string, unknown>, token = newToken(), project = slug) {
  return app.inject({
    method: 'POST',
    url: `/api/projects/${project}/contributions`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      id: randomUUID(),
      category: 'meeting-places',
      geometry: { type: 'Point', coordinates: INSIDE },
      ...body,
    },
  });
}

async function ownAnswers(token: string, project = slug) {
  const response = await app.inject({
    url: `/api/projects/${project}/me`,
    headers: { authorization: `Bearer ${token}` },
  });
  return response
    .json()
    .contributions.map((contribution: { answers: unknown; questionsVersion: number | null }) => ({
      answers: contribution.answers,
      questionsVersion: contribution.questionsVersion,
    }));
}

async function storedAnswerCount(id: string): Promise<number> {
  const { rows } = await app.pg.pool.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM contributions WHERE id = $1) + (SELECT count(*) FROM contribution_answers
       WHERE contribution_id = $1) AS n`,
    [id],
  );
  return Number(rows[0]?.n);
}

describe('the project shows its follow-up questions', () => {
  it('per category, with the version to answer', async () => {
    const project = (await app.inject({ url: `/api/projects/${slug}` })).json();
    const meeting = project.categories.find((category: { key: string }) => category.key === 'meeting-places');
    expect(meeting.questionsVersion).toBe(1);
    expect(meeting.questions.map((question: { key: string }) => question.key)).toEqual([
      'how_often',
      'who',
      'why_daily',
      'safe',
      'group_size',
      'km',
    ]);
    const landmarks = project.categories.find((category: { key: string }) => category.key === 'landmarks');
    expect(landmarks).toMatchObject({ questions: [], questionsVersion: 0 });
  });
});

describe('answering follow-up questions with a contribution', () => {
  it('stores an answer of every type and shows it to its participant', async () => {
    const token = newToken();
    const answers = {
      how_often: 'daily',
      who: ['friends', 'strangers'],
      why_daily: ' The café ',
      safe: 5,
      group_size: 3,
      km: 1.5,
    };
    const response = await post({ answers }, token);
    expect(response.statusCode).toBe(201);
    expect(await ownAnswers(token)).toEqual([
      { answers: { ...answers, why_daily: 'The café' }, questionsVersion: 1 },
    ]);
  });

  it('asks a conditional question only when its condition is met', async () => {
    const token = newToken();
    expect((await post({ answers: { how_often: 'weekly', who: ['strangers'] } }, token)).statusCode).toBe(
      201,
    );
    expect(
      (await post({ answers: { how_often: 'rarely', who: ['family'], group_size: 4 } }, token)).statusCode,
    ).toBe(201);
    expect(await ownAnswers(token)).toHaveLength(2);
  });

  it('stores nothing for a category without questions, and nothing when no answer was given', async () => {
    const token = newToken();
    expect((await post({ category: 'landmarks' }, token)).statusCode).toBe(201);
    expect(await ownAnswers(token)).toEqual([{ answers: {}, questionsVersion: null }]);
  });

  const badAnswers: Array<[string, Record<string, unknown>, string, string]> = [
    ['an unknown question', { how_often: 'weekly', colour: 'blue' }, 'colour', 'unknown-question'],
    ['text for a single choice', { how_often: 2 }, 'how_often', 'wrong-type'],
    ['an option that does not exist', { how_often: 'hourly' }, 'how_often', 'out-of-range'],
    ['one option for a multiple choice', { how_often: 'weekly', who: 'friends' }, 'who', 'wrong-type'],
    ['an unknown option in a multiple choice', { how_often: 'weekly', who: ['cats'] }, 'who', 'out-of-range'],
    ['text on a scale', { how_often: 'weekly', safe: 'very' }, 'safe', 'wrong-type'],
    ['a scale over 5', { how_often: 'weekly', safe: 6 }, 'safe', 'out-of-range'],
    ['a scale under 1', { how_often: 'weekly', safe: 0 }, 'safe', 'out-of-range'],
    ['a number as text', { how_often: 'weekly', km: '3' }, 'km', 'wrong-type'],
    ['a number over its maximum', { how_often: 'weekly', km: 20.5 }, 'km', 'out-of-range'],
    [
      'a fraction where whole numbers are asked',
      { how_often: 'weekly', who: ['family'], group_size: 2.5 },
      'group_size',
      'wrong-type',
    ],
    ['a list for text', { how_often: 'daily', why_daily: ['x'] }, 'why_daily', 'wrong-type'],
    ['text over its length', { how_often: 'daily', why_daily: 'x'.repeat(41) }, 'why_daily', 'out-of-range'],
    ['no answer to a required question', { who: ['friends'] }, 'how_often', 'required'],
    [
      'no answer to a required question whose condition is met',
      { how_often: 'daily' },
      'why_daily',
      'required',
    ],
    [
      'an answer to a question whose condition is not met',
      { how_often: 'weekly', why_daily: 'x' },
      'why_daily',
      'not-asked',
    ],
    [
      'an answer to a question whose multiple-choice condition is not met',
      { how_often: 'weekly', who: ['strangers'], group_size: 2 },
      'group_size',
      'not-asked',
    ],
  ];
  for (const [what, answers, question, problem] of badAnswers) {
    it(`refuses ${what} with a reason, storing nothing`, async () => {
      const id = randomUUID();
      const response = await post({ id, answers });
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body.code).toBe('INVALID_ANSWERS');
      expect(body.message).toContain(question);
      expect(body.details.issues).toContainEqual(expect.objectContaining({ question, problem }));
      expect(await storedAnswerCount(id)).toBe(0);
    });
  }

  it('refuses answers without any questions, a version that does not exist, and answers that are not an object', async () => {
    const none = await post({ category: 'landmarks', answers: { how_often: 'daily' } });
    expect(none.json()).toMatchObject({ code: 'INVALID_ANSWERS' });
    const version = await post({ answers: { how_often: 'weekly' }, questionsVersion: 9 });
    expect(version.json()).toMatchObject({ code: 'INVALID_ANSWERS' });
    expect(version.json().message).toMatch(/no version 9/);
    const shape = await post({ answers: ['daily'] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('changing answers', () => {
  async function created(answers: Record<string, unknown>) {
    const token = newToken();
    const id = randomUUID();
    expect((await post({ id, answers }, token)).statusCode).toBe(201);
    return { token, id };
  }
  const patch = (id: string, token: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'PATCH',
      url: `/api/contributions/${id}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });

  it('replaces the answers, and refuses invalid ones without changing anything', async () => {
    const { token, id } = await created({ how_often: 'weekly' });
    expect(
      (await patch(id, token, { answers: { how_often: 'daily', why_daily: 'Coffee' } })).statusCode,
    ).toBe(204);
    expect(await ownAnswers(token)).toEqual([
      { answers: { how_often: 'daily', why_daily: 'Coffee' }, questionsVersion: 1 },
    ]);
    const bad = await patch(id, token, { answers: { how_often: 'daily' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toContainEqual(
      expect.objectContaining({ question: 'why_daily', problem: 'required' }),
    );
    expect((await ownAnswers(token))[0].answers.why_daily).toBe('Coffee');
  });

  it("refuses another participant's new answers, changing nothing", async () => {
    const { token, id } = await created({ how_often: 'weekly' });
    const other = await patch(id, newToken(), { answers: { how_often: 'rarely' } });
    expect(other.statusCode).toBe(403);
    expect(await ownAnswers(token)).toEqual([{ answers: { how_often: 'weekly' }, questionsVersion: 1 }]);
  });

  it('keeps the answers when only the story changes, and drops them with a category without questions', async () => {
    const { token, id } = await created({ how_often: 'rarely' });
    expect((await patch(id, token, { story: 'Now with a story' })).statusCode).toBe(204);
    expect((await ownAnswers(token))[0].answers).toEqual({ how_often: 'rarely' });
    expect((await patch(id, token, { category: 'landmarks' })).statusCode).toBe(204);
    expect(await ownAnswers(token)).toEqual([{ answers: {}, questionsVersion: null }]);
  });

  it('wants the answers a new category requires', async () => {
    const token = newToken();
    const id = randomUUID();
    expect((await post({ id, category: 'landmarks' }, token)).statusCode).toBe(201);
    const missing = await patch(id, token, { category: 'meeting-places' });
    expect(missing.json()).toMatchObject({ code: 'INVALID_ANSWERS' });
    expect(
      (await patch(id, token, { category: 'meeting-places', answers: { how_often: 'weekly' } })).statusCode,
    ).toBe(204);
    expect((await ownAnswers(token))[0]).toEqual({ answers: { how_often: 'weekly' }, questionsVersion: 1 });
  });
});

describe('a facilitator entering a paper map', () => {
  it('may leave required questions unanswered, but not give wrong answers', async () => {
    const facilitator = await signIn(
      app,
      await createStaffUser(app, [], [{ project: slug, role: 'facilitator' }]),
    );
    const session = await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/sessions`,
      headers: facilitator.headers(),
      payload: { title: 'Paper maps' },
    });
    const code = session.json().code;
    const enter = (answers?: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/staff/sessions/${code}/contributions`,
        headers: facilitator.headers(),
        payload: {
          id: randomUUID(),
          category: 'meeting-places',
          geometry: { type: 'Point', coordinates: INSIDE },
          ...(answers ? { answers } : {}),
        },
      });
    expect((await enter()).statusCode).toBe(201);
    expect((await enter({ safe: 2 })).statusCode).toBe(201);
    expect((await enter({ safe: 9 })).json()).toMatchObject({ code: 'INVALID_ANSWERS' });
  });
});

describe('versions of the questions', () => {
  async function save(project: string, questions: FollowUpQuestionInput[]) {
    const current = (
      await app.inject({ url: `/api/staff/projects/${project}`, headers: admin.headers() })
    ).json();
    return app.inject({
      method: 'PUT',
      url: `/api/staff/projects/${project}`,
      headers: admin.headers(),
      payload: {
        ...current,
        basemap: current.basemap ?? undefined,
        categories: current.categories.map((category: { key: string }) =>
          category.key === 'meeting-places' ? { ...category, questions } : category,
        ),
      },
    });
  }
  const version = async (project: string) =>
    (await app.inject({ url: `/api/projects/${project}` }))
      .json()
      .categories.find((category: { key: string }) => category.key === 'meeting-places').questionsVersion;

  it('makes a new version on change only; old answers stay readable and old versions answerable', async () => {
    const project = await createTestProject(app, definitionWith(QUESTIONS));
    const oldToken = newToken();
    expect((await post({ answers: { how_often: 'rarely', safe: 2 } }, oldToken, project)).statusCode).toBe(
      201,
    );

    // Saving the same questions again is not a change.
    expect((await save(project, QUESTIONS)).statusCode).toBe(200);
    expect(await version(project)).toBe(1);

    const changed: FollowUpQuestionInput[] = [
      {
        key: 'how_often',
        type: 'single',
        labels: { en: 'How often do you come here?' },
        required: true,
        options: [option('daily', 'Daily'), option('monthly', 'Monthly')],
      },
    ];
    const saved = await save(project, changed);
    expect(saved.statusCode).toBe(200);
    expect(await version(project)).toBe(2);

    // Old answers keep their version and values ("rarely" is no longer offered).
    expect(await ownAnswers(oldToken, project)).toEqual([
      { answers: { how_often: 'rarely', safe: 2 }, questionsVersion: 1 },
    ]);
    // New answers follow version 2…
    expect((await post({ answers: { how_often: 'rarely' } }, newToken(), project)).json().code).toBe(
      'INVALID_ANSWERS',
    );
    const current = newToken();
    expect((await post({ answers: { how_often: 'monthly' } }, current, project)).statusCode).toBe(201);
    expect(await ownAnswers(current, project)).toEqual([
      { answers: { how_often: 'monthly' }, questionsVersion: 2 },
    ]);
    // …and a place made offline against version 1 still goes in as answered.
    const offline = newToken();
    expect(
      (await post({ answers: { how_often: 'weekly', safe: 4 }, questionsVersion: 1 }, offline, project))
        .statusCode,
    ).toBe(201);
    expect(await ownAnswers(offline, project)).toEqual([
      { answers: { how_often: 'weekly', safe: 4 }, questionsVersion: 1 },
    ]);
  });

  it('refuses to give a stored question key another type, and invalid question lists', async () => {
    const project = await createTestProject(app, definitionWith(QUESTIONS));
    const retyped = await save(project, [
      { key: 'safe', type: 'number', labels: { en: 'Safe?' }, min: 0, max: 10 },
    ]);
    expect(retyped.statusCode).toBe(400);
    expect(retyped.json().message).toMatch(/new key/);

    const later = await save(project, [
      { key: 'a', type: 'scale', labels: { en: 'A' }, showIf: { question: 'b', equals: 'yes' } },
      { key: 'b', type: 'single', labels: { en: 'B' }, options: [option('yes', 'Yes'), option('no', 'No')] },
    ]);
    expect(later.statusCode).toBe(400);
    expect(later.json().message).toMatch(/not an earlier question/);
    const twice = await save(project, [
      {
        key: 'a',
        type: 'single',
        labels: { en: 'A' },
        options: [option('yes', 'Yes'), option('yes', 'Yes')],
      },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toMatch(/appears twice/);
    expect(await version(project)).toBe(1);
  });
});

describe('OGC API items', () => {
  it('carry the answers as typed properties for planners; the public aggregates do not', async () => {
    const project = await createTestProject(app, definitionWith(QUESTIONS));
    const answered = randomUUID();
    await post(
      {
        id: answered,
        answers: { how_often: 'daily', why_daily: 'Chess', who: ['family'], group_size: 4, km: 0.5 },
      },
      newToken(),
      project,
    );
    const plain = randomUUID();
    await post({ id: plain, answers: { how_often: 'weekly' } }, newToken(), project);
    for (let index = 0; index < 5; index += 1)
      await post({ answers: { how_often: 'rarely' } }, newToken(), project);

    const planner = await signIn(app, await createStaffUser(app, [], [{ project, role: 'planner' }]));
    const items = await app.inject({
      url: `/ogc/collections/${project}.meeting-places/items?limit=100`,
      headers: { cookie: planner.cookie },
    });
    expect(items.statusCode).toBe(200);
    const features = items.json().features as Array<{ id: string; properties: Record<string, unknown> }>;
    const first = features.find((feature) => feature.id === answered);
    expect(first?.properties).toMatchObject({
      q_version: 1,
      q_how_often: 'daily',
      q_how_often_label: 'Daily',
      q_who__friends: false,
      q_who__family: true,
      q_who__strangers: false,
      q_why_daily: 'Chess',
      q_safe: null,
      q_group_size: 4,
      q_km: 0.5,
    });
    // Every item has the same properties, answered or not (a GIS layer has one set of columns).
    const second = features.find((feature) => feature.id === plain);
    expect(Object.keys(second?.properties ?? {}).sort()).toEqual(Object.keys(first?.properties ?? {}).sort());
    expect(second?.properties).toMatchObject({
      q_how_often: 'weekly',
      q_who__family: null,
      q_why_daily: null,
    });

    const cells = await app.inject({ url: `/ogc/collections/${project}.heatmap.meeting-places/items` });
    expect(cells.statusCode, cells.body).toBe(200);
    const cellFeatures = cells.json().features as Array<{ properties: Record<string, unknown> }>;
    expect(cellFeatures.length).toBeGreaterThan(0);
    for (const cell of cellFeatures)
      expect(Object.keys(cell.properties).sort()).toEqual(['count', 'participants']);
  });
});

describe('answer filters for the analysis', () => {
  it('select contributions by a choice, a ticked option or a range, with the index-friendly SQL', async () => {
    const project = await createTestProject(app, definitionWith(QUESTIONS));
    const ids = {
      daily: randomUUID(),
      weeklyFamily: randomUUID(),
      rarelySafe: randomUUID(),
    };
    await post(
      { id: ids.daily, answers: { how_often: 'daily', why_daily: 'x', safe: 2 } },
      newToken(),
      project,
    );
    await post(
      { id: ids.weeklyFamily, answers: { how_often: 'weekly', who: ['family', 'friends'], group_size: 3 } },
      newToken(),
      project,
    );
    await post(
      { id: ids.rarelySafe, answers: { how_often: 'rarely', safe: 5, km: 2.5 } },
      newToken(),
      project,
    );
    await post({ category: 'landmarks' }, newToken(), project);

    const matching = async (text: string) => {
      const values: unknown[] = [project];
      const add = (value: unknown, cast: string) => {
        values.push(value);
        return `$${values.length}::${cast}`;
      };
      const condition = answerFilterSql(answerFilterSchema.parse(text), 'c.id', add);
      const { rows } = await app.pg.pool.query<{ id: string }>(
        `SELECT c.id FROM contributions c JOIN projects p ON p.id = c.project_id
         WHERE p.slug = $1 AND ${condition} ORDER BY c.id`,
        values,
      );
      return rows.map((row) => row.id).sort();
    };
    expect(await matching('how_often:daily')).toEqual([ids.daily]);
    expect(await matching('how_often:daily,rarely')).toEqual([ids.daily, ids.rarelySafe].sort());
    expect(await matching('who:friends')).toEqual([ids.weeklyFamily]);
    expect(await matching('safe:4..5')).toEqual([ids.rarelySafe]);
    expect(await matching('safe:..3')).toEqual([ids.daily]);
    expect(await matching('km:2.5..')).toEqual([ids.rarelySafe]);
    expect(await matching('safe:2')).toEqual([ids.daily]);
    expect(await matching('how_often:hourly')).toEqual([]);
  });
});
