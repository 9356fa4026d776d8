import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenListSchema,
  auditListSchema,
  organisationSlugSchema,
  userParamsSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { listAudit, recordAudit } from '../audit/audit.repository.ts';
import {
  API_TOKEN_PREFIX,
  adminOrganisations,
  newSecret,
  requireOrganisationAdmin,
  requireStaff,
  type StaffPrincipal,
} from '../auth/staff-auth.ts';
import { hashToken } from '../contributions/participant-token.ts';
import { organisationToManage } from '../organisations/organisation-access.ts';
import { membersRoutes } from './members.routes.ts';
import { insertApiToken, listApiTokens, revokeApiToken } from './users.repository.ts';

/** One's own API tokens (any staff), the audit log (organisation admins, the operator) and members. */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const anyStaff = requireStaff(pool, 'any');
  await app.register(membersRoutes);

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

  // Admins see their organisations' entries; the operator sees every entry (instance-wide ones too).
  app.get(
    '/api/staff/audit',
    {
      preHandler: requireOrganisationAdmin(pool, { operator: true }),
      schema: {
        querystring: z.object({
          organisation: organisationSlugSchema.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.string().regex(/^\d+$/).optional(),
        }),
        response: { 200: auditListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = request.staff as StaffPrincipal;
      const { organisation: slug, ...page } = request.query;
      let organisationIds: string[] | undefined;
      if (slug !== undefined) {
        organisationIds = [(await organisationToManage(pool, principal, slug, { operator: true })).id];
      } else if (!principal.operator) {
        organisationIds = adminOrganisations(principal).map((entry) => entry.organisationId);
      }
      return { entries: await listAudit(pool, { ...page, organisationIds }) };
    },
  );
};
