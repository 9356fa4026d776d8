// Staff set-up the end-to-end tests do through the API rather than the browser: signing in as
// the test server's admin, and the demo project's definition to make a project of their own.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { projectDefinitionSchema, staffSessionSchema } from '@nabolag/schema';
import { expect } from 'vitest';
import { E2E_ADMIN } from './server.ts';

export interface StaffApiSession {
  cookie: string;
  csrfToken: string;
  /** JSON content type, the session cookie and the CSRF token: what a staff write sends. */
  headers: Record<string, string>;
}

/** Signs in as the e2e admin (`E2E_ADMIN`) through `POST /api/auth/login`. */
export function signInAsAdmin(baseUrl: string): Promise<StaffApiSession> {
  return signInAs(baseUrl, E2E_ADMIN);
}

/** Signs in as any staff member through `POST /api/auth/login`. */
export async function signInAs(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<StaffApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: credentials.email, password: credentials.password }),
  });
  expect(login.status, 'staff sign-in').toBe(200);
  const { csrfToken } = staffSessionSchema.parse(await login.json());
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return {
    cookie,
    csrfToken,
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
  };
}

/** The demo project's definition (`infra/seed/torstrand.json`), to create under a slug of a test's own. */
export async function demoProjectDefinition() {
  return projectDefinitionSchema.parse(
    JSON.parse(await readFile(new URL('../../infra/seed/torstrand.json', import.meta.url), 'utf8')),
  );
}

/** `length` random lowercase letters: unique slugs, e-mail addresses and words to search for. */
export const randomLetters = (length = 10) =>
  Array.from(randomBytes(length), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
