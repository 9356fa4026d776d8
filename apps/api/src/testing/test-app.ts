import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ProjectDefinition, projectDefinitionSchema, type StaffRole } from '@nabolag/schema';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { EMBEDDED_POOL_SIZE } from '../db/embedded.ts';
import type { Queryable } from '../db/queryable.ts';
import { DEMO_PROJECT_FILE } from '../db/seed.ts';
import { insertProject } from '../modules/projects/projects.repository.ts';
import type { AddressSearchOptions } from '../modules/results/place-names.ts';
import { hashPassword } from '../modules/users/passwords.ts';
import { insertUser } from '../modules/users/users.repository.ts';

/**
 * Builds the app on the run's database (see global-setup.ts). Close it in `afterAll`. Rate
 * limits are off unless asked for: their counters live in the shared database, so one test
 * file's traffic would otherwise throttle the next.
 */
export async function createTestApp(
  options: { rateLimits?: boolean; addressSearch?: AddressSearchOptions } = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    // Never Kartverket itself: a test that wants addresses serves them (see address-fixtures.ts).
    addressSearch: options.addressSearch,
    rateLimits: options.rateLimits ?? false,
    // TEST_LOG=error (or debug…) shows the server's log while debugging a test.
    logger: process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false,
    databaseUrl: inject('databaseUrl'),
    databaseKind: inject('databaseKind'),
    poolSize: inject('databaseKind') === 'embedded' ? EMBEDDED_POOL_SIZE : 4,
  });
  await app.ready();
  return app;
}

/** The demo project's definition (Torstrand's categories and area), to base test projects on. */
export function demoDefinition(): ProjectDefinition {
  return projectDefinitionSchema.parse(JSON.parse(readFileSync(DEMO_PROJECT_FILE, 'utf8')));
}

/**
 * Creates a project of its own for a test file, with a unique slug; returns the slug. It belongs
 * to `overrides.organisation` (a slug), or to `default`.
 */
export async function createTestProject(app: FastifyInstance, overrides: Partial<ProjectDefinition> = {}) {
  const slug = `test-${randomUUID().slice(0, 12)}`;
  await insertProject(app.pg.pool, { ...demoDefinition(), ...overrides, slug });
  return slug;
}

/** A point inside the demo area (Torstrand, Larvik), `[longitude, latitude]`. */
export const INSIDE: [number, number] = [10.015, 59.048];

/** Creates an organisation directly in the database; returns its id, slug and name. */
export async function createOrganisation(
  app: FastifyInstance | Queryable,
  options: { slug?: string; name?: string } = {},
) {
  const db = 'pg' in app ? app.pg.pool : app;
  const slug = options.slug ?? `org-${randomUUID().slice(0, 12)}`;
  const name = options.name ?? `Organisation ${slug}`;
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO organisations (slug, name) VALUES ($1, $2) RETURNING id',
    [slug, name],
  );
  return { id: (rows[0] as { id: string }).id, slug, name };
}

/**
 * Creates a staff user directly in the database; returns its id, e-mail and password. `roles` are
 * the user's roles across `options.organisation` (a slug; default `default`, where every test
 * project lives unless told otherwise); `projectRoles` name projects of any organisation.
 * `operator` makes the user the instance operator.
 */
export async function createStaffUser(
  app: FastifyInstance,
  roles: StaffRole[],
  projectRoles: Array<{ project: string; role: StaffRole }> = [],
  options: { organisation?: string; operator?: boolean } = {},
) {
  const pool = app.pg.pool;
  const email = `staff-${randomUUID().slice(0, 8)}@example.org`;
  const password = `pw-${randomUUID()}`;
  const id = (await insertUser(pool, {
    email,
    name: 'Test Staff',
    passwordHash: await hashPassword(password),
    operator: options.operator ?? false,
  })) as string;
  const organisation = options.organisation ?? 'default';
  const member = await pool.query(
    `INSERT INTO organisation_members (organisation_id, user_id, roles)
     SELECT id, $2, $3 FROM organisations WHERE slug = $1`,
    [organisation, id, roles],
  );
  if (member.rowCount !== 1) throw new Error(`createStaffUser: there is no organisation "${organisation}"`);
  for (const entry of projectRoles) {
    const granted = await pool.query(
      'INSERT INTO project_members (project_id, user_id, role) SELECT id, $2, $3 FROM projects WHERE slug = $1',
      [entry.project, id, entry.role],
    );
    if (granted.rowCount !== 1) throw new Error(`createStaffUser: there is no project "${entry.project}"`);
  }
  return { id, email, password };
}

/** Signs in through the API; returns the cookie header and CSRF token to send with writes. */
export async function signIn(app: FastifyInstance, credentials: { email: string; password: string }) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: credentials.email, password: credentials.password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((candidate) => candidate.name === 'nabolag_session');
  return {
    cookie: `nabolag_session=${cookie?.value}`,
    csrfToken: response.json().csrfToken as string,
    headers(): Record<string, string> {
      return { cookie: this.cookie, 'x-csrf-token': this.csrfToken };
    },
  };
}

/**
 * Rate limits count in fixed windows aligned to the clock (http/rate-limit.ts). A test that
 * fills a window waits, when fewer than `neededMs` are left in the current one, for the next,
 * so that all its requests fall into one window. Give such a test a timeout above `neededMs`.
 */
export async function startEarlyInRateWindow(windowSeconds: number, neededMs: number): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 500));
}
