import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenListSchema,
  auditListSchema,
  staffUserSchema,
  userCreateSchema,
  userListSchema,
  userParamsSchema,
  userUpdateSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { listAudit, recordAudit } from '../audit/audit.repository.ts';
import { deleteSessionsOfUser } from '../auth/sessions.repository.ts';
import { API_TOKEN_PREFIX, newSecret, requireStaff } from '../auth/staff-auth.ts';
import { hashToken } from '../contributions/participant-token.ts';
import { hashPassword } from './passwords.ts';
import {
  findUser,
  insertApiToken,
  insertUser,
  listApiTokens,
  listUsers,
  replaceProjectRoles,
  revokeApiToken,
  updateUser,
} from './users.repository.ts';

/** User administration (instance admins), one's own API tokens (any staff) and the audit log (admins). */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const adminsOnly = requireStaff(pool, ['admin']);
  const anyStaff = requireStaff(pool, 'any');
  const actor = (request: { staff?: { userId: string } }) => request.staff?.userId ?? null;

  app.get(
    '/api/staff/users',
    { preHandler: adminsOnly, schema: { response: { 200: userListSchema, ...errorResponses } } },
    async () => ({ users: await listUsers(pool) }),
  );

  app.post(
    '/api/staff/users',
    {
      preHandler: adminsOnly,
      schema: { body: userCreateSchema, response: { 201: staffUserSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const passwordHash = await hashPassword(request.body.password);
      const id = await withTransaction(pool, async (client) => {
        const created = await insertUser(client, { ...request.body, passwordHash });
        if (!created) throw new AppError('EMAIL_TAKEN');
        const unknown = await replaceProjectRoles(client, created, request.body.projectRoles);
        if (unknown.length > 0) {
          throw new AppError('PROJECT_NOT_FOUND', `There is no project ${unknown.join(', ')}.`);
        }
        await recordAudit(client, {
          userId: actor(request),
          action: 'user.create',
          targetType: 'user',
          targetId: created,
          details: {
            email: request.body.email,
            roles: request.body.roles,
            projectRoles: request.body.projectRoles,
          },
        });
        return created;
      });
      return reply
        .status(201)
        .send((await findUser(pool, id)) as NonNullable<Awaited<ReturnType<typeof findUser>>>);
    },
  );

  app.patch(
    '/api/staff/users/:id',
    {
      preHandler: adminsOnly,
      schema: {
        params: userParamsSchema,
        body: userUpdateSchema,
        response: { 200: staffUserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { password, projectRoles, ...changes } = request.body;
      const passwordHash = password ? await hashPassword(password) : undefined;
      await withTransaction(pool, async (client) => {
        if (!(await updateUser(client, request.params.id, { ...changes, passwordHash }))) {
          throw new AppError('USER_NOT_FOUND');
        }
        if (projectRoles) {
          const unknown = await replaceProjectRoles(client, request.params.id, projectRoles);
          if (unknown.length > 0)
            throw new AppError('PROJECT_NOT_FOUND', `There is no project ${unknown.join(', ')}.`);
        }
        // A new password or a disabled account signs the user out everywhere.
        if (password || changes.disabled) await deleteSessionsOfUser(client, request.params.id);
        await recordAudit(client, {
          userId: actor(request),
          action: password ? 'user.reset-password' : 'user.update',
          targetType: 'user',
          targetId: request.params.id,
          details: { ...changes, ...(projectRoles ? { projectRoles } : {}) },
        });
      });
      return (await findUser(pool, request.params.id)) as NonNullable<Awaited<ReturnType<typeof findUser>>>;
    },
  );

  app.get(
    '/api/staff/tokens',
    { preHandler: anyStaff, schema: { response: { 200: apiTokenListSchema, ...errorResponses } } },
    async (request) => ({ tokens: await listApiTokens(pool, request.staff?.userId as string) }),
  );

  app.post(
    '/api/staff/tokens',
    {
      preHandler: anyStaff,
      schema: { body: apiTokenCreateSchema, response: { 201: apiTokenCreatedSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const token = newSecret(API_TOKEN_PREFIX);
      const userId = request.staff?.userId as string;
      const stored = await insertApiToken(pool, userId, request.body.name, hashToken(token));
      await recordAudit(pool, {
        userId,
        action: 'token.create',
        targetType: 'api-token',
        targetId: stored.id,
      });
      return reply.status(201).send({ ...stored, token });
    },
  );

  app.delete(
    '/api/staff/tokens/:id',
    {
      preHandler: anyStaff,
      schema: { params: userParamsSchema, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const userId = request.staff?.userId as string;
      if (!(await revokeApiToken(pool, userId, request.params.id))) {
        throw new AppError('NOT_FOUND', 'You have no API token with this id.');
      }
      await recordAudit(pool, {
        userId,
        action: 'token.revoke',
        targetType: 'api-token',
        targetId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/staff/audit',
    {
      preHandler: adminsOnly,
      schema: {
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.string().regex(/^\d+$/).optional(),
        }),
        response: { 200: auditListSchema, ...errorResponses },
      },
    },
    async (request) => ({ entries: await listAudit(pool, request.query) }),
  );
};
