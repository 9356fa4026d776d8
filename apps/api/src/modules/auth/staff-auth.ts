import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffRole } from '@nabolag/schema';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type pg from 'pg';
import { AppError } from '../../errors.ts';
import { hashToken } from '../contributions/participant-token.ts';
import { findIdentityByApiToken, type StaffIdentity, touchSession } from './sessions.repository.ts';

export const SESSION_COOKIE = 'nabolag_session';
/** API tokens carry a prefix so that they are never mistaken for participant tokens. */
export const API_TOKEN_PREFIX = 'nbl_';

export interface StaffPrincipal extends StaffIdentity {
  /** How the caller proved who they are; only cookie sessions need the CSRF header. */
  via: 'session' | 'api-token';
  /** The session cookie's secret (for the CSRF token), when `via` is `session`. */
  sessionToken?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, once `requireStaff` has run. */
    staff?: StaffPrincipal;
  }
}

export const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

/**
 * The CSRF token of a session: an HMAC of the session's secret, so the server recomputes it
 * rather than storing it. A cross-site page can make the browser send the cookie, but cannot
 * read this token to put it in the `X-CSRF-Token` header.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('nabolag-csrf-v1').digest('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Finds who is calling: a session cookie, `Authorization: Bearer nbl_…`, or HTTP Basic (e-mail, API token). */
export async function resolveStaff(
  pool: pg.Pool,
  request: FastifyRequest,
): Promise<StaffPrincipal | undefined> {
  const authorization = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(nbl_[A-Za-z0-9_-]{20,200})$/i.exec(authorization)?.[1];
  if (bearer) {
    const identity = await findIdentityByApiToken(pool, hashToken(bearer));
    return identity && { ...identity, via: 'api-token' };
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const email = decoded.slice(0, separator);
    const token = decoded.slice(separator + 1);
    if (separator < 1 || !token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const identity = await findIdentityByApiToken(pool, hashToken(token), email);
    return identity && { ...identity, via: 'api-token' };
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (sessionToken && /^[A-Za-z0-9_-]{20,200}$/.test(sessionToken)) {
    const identity = await touchSession(pool, hashToken(sessionToken));
    return identity && { ...identity, via: 'session', sessionToken };
  }
  return undefined;
}

/**
 * Whether the principal holds one of `roles` in the project (an admin there holds every role).
 * Roles come from the project's organisation or from the project alone; there are no
 * instance-wide roles, and being the operator gives none.
 */
export function holdsRole(principal: StaffIdentity, roles: readonly StaffRole[], projectId: string): boolean {
  return principal.projectRoles.some(
    (entry) => entry.projectId === projectId && (entry.role === 'admin' || roles.includes(entry.role)),
  );
}

/** The organisations the principal administers. */
export function adminOrganisations(principal: StaffIdentity) {
  return principal.organisations.filter((membership) => membership.roles.includes('admin'));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Signs the caller in (401 without a valid sign-in; 403 when a cookie write lacks the CSRF token). */
async function authenticate(pool: pg.Pool, request: FastifyRequest): Promise<StaffPrincipal> {
  const principal = await resolveStaff(pool, request);
  if (!principal) throw new AppError('UNAUTHORIZED', 'Sign in as staff to do this.');
  if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, csrfTokenFor(principal.sessionToken as string))) {
      throw new AppError('CSRF_FAILED');
    }
  }
  request.staff = principal;
  return principal;
}

/**
 * A preHandler for staff routes: 401 without a valid sign-in, 403 when a cookie-authenticated
 * write lacks the session's CSRF token, 403 without one of `roles` in some project or
 * organisation. The route then checks the role in its own project with `requireProjectRole`.
 */
export function requireStaff(pool: pg.Pool, roles: readonly StaffRole[] | 'any'): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await authenticate(pool, request);
    if (roles === 'any') return;
    const grants = (role: StaffRole) => role === 'admin' || roles.includes(role);
    const holdsSomewhere =
      principal.projectRoles.some((entry) => grants(entry.role)) ||
      principal.organisations.some((membership) => membership.roles.some(grants));
    if (!holdsSomewhere) throw new AppError('FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
  };
}

/**
 * A preHandler for organisation management: an admin of at least one organisation, or (when
 * `operator` allows it) the instance operator. The route then checks the organisation itself
 * (organisations/organisation-access.ts).
 */
export function requireOrganisationAdmin(
  pool: pg.Pool,
  options: { operator: boolean },
): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await authenticate(pool, request);
    if (options.operator && principal.operator) return;
    if (adminOrganisations(principal).length === 0) {
      throw new AppError('FORBIDDEN', 'This needs the role admin in an organisation.');
    }
  };
}

/** A preHandler for the instance operator's routes (creating organisations). */
export function requireOperator(pool: pg.Pool): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await authenticate(pool, request);
    if (!principal.operator) throw new AppError('FORBIDDEN', 'Only the instance operator may do this.');
  };
}

/** Inside a staff route: 403 unless the caller holds one of `roles` for this project. */
export function requireProjectRole(
  request: FastifyRequest,
  roles: readonly StaffRole[],
  projectId: string,
): StaffPrincipal {
  const principal = request.staff;
  if (!principal) throw new AppError('UNAUTHORIZED', 'Sign in as staff to do this.');
  if (!holdsRole(principal, roles, projectId)) {
    throw new AppError('FORBIDDEN', `This needs the role ${roles.join(' or ')} in this project.`);
  }
  return principal;
}
