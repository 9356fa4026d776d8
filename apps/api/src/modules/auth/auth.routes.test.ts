import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_RATE } from '../../http/rate-limit.ts';
import {
  createStaffUser,
  createTestApp,
  createTestProject,
  signIn,
  startEarlyInRateWindow,
} from '../../testing/test-app.ts';

let app: FastifyInstance;
let admin: Awaited<ReturnType<typeof createStaffUser>>;
let planner: Awaited<ReturnType<typeof createStaffUser>>;

beforeAll(async () => {
  app = await createTestApp({ rateLimits: true });
  admin = await createStaffUser(app, ['admin']);
  planner = await createStaffUser(app, ['planner']);
});
afterAll(async () => {
  await app.close();
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite session cookie and returns the user and a CSRF token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email.toUpperCase(), password: admin.password },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: {
        email: admin.email,
        operator: false,
        organisations: [{ slug: 'default', name: expect.any(String), roles: ['admin'] }],
      },
      csrfToken: expect.any(String),
    });
    const cookie = response.cookies.find((candidate) => candidate.name === 'nabolag_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const stored = await app.pg.pool.query(
      'SELECT count(*)::int AS n FROM staff_sessions WHERE token_hash = sha256($1)',
      [Buffer.from(cookie?.value ?? '')],
    );
    expect(stored.rows[0].n).toBe(1);
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email, password: 'not the password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.org', password: 'whatever it is' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('keeps passwords only as scrypt hashes', async () => {
    const { rows } = await app.pg.pool.query('SELECT password_hash FROM users WHERE id = $1', [admin.id]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(rows[0].password_hash).not.toContain(admin.password);
  });

  it('answers /api/auth/me for a session, and signs out', async () => {
    const session = await signIn(app, planner);
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(planner.email);

    const withoutCsrf = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().code).toBe('CSRF_FAILED');

    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers() });
    expect(logout.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const session = await signIn(app, planner);
    await app.pg.pool.query(
      `UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [planner.id],
    );
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(
      401,
    );
  });

  it('slows password guessing: the 11th attempt in 15 minutes gets 429', async () => {
    const target = await createStaffUser(app, ['planner']);
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: target.email, password: 'guess guess guess' },
      });
    await startEarlyInRateWindow(LOGIN_RATE.windowSeconds, 30_000);
    for (let index = 0; index < 10; index += 1) expect((await attempt()).statusCode).toBe(401);
    const blocked = await attempt();
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  }, 90_000);
});

describe('sign-in limits', () => {
  it('count only failed attempts: a person who signs in often is never held back', async () => {
    const regular = await createStaffUser(app, ['facilitator']);
    for (let index = 0; index < 12; index += 1) await signIn(app, regular);
  });
});

describe('users and roles', () => {
  it('lets an admin create a user with project roles, who can then sign in', async () => {
    const slug = await createTestProject(app);
    const session = await signIn(app, admin);
    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/users',
      headers: session.headers(),
      payload: {
        email: `Facilitator-${slug}@Example.org`,
        name: 'Kari',
        password: 'a long enough password',
        projectRoles: [{ project: slug, role: 'facilitator' }],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: `facilitator-${slug}@example.org`,
      roles: [],
      projectRoles: [{ project: slug, role: 'facilitator' }],
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/staff/users',
      headers: session.headers(),
      payload: { email: `facilitator-${slug}@example.org`, password: 'a long enough password' },
    });
    expect(again.statusCode).toBe(409);
    await signIn(app, { email: `facilitator-${slug}@example.org`, password: 'a long enough password' });

    const audit = await app.inject({ url: '/api/staff/audit', headers: { cookie: session.cookie } });
    expect(audit.json().entries.map((entry: { action: string }) => entry.action)).toContain('user.create');
  });

  it('refuses a planner user administration, and a weak password', async () => {
    const session = await signIn(app, planner);
    const list = await app.inject({ url: '/api/staff/users', headers: { cookie: session.cookie } });
    expect(list.statusCode).toBe(403);
    const adminSession = await signIn(app, admin);
    const weak = await app.inject({
      method: 'POST',
      url: '/api/staff/users',
      headers: adminSession.headers(),
      payload: { email: 'weak@example.org', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/at least 12 characters/);
  });

  it('signs a user out everywhere when an admin resets the password or disables the account', async () => {
    const user = await createStaffUser(app, ['facilitator']);
    const userSession = await signIn(app, user);
    const adminSession = await signIn(app, admin);
    const reset = await app.inject({
      method: 'PATCH',
      url: `/api/staff/users/${user.id}`,
      headers: adminSession.headers(),
      payload: { password: 'the new long password' },
    });
    expect(reset.statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/auth/me', headers: { cookie: userSession.cookie } })).statusCode,
    ).toBe(401);
    await signIn(app, { email: user.email, password: 'the new long password' });
    await app.inject({
      method: 'PATCH',
      url: `/api/staff/users/${user.id}`,
      headers: adminSession.headers(),
      payload: { disabled: true },
    });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'the new long password' },
    });
    expect(refused.statusCode).toBe(401);
  });
});

describe('API tokens for GIS clients', () => {
  it('are shown once, work as Bearer and as HTTP Basic with the e-mail, and can be revoked', async () => {
    const session = await signIn(app, planner);
    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/tokens',
      headers: session.headers(),
      payload: { name: 'QGIS on my PC' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^nbl_/);

    const bearer = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(bearer.json().user.email).toBe(planner.email);
    const basic = Buffer.from(`${planner.email}:${token}`).toString('base64');
    expect(
      (await app.inject({ url: '/api/auth/me', headers: { authorization: `Basic ${basic}` } })).statusCode,
    ).toBe(200);
    const wrongEmail = Buffer.from(`${admin.email}:${token}`).toString('base64');
    expect(
      (await app.inject({ url: '/api/auth/me', headers: { authorization: `Basic ${wrongEmail}` } }))
        .statusCode,
    ).toBe(401);

    const listed = await app.inject({ url: '/api/staff/tokens', headers: { cookie: session.cookie } });
    expect(JSON.stringify(listed.json())).not.toContain(token);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/staff/tokens/${id}`,
      headers: session.headers(),
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(401);
  });

  it('need no CSRF token, since no browser sends them by itself', async () => {
    const session = await signIn(app, planner);
    const { token } = (
      await app.inject({
        method: 'POST',
        url: '/api/staff/tokens',
        headers: session.headers(),
        payload: { name: 'x' },
      })
    ).json();
    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'made with a token' },
    });
    expect(created.statusCode).toBe(201);
  });
});
