import {
  contributionParamsSchema,
  moderationActionSchema,
  moderationListSchema,
  moderationQueueQuerySchema,
  projectParamsSchema,
  reportSchema,
  type StaffRole,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { enforceRateLimit } from '../../http/rate-limit.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireProjectRole, requireStaff } from '../auth/staff-auth.ts';
import { deleteContribution } from '../contributions/contributions.repository.ts';
import { deleteParticipant } from '../participants/participants.repository.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { announceContribution, announceRemoval, sessionOfContribution } from '../workshop/live-events.ts';
import {
  findAnyPhoto,
  findContributionProject,
  insertFlags,
  listModerationQueue,
  setModerationStatus,
} from './moderation.repository.ts';

/** Who may moderate a project's contributions. */
const MODERATORS: StaffRole[] = ['admin', 'planner', 'facilitator'];

export const moderationRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const moderators = requireStaff(pool, MODERATORS);
  const admins = requireStaff(pool, ['admin']);

  async function contributionOr404(id: string) {
    const found = await findContributionProject(pool, id);
    if (!found) throw new AppError('CONTRIBUTION_NOT_FOUND');
    return found;
  }

  app.get(
    '/api/staff/projects/:slug/moderation',
    {
      preHandler: moderators,
      schema: {
        params: projectParamsSchema,
        querystring: moderationQueueQuerySchema,
        response: { 200: moderationListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      requireProjectRole(request, MODERATORS, project.id);
      return { items: await listModerationQueue(pool, project.id, request.query.queue, request.query.limit) };
    },
  );

  app.post(
    '/api/staff/contributions/:id/moderation',
    {
      preHandler: moderators,
      schema: {
        params: contributionParamsSchema,
        body: moderationActionSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const contribution = await contributionOr404(request.params.id);
      const principal = requireProjectRole(request, MODERATORS, contribution.projectId);
      const action = request.body;
      await withTransaction(pool, async (client) => {
        await setModerationStatus(
          client,
          request.params.id,
          action.action === 'hide' ? 'hidden' : 'published',
          action.action === 'hide' ? action.reason : null,
        );
        await recordAudit(client, {
          userId: principal.userId,
          action: `contribution.${action.action}`,
          targetType: 'contribution',
          targetId: request.params.id,
          projectId: contribution.projectId,
          details:
            action.action === 'hide'
              ? { reason: action.reason, was: contribution.status }
              : { was: contribution.status },
        });
      });
      await announceContribution(pool, app.sessionBus, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/staff/contributions/:id/photo',
    { preHandler: moderators, schema: { params: contributionParamsSchema } },
    async (request, reply) => {
      const contribution = await contributionOr404(request.params.id);
      requireProjectRole(request, MODERATORS, contribution.projectId);
      const photo = await findAnyPhoto(pool, request.params.id);
      if (!photo) throw new AppError('PHOTO_NOT_FOUND');
      return reply.type(photo.contentType).header('cache-control', 'private, no-store').send(photo.bytes);
    },
  );

  app.delete(
    '/api/staff/contributions/:id',
    {
      preHandler: moderators,
      schema: { params: contributionParamsSchema, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const contribution = await contributionOr404(request.params.id);
      const principal = requireProjectRole(request, MODERATORS, contribution.projectId);
      const sessionId = await sessionOfContribution(pool, request.params.id);
      await withTransaction(pool, async (client) => {
        await deleteContribution(client, request.params.id);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'contribution.delete',
          targetType: 'contribution',
          targetId: request.params.id,
          projectId: contribution.projectId,
        });
      });
      await announceRemoval(pool, app.sessionBus, sessionId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  // A data-protection request: the resident names one of their contributions, an admin erases
  // the participant behind it with everything they gave.
  app.delete(
    '/api/staff/contributions/:id/participant',
    {
      preHandler: admins,
      schema: { params: contributionParamsSchema, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const contribution = await contributionOr404(request.params.id);
      const principal = requireProjectRole(request, ['admin'], contribution.projectId);
      await withTransaction(pool, async (client) => {
        await deleteParticipant(client, contribution.participantId);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'participant.erase',
          targetType: 'participant',
          targetId: contribution.participantId,
          projectId: contribution.projectId,
          details: { via: request.params.id },
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/contributions/:id/report',
    {
      schema: {
        params: contributionParamsSchema,
        body: reportSchema,
        response: { 202: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await enforceRateLimit(app, { name: 'report', limit: 20, windowSeconds: 3600 }, `ip:${request.ip}`);
      const contribution = await findContributionProject(pool, request.params.id);
      if (contribution?.status !== 'published') throw new AppError('CONTRIBUTION_NOT_FOUND');
      await insertFlags(pool, request.params.id, [{ source: 'report', reason: request.body.reason }]);
      return reply.status(202).send(null);
    },
  );
};
