// The batched store statement (storeContributions) against the same contributions stored one at a
// time: a batch must answer, and leave the database, exactly as one by one would. Every case the
// statement distinguishes is in the script below, on two identical sets of projects.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../../testing/test-app.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { hashToken } from './participant-token.ts';
import {
  type StoreContributionInput,
  type StoreContributionVerdict,
  storeContribution,
  storeContributions,
} from './store-contribution.repository.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

const OUTSIDE: [number, number] = [11.5, 60.5];
/** A bow tie: a polygon whose edges cross (PostGIS: not valid). */
const BOW_TIE: StoreContributionInput['geometry'] = {
  type: 'Polygon',
  coordinates: [
    [
      [10.014, 59.047],
      [10.016, 59.049],
      [10.016, 59.047],
      [10.014, 59.049],
      [10.014, 59.047],
    ],
  ],
};

/** One contribution of the script, with symbolic names for what differs between the two runs. */
interface Step {
  /** Which contribution id (the same name twice: the same id). */
  ref: string;
  project?: 'open' | 'closed';
  token: 'T1' | 'T2' | 'T3';
  point?: [number, number];
  geometry?: StoreContributionInput['geometry'];
  story?: string;
  stale?: boolean;
  placeable?: boolean;
  session?: string;
  profile?: StoreContributionInput['profile'];
  limited?: boolean;
  holdBack?: boolean;
  answers?: boolean;
}

const SCRIPT: Step[] = [
  { ref: 'a', token: 'T1', profile: { ageBand: '30-44' }, answers: true },
  { ref: 'b', token: 'T1', profile: { relation: ['lives'] }, limited: true },
  { ref: 'c', token: 'T2', story: 'Benken ved kirka', limited: true },
  { ref: 'd', token: 'T1', point: OUTSIDE },
  { ref: 'e', token: 'T2', geometry: BOW_TIE },
  { ref: 'f', token: 'T1', placeable: false },
  { ref: 'earlier', token: 'T1', story: 'Stored before' },
  { ref: 'earlier', token: 'T3', story: 'Another story' },
  { ref: 'g', token: 'T1', project: 'closed' },
  { ref: 'h', token: 'T2', stale: true },
  { ref: 'i', token: 'T3', limited: true, profile: { yearsInArea: 3 } },
  { ref: 'j', token: 'T3', limited: true, profile: { yearsInArea: 5, ageBand: '67-79' } },
  { ref: 'k', token: 'T2', holdBack: true, story: 'Ring meg på 40000000' },
  { ref: 'l', token: 'T1', session: 'NOSUCH1' },
  { ref: 'm', token: 'T3', limited: true },
];

interface World {
  open: { id: string; slug: string; questionsVersion: number };
  closed: { id: string };
  tokens: Record<Step['token'], Buffer>;
  ids: Map<string, string>;
  rateKey: string;
}

async function makeWorld(): Promise<World> {
  const openSlug = await createTestProject(app);
  const closedSlug = await createTestProject(app);
  await app.pg.pool.query(`UPDATE projects SET closes_at = now() - interval '1 day' WHERE slug = $1`, [
    closedSlug,
  ]);
  const open = await findProjectBySlug(app.pg.pool, openSlug);
  const closed = await findProjectBySlug(app.pg.pool, closedSlug);
  if (!open || !closed) throw new Error('test projects missing');
  const category = open.categories.find((candidate) => candidate.key === 'meeting-places');
  const world: World = {
    open: { id: open.id, slug: openSlug, questionsVersion: category?.questionsVersion ?? 0 },
    closed: { id: closed.id },
    tokens: { T1: hashToken(randomUUID()), T2: hashToken(randomUUID()), T3: hashToken(randomUUID()) },
    ids: new Map(),
    rateKey: `test-batch:${randomUUID()}`,
  };
  // A contribution stored before the script, by T3, that the script repeats.
  const [before] = inputsFor(world, [{ ref: 'earlier', token: 'T3', story: 'Stored before' }]);
  const stored = await storeContribution(app.pg.pool, before as StoreContributionInput, { prepared: false });
  expect(stored.storedParticipantId).not.toBeNull();
  return world;
}

function inputsFor(world: World, steps: Step[]): StoreContributionInput[] {
  return steps.map((step) => {
    if (!world.ids.has(step.ref)) world.ids.set(step.ref, randomUUID());
    return {
      id: world.ids.get(step.ref) as string,
      projectId: step.project === 'closed' ? world.closed.id : world.open.id,
      projectStamp: step.stale ? '2000-01-01T00:00:00Z' : undefined,
      category: 'meeting-places',
      geometry: step.geometry ?? { type: 'Point', coordinates: step.point ?? INSIDE },
      story: step.story ?? null,
      placeable: step.placeable ?? true,
      sessionCode: step.session ?? null,
      sessionGroup: null,
      tablet: null,
      holdBack: step.holdBack ?? false,
      flags: step.holdBack ? [{ source: 'automatic', reason: 'phone-number' }] : [],
      tokenHash: world.tokens[step.token],
      profile: step.profile,
      rateLimit: step.limited ? { key: world.rateKey, windowSeconds: 3600, limit: 3 } : undefined,
      answers: step.answers
        ? { version: world.open.questionsVersion, answers: { how_often: 'daily' } }
        : null,
    };
  });
}

/** The verdicts with each run's own ids replaced by names (participants by their token). */
async function normalise(world: World, verdicts: StoreContributionVerdict[]) {
  const { rows } = await app.pg.pool.query<{ id: string; token_hash: Buffer }>(
    'SELECT id, token_hash FROM participants WHERE project_id = $1',
    [world.open.id],
  );
  const nameOf = (id: string | null | undefined) => {
    if (!id) return id;
    const row = rows.find((candidate) => candidate.id === id);
    const token = Object.entries(world.tokens).find(([, hash]) => row && hash.equals(row.token_hash));
    return token ? token[0] : 'unknown participant';
  };
  return verdicts.map((verdict) => ({
    ...verdict,
    retrySeconds: verdict.retrySeconds === null ? null : verdict.retrySeconds > 0,
    existing: verdict.existing && {
      ...verdict.existing,
      projectId: verdict.existing.projectId === world.open.id ? 'open' : verdict.existing.projectId,
      participantId: nameOf(verdict.existing.participantId),
    },
    storedParticipantId: nameOf(verdict.storedParticipantId),
  }));
}

/** What the script left in the database, by name. */
async function stateOf(world: World) {
  const names = new Map([...world.ids].map(([name, id]) => [id, name]));
  const { rows: contributions } = await app.pg.pool.query(
    `SELECT c.id, c.category_key, c.story, c.status, ST_AsText(c.geometry) AS geometry, p.token_hash,
            (SELECT array_agg(f.reason ORDER BY f.reason) FROM contribution_flags f WHERE f.contribution_id = c.id) AS flags,
            (SELECT a.answers FROM contribution_answers a WHERE a.contribution_id = c.id) AS answers
     FROM contributions c JOIN participants p ON p.id = c.participant_id
     WHERE c.project_id = ANY($1::uuid[]) ORDER BY c.created_at, c.id`,
    [[world.open.id, world.closed.id]],
  );
  const { rows: participants } = await app.pg.pool.query(
    'SELECT token_hash, age_band, relation, years_in_area FROM participants WHERE project_id = $1',
    [world.open.id],
  );
  const tokenName = (hash: Buffer) =>
    Object.entries(world.tokens).find(([, value]) => value.equals(hash))?.[0];
  const { rows: limits } = await app.pg.pool.query('SELECT hits FROM rate_limits WHERE key = $1', [
    world.rateKey,
  ]);
  return {
    contributions: contributions
      .map(({ id, token_hash, ...rest }) => ({
        name: names.get(id),
        participant: tokenName(token_hash),
        ...rest,
      }))
      .sort((x, y) => String(x.name).localeCompare(String(y.name))),
    participants: participants
      .map(({ token_hash, ...rest }) => ({ participant: tokenName(token_hash), ...rest }))
      .sort((x, y) => String(x.participant).localeCompare(String(y.participant))),
    hits: limits.map((row) => row.hits),
  };
}

describe('storeContributions: a batch is the same as one at a time', () => {
  it('gives the same verdicts and leaves the same rows as storing the script one by one', async () => {
    const oneByOne = await makeWorld();
    const single: StoreContributionVerdict[] = [];
    for (const input of inputsFor(oneByOne, SCRIPT)) {
      single.push(await storeContribution(app.pg.pool, input, { prepared: false }));
    }
    const batched = await makeWorld();
    // The script repeats the id `earlier`; a batch takes distinct ids, so it goes in two.
    const first = SCRIPT.slice(0, 7);
    const rest = SCRIPT.slice(7);
    const verdicts = [
      ...(await storeContributions(app.pg.pool, inputsFor(batched, first), { prepared: false })),
      ...(await storeContributions(app.pg.pool, inputsFor(batched, rest), { prepared: false })),
    ];

    const expected = await normalise(oneByOne, single);
    expect(await normalise(batched, verdicts)).toEqual(expected);
    expect(await stateOf(batched)).toEqual(await stateOf(oneByOne));

    // And the script does meet every case (so the comparison above cannot pass vacuously).
    const byName = Object.fromEntries(SCRIPT.map((step, index) => [`${step.ref}#${index}`, expected[index]]));
    expect(byName['a#0']?.storedParticipantId).toBe('T1');
    expect(byName['d#3']?.nearArea).toBe(false);
    expect(byName['e#4']?.geometryValid).toBe(false);
    expect(byName['f#5']?.geometryValid).toBeNull();
    expect(byName['earlier#6']?.existing).toMatchObject({ sameContent: true, sameParticipant: false });
    expect(byName['earlier#7']?.existing).toMatchObject({ sameContent: false, sameParticipant: true });
    expect(byName['g#8']?.projectOpen).toBe(false);
    expect(byName['h#9']?.projectFresh).toBe(false);
    expect(byName['l#13']?.sessionStatus).toBeNull();
    expect(byName['l#13']?.storedParticipantId).toBeNull();
    expect(byName['m#14']).toMatchObject({ hits: 5, storedParticipantId: null });
    expect(byName['j#11']).toMatchObject({ hits: 4, storedParticipantId: null });
    const state = await stateOf(batched);
    expect(state.participants.find((row) => row.participant === 'T1')).toMatchObject({
      age_band: '30-44',
      relation: ['lives'],
    });
    expect(state.contributions.find((row) => row.name === 'k')).toMatchObject({
      status: 'pending',
      flags: ['phone-number'],
    });
    expect(state.contributions.find((row) => row.name === 'a')?.answers).toEqual({ how_often: 'daily' });
  });

  it('makes one participant for a new token that several contributions of a batch share', async () => {
    const world = await makeWorld();
    const token = hashToken(randomUUID());
    const inputs = inputsFor(world, [
      { ref: 'p1', token: 'T1', profile: { ageBand: '18-29' } },
      { ref: 'p2', token: 'T1' },
      { ref: 'p3', token: 'T1', profile: { ageBand: '45-66', yearsInArea: 2 } },
    ]).map((input) => ({ ...input, tokenHash: token }));
    const verdicts = await storeContributions(app.pg.pool, inputs, { prepared: false });
    const participants = new Set(verdicts.map((verdict) => verdict.storedParticipantId));
    expect(participants.size).toBe(1);
    const { rows } = await app.pg.pool.query(
      'SELECT age_band, years_in_area FROM participants WHERE project_id = $1 AND token_hash = $2',
      [world.open.id, token],
    );
    expect(rows).toEqual([{ age_band: '45-66', years_in_area: 2 }]);
  });

  it('refuses a batch with one id twice (the batcher never sends one)', async () => {
    const world = await makeWorld();
    const [input] = inputsFor(world, [{ ref: 'twice', token: 'T1' }]);
    await expect(
      storeContributions(app.pg.pool, [input, input] as StoreContributionInput[], { prepared: false }),
    ).rejects.toThrow(/distinct/);
  });
});
