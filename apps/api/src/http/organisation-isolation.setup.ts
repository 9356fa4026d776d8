// Two organisations with staff and data, for organisation-isolation.test.ts: each has an admin, a
// planner and a facilitator (organisation-wide roles), a project with published and pending
// contributions (one with a photo, one with follow-up answers), a participant, a workshop session,
// a flag, a reference layer and a project update — plus spares that the owners' own successful
// deletes and closes may use up.
import { randomUUID } from 'node:crypto';
import type { FollowUpQuestionInput, ProjectDefinition, StaffRole } from '@nabolag/schema';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import {
  createOrganisation,
  createStaffUser,
  createTestProject,
  demoDefinition,
  INSIDE,
  signIn,
} from '../testing/test-app.ts';

export type Signed = Awaited<ReturnType<typeof signIn>>;

/** Ids of one organisation's resources that the route cases address. */
export interface Ids {
  organisation: string;
  slug: string;
  /** Published, with a photo, a flag and follow-up answers. */
  contribution: string;
  pending: string;
  /** Spares for the owners' own moderation, delete and delete-participant. */
  moderated: string;
  /** Published, unflagged: a story the owners may feature. */
  featurable: string;
  doomed: string;
  doomedParticipant: string;
  session: string;
  closingSession: string;
  referenceLayer: string;
  doomedLayer: string;
  update: string;
  doomedUpdate: string;
  /** A member of the organisation only (its facilitator); `doomedUser` one to remove. */
  user: string;
  doomedUser: string;
}

export interface Organisation {
  id: string;
  ids: Ids;
  admin: Signed;
  planner: Signed;
  facilitator: Signed;
  /** Contribution ids a planner's export holds (published and pending; not hidden). */
  exported: Set<string>;
  participants: Set<string>;
  /** The e-mail of the member `ids.user`. */
  userEmail: string;
}

const QUESTIONS: FollowUpQuestionInput[] = [
  {
    key: 'how_often',
    type: 'single',
    labels: { nb: 'Hvor ofte?', en: 'How often?' },
    options: [
      { key: 'daily', labels: { nb: 'Daglig', en: 'Daily' } },
      { key: 'rarely', labels: { nb: 'Sjelden', en: 'Rarely' } },
    ],
  },
];

function definitionWithQuestions(organisation: string): Partial<ProjectDefinition> {
  const definition = demoDefinition();
  return {
    ...definition,
    organisation,
    moderation: 'after',
    categories: definition.categories.map((category) =>
      category.key === 'meeting-places' ? { ...category, questions: QUESTIONS } : category,
    ) as ProjectDefinition['categories'],
  };
}

export const REFERENCE_LAYER = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Byggefelt' }, geometry: { type: 'Point', coordinates: INSIDE } },
  ],
};
export const UPDATE = {
  publishedOn: '2025-03-14',
  title: { nb: 'Benker ved kirka' },
  body: {},
  published: true,
};

export const participantToken = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

export async function createOrganisationWithData(app: FastifyInstance, label: string): Promise<Organisation> {
  const pool = app.pg.pool;
  const { id, slug: organisation } = await createOrganisation(app, {
    slug: `iso-${label}-${randomUUID().slice(0, 8)}`,
    name: `Kommune ${label.toUpperCase()}`,
  });
  const member = (roles: StaffRole[]) => createStaffUser(app, roles, [], { organisation });
  const admin = await signIn(app, await member(['admin']));
  const planner = await signIn(app, await member(['planner']));
  const facilitatorUser = await member(['facilitator']);
  const facilitator = await signIn(app, facilitatorUser);
  const doomedUser = await member(['planner']);
  const slug = await createTestProject(app, definitionWithQuestions(organisation));

  const token = participantToken();
  const contribute = async (body: Record<string, unknown> = {}, as = token) => {
    const contribution = randomUUID();
    const response = await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: { authorization: `Bearer ${as}` },
      payload: {
        id: contribution,
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: INSIDE },
        ...body,
      },
    });
    if (response.statusCode !== 201) throw new Error(`contribution: ${response.statusCode} ${response.body}`);
    return contribution;
  };
  const contribution = await contribute({ story: `Historie ${label}`, answers: { how_often: 'daily' } });
  const pending = await contribute({ story: 'venter' });
  await pool.query(`UPDATE contributions SET status = 'pending' WHERE id = $1::uuid`, [pending]);
  const moderated = await contribute();
  const featurable = await contribute({ story: 'Benken ved kirka' });
  const doomed = await contribute();
  const otherToken = participantToken();
  const doomedParticipant = await contribute({}, otherToken);

  const jpeg = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3366aa' } })
    .jpeg()
    .toBuffer();
  await expectStatus(
    app.inject({
      method: 'PUT',
      url: `/api/contributions/${contribution}/photo`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
      payload: jpeg,
    }),
    [200, 201, 204],
    'photo',
  );
  await expectStatus(
    app.inject({
      method: 'POST',
      url: `/api/contributions/${contribution}/report`,
      payload: { reason: 'Rude' },
    }),
    [200, 201, 202, 204],
    'flag',
  );
  const session = async () =>
    (
      await expectStatus(
        app.inject({
          method: 'POST',
          url: `/api/projects/${slug}/sessions`,
          headers: facilitator.headers(),
          payload: { title: 'Verksted' },
        }),
        [201],
        'session',
      )
    ).json().code as string;
  const layer = async () =>
    (
      await expectStatus(
        app.inject({
          method: 'POST',
          url: `/api/staff/projects/${slug}/reference-layers?name=Lag`,
          headers: { ...planner.headers(), 'content-type': 'application/geo+json' },
          payload: Buffer.from(JSON.stringify(REFERENCE_LAYER)),
        }),
        [201],
        'reference layer',
      )
    ).json().layer.id as string;
  const update = async () =>
    (
      await expectStatus(
        app.inject({
          method: 'POST',
          url: `/api/staff/projects/${slug}/updates`,
          headers: planner.headers(),
          payload: UPDATE,
        }),
        [201],
        'update',
      )
    ).json().id as string;

  const participants = await pool.query<{ id: string }>(
    'SELECT DISTINCT participant_id AS id FROM contributions WHERE id = ANY ($1::uuid[])',
    [[contribution, doomedParticipant]],
  );
  // The tablet `t1` has reported in to the workshop, so that its facilitator can rename it.
  const workshop = await session();
  await expectStatus(
    app.inject({ method: 'POST', url: `/api/sessions/${workshop}/tablets/t1`, payload: { pending: 0 } }),
    [204],
    'tablet',
  );
  return {
    id,
    admin,
    planner,
    facilitator,
    exported: new Set([contribution, pending, moderated, featurable, doomed, doomedParticipant]),
    participants: new Set(participants.rows.map((row) => row.id)),
    userEmail: facilitatorUser.email,
    ids: {
      organisation,
      slug,
      contribution,
      pending,
      moderated,
      featurable,
      doomed,
      doomedParticipant,
      session: workshop,
      closingSession: await session(),
      referenceLayer: await layer(),
      doomedLayer: await layer(),
      update: await update(),
      doomedUpdate: await update(),
      user: facilitatorUser.id,
      doomedUser: doomedUser.id,
    },
  };
}

async function expectStatus<T extends { statusCode: number; body: string }>(
  request: Promise<T>,
  statuses: number[],
  what: string,
): Promise<T> {
  const response = await request;
  if (!statuses.includes(response.statusCode)) {
    throw new Error(`setting up ${what}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
  return response;
}

/**
 * A fingerprint of everything of one organisation that a staff route could read-modify: its row,
 * members and their accounts, projects, and every table hanging off them. Equal before and after
 * a refused request means the request changed nothing of that organisation's.
 */
export async function fingerprint(app: FastifyInstance, organisationId: string): Promise<string> {
  const digest = (select: string) =>
    `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (${select}) t)`;
  const inProjects = 'project_id IN (SELECT id FROM projects WHERE organisation_id = $1::uuid)';
  const members = 'SELECT user_id FROM organisation_members WHERE organisation_id = $1::uuid';
  const { rows } = await app.pg.pool.query(
    `SELECT
       ${digest('SELECT slug, name, primary_colour, accent_colour, default_languages, default_basemap, md5(logo) FROM organisations WHERE id = $1::uuid')} AS organisation,
       ${digest('SELECT user_id, roles FROM organisation_members WHERE organisation_id = $1::uuid')} AS members,
       ${digest(`SELECT id, email, name, password_hash, disabled, operator FROM users WHERE id IN (${members})`)} AS users,
       ${digest(`SELECT user_id, name, revoked_at FROM api_tokens WHERE user_id IN (${members})`)} AS tokens,
       ${digest('SELECT slug, title, k_anonymity, moderation, basemap, languages, opens_at, closes_at FROM projects WHERE organisation_id = $1::uuid')} AS projects,
       ${digest(`SELECT * FROM project_members WHERE ${inProjects}`)} AS project_members,
       ${digest(`SELECT project_id, key, labels, colour FROM categories WHERE ${inProjects}`)} AS categories,
       ${digest(`SELECT id, participant_id, category_key, ST_AsEWKB(geometry), story, status, featured, moderation_reason, session_id FROM contributions WHERE ${inProjects}`)} AS contributions,
       ${digest(`SELECT id, age_band, relation, years_in_area FROM participants WHERE ${inProjects}`)} AS participants,
       ${digest(`SELECT contribution_id, md5(bytes) FROM photos WHERE contribution_id IN (SELECT id FROM contributions WHERE ${inProjects})`)} AS photos,
       ${digest(`SELECT contribution_id, reason, resolved_at FROM contribution_flags WHERE contribution_id IN (SELECT id FROM contributions WHERE ${inProjects})`)} AS flags,
       ${digest(`SELECT contribution_id, answers FROM contribution_answers WHERE ${inProjects}`)} AS answers,
       ${digest(`SELECT code, status, title, groups FROM sessions WHERE ${inProjects}`)} AS sessions,
       ${digest(`SELECT id, names, colour, visible, position FROM reference_layers WHERE ${inProjects}`)} AS reference_layers,
       ${digest(`SELECT layer_id, position, ST_AsEWKB(geometry), label FROM reference_features WHERE layer_id IN (SELECT id FROM reference_layers WHERE ${inProjects})`)} AS reference_features,
       ${digest(`SELECT id, published, published_on, title, body FROM project_updates WHERE ${inProjects}`)} AS updates,
       ${digest(`SELECT size_m, q, r, source, name FROM place_names WHERE ${inProjects}`)} AS place_names`,
    [organisationId],
  );
  return JSON.stringify(rows[0]);
}
