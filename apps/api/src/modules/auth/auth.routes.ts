import { loginSchema, staffSessionSchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { countRequest, LOGIN_RATE, refuseIfLimited } from '../../http/rate-limit.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { hashToken } from '../contributions/participant-token.ts';
import { verifyPassword } from '../users/passwords.ts';
import { findUserForLogin } from '../users/users.repository.ts';
import {
  createSession,
  deleteSession,
  findIdentityByUserId,
  SESSION_MAX_DAYS,
  toStaffMe,
} from './sessions.repository.ts';
import { csrfTokenFor, newSecret, requireStaff, SESSION_COOKIE } from './staff-auth.ts';

// A real hash to compare against when the e-mail is unknown, so the answer takes as long
// either way and does not tell which addresses have accounts.
const DECOY_HASH =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Staff sign-in with e-mail and password; the session is an HttpOnly, SameSite=Lax cookie. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  app.post(
    '/api/auth/login',
    { schema: { body: loginSchema, response: { 200: staffSessionSchema, ...errorResponses } } },
    async (request, reply) => {
      // Only failed attempts count towards the limit.
      const subject = `${request.ip}|${request.body.email}`;
      await refuseIfLimited(app, LOGIN_RATE, subject);
      const account = await findUserForLogin(pool, request.body.email);
      const matches = await verifyPassword(request.body.password, account?.passwordHash ?? DECOY_HASH);
      if (!account || !matches || account.disabled) {
        await countRequest(app, LOGIN_RATE, subject);
        throw new AppError('INVALID_CREDENTIALS');
      }

      const sessionToken = newSecret();
      await createSession(pool, account.id, hashToken(sessionToken));
      await recordAudit(pool, {
        userId: account.id,
        action: 'auth.login',
        targetType: 'user',
        targetId: account.id,
      });
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        // Secure whenever the browser reached us over HTTPS (directly or through the proxy).
        secure: request.protocol === 'https',
        maxAge: SESSION_MAX_DAYS * 24 * 3600,
      });
      reply.header('cache-control', 'no-store');
      const identity = await findIdentityByUserId(pool, account.id);
      if (!identity) throw new AppError('INVALID_CREDENTIALS');
      return { user: toStaffMe(identity), csrfToken: csrfTokenFor(sessionToken) };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { response: { 204: z.null(), ...errorResponses } }, preHandler: requireStaff(pool, 'any') },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(pool, hashToken(token));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { response: { 200: staffSessionSchema, ...errorResponses } },
      preHandler: requireStaff(pool, 'any'),
    },
    async (request, reply) => {
      const principal = request.staff as NonNullable<typeof request.staff>;
      reply.header('cache-control', 'no-store');
      return {
        user: toStaffMe(principal),
        csrfToken: principal.sessionToken ? csrfTokenFor(principal.sessionToken) : '',
      };
    },
  );
};
