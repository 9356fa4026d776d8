import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganisation,
  createStaffUser,
  createTestApp,
  createTestProject,
  signIn,
} from '../../testing/test-app.ts';

type Session = Awaited<ReturnType<typeof signIn>>;

let app: FastifyInstance;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let aProject: string;
let bProject: string;
let operator: Session;
let aAdminUser: Awaited<ReturnType<typeof createStaffUser>>;
let aAdmin: Session;
let bAdmin: Session;

beforeAll(async () => {
  app = await createTestApp();
  a = await createOrganisation(app);
  b = await createOrganisation(app);
  aProject = await createTestProject(app, { organisation: a.slug });
  bProject = await createTestProject(app, { organisation: b.slug });
  operator = await signIn(app, await createStaffUser(app, [], [], { operator: true }));
  aAdminUser = await createStaffUser(app, ['admin'], [], { organisation: a.slug });
  aAdmin = await signIn(app, aAdminUser);
  bAdmin = await signIn(app, await createStaffUser(app, ['admin'], [], { organisation: b.slug }));
});
afterAll(async () => {
  await app.close();
});

const email = () => `member-${Math.random().toString(36).slice(2, 10)}@example.org`;
const PASSWORD = 'a long enough password';

function create(session: Session, payload: Record<string, unknown>, query = '') {
  return app.inject({ method: 'POST', url: `/api/staff/users${query}`, headers: session.headers(), payload });
}
function patch(session: Session, id: string, payload: Record<string, unknown>, query = '') {
  return app.inject({
    method: 'PATCH',
    url: `/api/staff/users/${id}${query}`,
    headers: session.headers(),
    payload,
  });
}

describe('staff of an organisation', () => {
  it('are created in the admin’s organisation and listed only there', async () => {
    const address = email();
    const created = await create(aAdmin, {
      email: address,
      password: PASSWORD,
      roles: ['facilitator'],
      projectRoles: [{ project: aProject, role: 'planner' }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: address,
      roles: ['facilitator'],
      projectRoles: [{ project: aProject }],
    });
    const listA = await app.inject({ url: '/api/staff/users', headers: aAdmin.headers() });
    expect(listA.json().users.map((user: { email: string }) => user.email)).toContain(address);
    const listB = await app.inject({ url: '/api/staff/users', headers: bAdmin.headers() });
    expect(listB.json().users.map((user: { email: string }) => user.email)).not.toContain(address);
    const peek = await app.inject({
      url: `/api/staff/users?organisation=${a.slug}`,
      headers: bAdmin.headers(),
    });
    expect(peek.statusCode).toBe(403);
    // The new person signs in and has the roles of organisation A only.
    const me = await app.inject({
      url: '/api/auth/me',
      headers: (await signIn(app, { email: address, password: PASSWORD })).headers(),
    });
    expect(me.json().user).toMatchObject({
      operator: false,
      organisations: [{ slug: a.slug, roles: ['facilitator'] }],
    });
    expect(me.json().user.projectRoles).toEqual(
      expect.arrayContaining([
        { project: aProject, role: 'facilitator' },
        { project: aProject, role: 'planner' },
      ]),
    );
  });

  it('refuse project roles in another organisation’s project as if it did not exist', async () => {
    const response = await create(aAdmin, {
      email: email(),
      password: PASSWORD,
      projectRoles: [{ project: bProject, role: 'planner' }],
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('PROJECT_NOT_FOUND');
  });

  it('an existing e-mail joins the organisation, keeping the password and the other organisation’s roles', async () => {
    const address = email();
    const inB = await create(bAdmin, { email: address, password: PASSWORD, roles: ['planner'] });
    const joined = await create(aAdmin, {
      email: address,
      password: 'another long password',
      roles: ['facilitator'],
    });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toMatchObject({ id: inB.json().id, roles: ['facilitator'], projectRoles: [] });
    const me = await app.inject({
      url: '/api/auth/me',
      headers: (await signIn(app, { email: address, password: PASSWORD })).headers(),
    });
    const memberships = me
      .json()
      .user.organisations.map((entry: { slug: string; roles: string[] }) => [entry.slug, entry.roles]);
    expect(memberships).toEqual(
      expect.arrayContaining([
        [a.slug, ['facilitator']],
        [b.slug, ['planner']],
      ]),
    );
    const twice = await create(aAdmin, { email: address, password: PASSWORD });
    expect(twice.statusCode).toBe(409);

    // A may change their roles in A, but not the account B shares (password, name, disabled).
    expect((await patch(aAdmin, inB.json().id, { roles: ['planner'] })).json().roles).toEqual(['planner']);
    const takeover = await patch(aAdmin, inB.json().id, { password: 'a password chosen by A' });
    expect(takeover.statusCode).toBe(403);
    expect((await patch(aAdmin, inB.json().id, { disabled: true })).statusCode).toBe(403);
    expect((await signIn(app, { email: address, password: PASSWORD })).csrfToken).toBeTruthy();
  });

  it('of another organisation are not found, and unchanged', async () => {
    const onlyB = await create(bAdmin, { email: email(), password: PASSWORD, roles: ['planner'] });
    const response = await patch(aAdmin, onlyB.json().id, { roles: ['admin'] });
    expect(response.statusCode).toBe(404);
    const removal = await app.inject({
      method: 'DELETE',
      url: `/api/staff/users/${onlyB.json().id}`,
      headers: aAdmin.headers(),
    });
    expect(removal.statusCode).toBe(404);
    const list = await app.inject({ url: '/api/staff/users', headers: bAdmin.headers() });
    expect(list.json().users).toContainEqual(
      expect.objectContaining({ id: onlyB.json().id, roles: ['planner'] }),
    );
  });

  it('keep at least one admin, and an admin cannot demote themselves', async () => {
    const org = await createOrganisation(app);
    const soleUser = await createStaffUser(app, ['admin'], [], { organisation: org.slug });
    const sole = await signIn(app, soleUser);
    const self = await patch(sole, soleUser.id, { roles: ['planner'] });
    expect(self.statusCode).toBe(403);
    const byOperator = await patch(
      operator,
      soleUser.id,
      { roles: ['planner'] },
      `?organisation=${org.slug}`,
    );
    expect(byOperator.statusCode).toBe(403);
    const second = await create(operator, {
      organisation: org.slug,
      email: email(),
      password: PASSWORD,
      roles: ['admin'],
    });
    expect(second.statusCode).toBe(201);
    const demoted = await patch(operator, soleUser.id, { roles: ['planner'] }, `?organisation=${org.slug}`);
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json().roles).toEqual(['planner']);
  });

  it('removed from their last organisation are disabled and signed out', async () => {
    const address = email();
    const created = await create(aAdmin, { email: address, password: PASSWORD, roles: ['planner'] });
    const session = await signIn(app, { email: address, password: PASSWORD });
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/staff/users/${created.json().id}`,
      headers: aAdmin.headers(),
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: session.headers() })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: address, password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const self = await app.inject({
      method: 'DELETE',
      url: `/api/staff/users/${aAdminUser.id}`,
      headers: aAdmin.headers(),
    });
    expect(self.statusCode).toBe(403);
  });

  it('need the organisation named when the caller administers several', async () => {
    const both = await createStaffUser(app, ['admin'], [], { organisation: a.slug });
    await app.pg.pool.query(
      `INSERT INTO organisation_members (organisation_id, user_id, roles) VALUES ($1, $2, '{admin}')`,
      [b.id, both.id],
    );
    const session = await signIn(app, both);
    const ambiguous = await app.inject({ url: '/api/staff/users', headers: session.headers() });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().code).toBe('ORGANISATION_REQUIRED');
    expect(
      (await app.inject({ url: `/api/staff/users?organisation=${b.slug}`, headers: session.headers() }))
        .statusCode,
    ).toBe(200);
    const operatorAmbiguous = await app.inject({ url: '/api/staff/users', headers: operator.headers() });
    expect(operatorAmbiguous.json().code).toBe('ORGANISATION_REQUIRED');
  });
});

describe('the audit log', () => {
  it('shows an admin their organisations’ entries only; the operator sees all', async () => {
    await create(bAdmin, { email: email(), password: PASSWORD });
    await create(aAdmin, { email: email(), password: PASSWORD });
    const organisationsIn = async (session: Session, query = '') => {
      const response = await app.inject({
        url: `/api/staff/audit?limit=500${query}`,
        headers: session.headers(),
      });
      return new Set(
        response.json().entries.map((entry: { organisation: string | null }) => entry.organisation),
      );
    };
    expect([...(await organisationsIn(aAdmin))]).toEqual([a.slug]);
    const all = await organisationsIn(operator);
    expect(all.has(a.slug) && all.has(b.slug)).toBe(true);
    expect([...(await organisationsIn(operator, `&organisation=${b.slug}`))]).toEqual([b.slug]);
    const foreign = await app.inject({
      url: `/api/staff/audit?organisation=${b.slug}`,
      headers: aAdmin.headers(),
    });
    expect(foreign.statusCode).toBe(403);
    const planner = await signIn(app, await createStaffUser(app, ['planner'], [], { organisation: a.slug }));
    expect((await app.inject({ url: '/api/staff/audit', headers: planner.headers() })).statusCode).toBe(403);
  });
});
