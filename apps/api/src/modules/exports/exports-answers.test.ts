import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FollowUpQuestionInput, ProjectDefinition } from '@nabolag/schema';
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

const run = promisify(execFile);
const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0;
if (!hasGdal && process.env.CI) throw new Error('ogrinfo (gdal-bin) is required in CI for the export tests');
if (!hasGdal) console.warn('EXPORT ANSWER GDAL TESTS SKIPPED: ogrinfo not found (apt-get install gdal-bin)');

const option = (key: string, en: string, nb = en) => ({ key, labels: { en, nb } });

/** Meeting places ask every type of question; version 2 drops "rarely" and adds "monthly". */
const VERSION_1: FollowUpQuestionInput[] = [
  {
    key: 'how_often',
    type: 'single',
    labels: { nb: 'Hvor ofte er du her?', en: 'How often are you here?' },
    options: [option('daily', 'Daily', 'Daglig'), option('weekly', 'Weekly'), option('rarely', 'Rarely')],
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
    showIf: { question: 'how_often', equals: 'daily' },
  },
  { key: 'safe', type: 'scale', labels: { en: 'How safe do you feel here?' } },
  { key: 'group_size', type: 'number', labels: { en: 'How many of you?' }, min: 1, max: 50 },
  { key: 'km', type: 'number', labels: { en: 'How far away do you live?' }, min: 0, max: 20, integer: false },
];
const VERSION_2: FollowUpQuestionInput[] = VERSION_1.map((question) =>
  question.key === 'how_often'
    ? {
        ...question,
        labels: { nb: 'Hvor ofte kommer du hit?', en: 'How often do you come here?' },
        options: [
          option('daily', 'Daily', 'Daglig'),
          option('weekly', 'Weekly'),
          option('monthly', 'Monthly'),
        ],
      }
    : question,
);
const LANDMARK_QUESTIONS: FollowUpQuestionInput[] = [
  { key: 'beauty', type: 'scale', labels: { en: 'How beautiful is it?' } },
];

let app: FastifyInstance;
let slug: string;
let admin: Awaited<ReturnType<typeof signIn>>;
let planner: Awaited<ReturnType<typeof signIn>>;
let directory: string;
const ids = { old: randomUUID(), current: randomUUID(), none: randomUUID(), landmark: randomUUID() };

type Properties = Record<string, string | number | boolean | null>;

/** The features of one layer as GDAL reads them (ogr2ogr to GeoJSON). */
async function readLayer(source: string, layer?: string): Promise<Properties[]> {
  const { stdout } = await run(
    'ogr2ogr',
    ['-f', 'GeoJSON', '/vsistdout/', source, ...(layer ? [layer] : [])],
    { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout).features.map((feature: { id?: string; properties: Properties }) => ({
    id: feature.id ?? null,
    ...feature.properties,
  }));
}

/** `name: Type` of every field of a layer, from `ogrinfo -so` (GDAL 3.6 has no `-json`). */
async function fieldTypes(source: string, layer: string): Promise<Record<string, string>> {
  const { stdout, stderr } = await run('ogrinfo', ['-ro', '-so', source, layer], { timeout: 60_000 });
  expect(stderr).not.toMatch(/warning|error/i);
  const fields = stdout.slice(stdout.indexOf('Geometry Column') + 1);
  return Object.fromEntries(
    [...fields.matchAll(/^(\w+): ([\w()]+) \([\d.]+\)(?:, domain name=(\w+))?$/gm)].map((match) => [
      match[1],
      match[3] ? `${match[2]} ${match[3]}` : (match[2] as string),
    ]),
  );
}

async function download(query: string) {
  const response = await app.inject({
    url: `/api/projects/${slug}/export?${query}`,
    headers: planner.headers(),
  });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  const filename = /filename="([^"]+)"/.exec(response.headers['content-disposition'] as string)?.[1];
  const file = path.join(directory, `${randomUUID()}-${filename}`);
  await writeFile(file, response.rawPayload);
  return { response, file };
}

async function saveQuestions(questions: FollowUpQuestionInput[]) {
  const current = (await app.inject({ url: `/api/staff/projects/${slug}`, headers: admin.headers() })).json();
  const saved = await app.inject({
    method: 'PUT',
    url: `/api/staff/projects/${slug}`,
    headers: admin.headers(),
    payload: {
      ...current,
      basemap: current.basemap ?? undefined,
      categories: current.categories.map((category: { key: string }) =>
        category.key === 'meeting-places' ? { ...category, questions } : category,
      ),
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
}

async function post(id: string, category: string, answers?: Record<string, unknown>) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    payload: { id, category, geometry: { type: 'Point', coordinates: INSIDE }, story: 'Her', answers },
  });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  app = await createTestApp();
  directory = await mkdtemp(path.join(tmpdir(), 'nabolag-export-answers-'));
  const definition = demoDefinition();
  slug = await createTestProject(app, {
    categories: definition.categories.map((category) =>
      category.key === 'meeting-places'
        ? { ...category, questions: VERSION_1 }
        : category.key === 'landmarks'
          ? { ...category, questions: LANDMARK_QUESTIONS }
          : { ...category, questions: [] },
    ) as ProjectDefinition['categories'],
  });
  admin = await signIn(app, await createStaffUser(app, ['admin']));
  planner = await signIn(app, await createStaffUser(app, [], [{ project: slug, role: 'planner' }]));
  await post(ids.old, 'meeting-places', {
    how_often: 'rarely',
    who: ['friends'],
    safe: 2,
    group_size: 3,
    km: 2.5,
  });
  await saveQuestions(VERSION_2);
  await post(ids.current, 'meeting-places', {
    how_often: 'daily',
    why_daily: 'Sjakk, kaffe og «prat»',
    who: ['family', 'strangers'],
    safe: 5,
    km: 0.25,
  });
  await post(ids.none, 'meeting-places');
  await post(ids.landmark, 'landmarks', { beauty: 4 });
});
afterAll(async () => {
  await app.close();
  await rm(directory, { recursive: true, force: true });
});

/** What the two answered meeting places hold, by full column name. */
const OLD_ANSWERS = {
  q_version: 1,
  q_how_often: 'rarely',
  q_how_often_label: 'Rarely',
  q_who__friends: true,
  q_who__family: false,
  q_who__strangers: false,
  q_why_daily: null,
  q_safe: 2,
  q_group_size: 3,
  q_km: 2.5,
};
const CURRENT_ANSWERS = {
  q_version: 2,
  q_how_often: 'daily',
  q_how_often_label: 'Daily',
  q_who__friends: false,
  q_who__family: true,
  q_who__strangers: true,
  q_why_daily: 'Sjakk, kaffe og «prat»',
  q_safe: 5,
  q_group_size: null,
  q_km: 0.25,
};
const NO_ANSWERS = Object.fromEntries(Object.keys(OLD_ANSWERS).map((name) => [name, null]));

const byId = (features: Properties[], id: string) => features.find((feature) => feature.id === id);

describe.runIf(hasGdal)('follow-up answers in the GIS exports', () => {
  it('GeoPackage: typed answer columns per category, values of both question versions, code lists', async () => {
    const { file } = await download('format=gpkg&layout=per-category&lang=en');
    const meeting = await fieldTypes(file, 'meeting_places');
    expect(meeting).toMatchObject({
      // SQLite's INTEGER is 64-bit: GDAL says Integer64.
      q_version: 'Integer64',
      q_how_often: 'String q_how_often',
      q_how_often_label: 'String',
      q_who__friends: 'Integer(Boolean)',
      q_who__family: 'Integer(Boolean)',
      q_who__strangers: 'Integer(Boolean)',
      q_why_daily: 'String',
      q_safe: 'Integer64',
      q_group_size: 'Integer64',
      q_km: 'Real',
    });
    expect(meeting).not.toHaveProperty('q_beauty');
    const landmarks = await fieldTypes(file, 'landmarks');
    expect(landmarks).toMatchObject({ q_version: 'Integer64', q_beauty: 'Integer64' });
    expect(landmarks).not.toHaveProperty('q_how_often');

    const features = await readLayer(file, 'meeting_places');
    expect(byId(features, ids.old)).toMatchObject(OLD_ANSWERS);
    expect(byId(features, ids.current)).toMatchObject(CURRENT_ANSWERS);
    expect(byId(features, ids.none)).toMatchObject(NO_ANSWERS);
    expect(byId(await readLayer(file, 'landmarks'), ids.landmark)).toMatchObject({
      q_version: 1,
      q_beauty: 4,
    });

    // The code list as a coded field domain (QGIS: a value map), with the option of version 1 too.
    const domain = await run('ogrinfo', ['-ro', file, '-fielddomain', 'q_how_often']);
    // (GDAL lists the codes sorted.)
    expect(domain.stdout).toMatch(
      /Coded values:\s+daily: Daily\s+monthly: Monthly\s+rarely: Rarely\s+weekly: Weekly\n/,
    );
    // …and as a table with a label per project language.
    const codes = await readLayer(file, 'question_codes');
    expect(
      codes.map(({ column_name, code, label, label_nb, label_en }) => ({
        column_name,
        code,
        label,
        label_nb,
        label_en,
      })),
    ).toEqual([
      { column_name: 'q_how_often', code: 'daily', label: 'Daily', label_nb: 'Daglig', label_en: 'Daily' },
      { column_name: 'q_how_often', code: 'weekly', label: 'Weekly', label_nb: 'Weekly', label_en: 'Weekly' },
      {
        column_name: 'q_how_often',
        code: 'monthly',
        label: 'Monthly',
        label_nb: 'Monthly',
        label_en: 'Monthly',
      },
      { column_name: 'q_how_often', code: 'rarely', label: 'Rarely', label_nb: 'Rarely', label_en: 'Rarely' },
    ]);
  });

  it('GeoPackage as one layer: the answer columns of every category, labels in the chosen language', async () => {
    const { file } = await download('format=gpkg&layout=single&lang=nb');
    const types = await fieldTypes(file, 'contributions');
    expect(types).toMatchObject({ q_how_often: 'String q_how_often', q_beauty: 'Integer64', q_km: 'Real' });
    const features = await readLayer(file, 'contributions');
    expect(byId(features, ids.current)).toMatchObject({
      ...CURRENT_ANSWERS,
      q_how_often_label: 'Daglig',
      q_beauty: null,
    });
    expect(byId(features, ids.landmark)).toMatchObject({ q_version: 1, q_beauty: 4, q_how_often: null });
  });

  it('Shapefile: dBASE N/L/C fields under short names, with columns.csv and codes.csv in the zip', async () => {
    const { response, file } = await download('format=shp&layout=per-category&lang=en');
    const names = response.rawPayload.toString('latin1');
    expect(names).toContain('columns.csv');
    expect(names).toContain('codes.csv');
    const dictionary = await readLayer(`/vsizip/${file}/columns.csv`);
    const short = new Map(dictionary.map((row) => [row.name as string, row.shapefile_name as string]));
    for (const field of short.values()) expect(field).toMatch(/^[A-Za-z0-9_]{1,10}$/);
    expect(new Set(short.values()).size).toBe(short.size);
    expect(short.get('q_safe')).toBe('q_safe');
    expect(short.get('q_how_often_label')).toMatch(/^q_how_[0-9a-z]{3}$/);
    expect(dictionary.find((row) => row.name === 'q_km')).toMatchObject({
      type: 'real',
      title: 'How far away do you live?',
      title_en: 'How far away do you live?',
    });
    expect(dictionary.find((row) => row.name === 'q_how_often')).toMatchObject({ codes: 'codes.csv' });

    const source = `/vsizip/${file}`;
    const types = await fieldTypes(source, 'meeting_places_points');
    const typeOf = (name: string) => types[short.get(name) as string];
    expect(typeOf('q_version')).toMatch(/^Integer(64)?$/);
    expect(typeOf('q_safe')).toMatch(/^Integer(64)?$/);
    expect(typeOf('q_km')).toBe('Real');
    // dBASE L (logical): GDAL 3.6 reads it as a 1-character string, T or F.
    expect(typeOf('q_who__friends')).toBe('String');
    expect(typeOf('q_how_often')).toBe('String');
    expect(typeOf('q_why_daily')).toBe('String');

    const features = await readLayer(source, 'meeting_places_points');
    const answersOf = (id: string) => {
      const feature = byId(features, id) ?? {};
      return Object.fromEntries(
        Object.keys(OLD_ANSWERS).map((name) => {
          const value = feature[short.get(name) as string];
          return [name, value === 'T' ? true : value === 'F' ? false : value];
        }),
      );
    };
    expect(answersOf(ids.old)).toEqual(OLD_ANSWERS);
    expect(answersOf(ids.current)).toEqual(CURRENT_ANSWERS);

    const codes = await readLayer(`/vsizip/${file}/codes.csv`);
    expect(
      codes.map((row) => `${row.column}/${row.shapefile_name}/${row.code}/${row.label}/${row.label_nb}`),
    ).toEqual([
      `q_how_often/${short.get('q_how_often')}/daily/Daily/Daglig`,
      `q_how_often/${short.get('q_how_often')}/weekly/Weekly/Weekly`,
      `q_how_often/${short.get('q_how_often')}/monthly/Monthly/Monthly`,
      `q_how_often/${short.get('q_how_often')}/rarely/Rarely/Rarely`,
    ]);
  });

  it('GeoJSON carries the answers as JSON numbers, booleans and strings under their full names', async () => {
    const { response } = await download('format=geojson&layout=single&lang=en');
    const features = response.json().features as Array<{ id: string; properties: Properties }>;
    const properties = (id: string) => features.find((feature) => feature.id === id)?.properties;
    expect(properties(ids.old)).toMatchObject(OLD_ANSWERS);
    expect(properties(ids.current)).toMatchObject(CURRENT_ANSWERS);
    expect(properties(ids.none)).toMatchObject(NO_ANSWERS);
  });

  it('CSV: one column per answer (true/false for ticked options, empty when unanswered)', async () => {
    const { file } = await download('format=csv&layout=single&lang=en');
    const rows = await readLayer(file);
    expect(byId(rows, ids.current)).toMatchObject({
      q_version: '2',
      q_how_often: 'daily',
      q_who__family: 'true',
      q_who__friends: 'false',
      q_why_daily: 'Sjakk, kaffe og «prat»',
      q_km: '0.25',
    });
    expect(byId(rows, ids.none)).toMatchObject({ q_version: '', q_who__family: '' });
  });

  it('KML: each folder has its own schema with the answer fields', async () => {
    const { file } = await download('format=kml&layout=per-category&lang=en');
    const meeting = await readLayer(file, 'Meeting places');
    expect(byId(meeting, ids.old)).toMatchObject({ q_how_often: 'rarely', q_safe: 2, q_km: 2.5 });
    const landmarks = await readLayer(file, 'What characterises the area');
    expect(byId(landmarks, ids.landmark)).toMatchObject({ q_beauty: 4 });
    expect(byId(landmarks, ids.landmark)).not.toHaveProperty('q_how_often');
  });
});
