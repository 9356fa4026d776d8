import {
  contributionCreatedSchema,
  contributionCreateSchema,
  contributionListQuerySchema,
  contributionParamsSchema,
  contributionUpdateSchema,
  projectParamsSchema,
  publicContributionCollectionSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, unwrap } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { authorizationHeaders } from '../../http/headers.ts';
import { CONTRIBUTE_RATE, rateLimitCounter, WORKSHOP_CONTRIBUTE_RATE } from '../../http/rate-limit.ts';
import { createProjectCache } from '../projects/project-cache.ts';
import { findProjectById, findProjectBySlug } from '../projects/projects.repository.ts';
import { announceContribution, announceRemoval, sessionOfContribution } from '../workshop/live-events.ts';
import { createContributionWriter } from './contribution-writer.ts';
import { listPublicContributions } from './contributions.repository.ts';
import { createContribution, editContribution, removeContribution } from './contributions.service.ts';
import { readParticipantToken, requireParticipantToken } from './participant-token.ts';

export const contributionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  // The write path reads projects from memory; see project-cache.ts for how it stays current.
  const projects = createProjectCache(pool);
  // Contributions that arrive while the database is busy are stored together (contribution-writer.ts).
  const writer = createContributionWriter(pool, { prepared: app.databaseKind === 'postgres' });

  async function projectOr404(slug: string) {
    const project = await findProjectBySlug(pool, slug);
    if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${slug}".`);
    return project;
  }

  app.post(
    '/api/projects/:slug/contributions',
    {
      schema: {
        params: projectParamsSchema,
        headers: authorizationHeaders,
        body: contributionCreateSchema,
        response: { 200: contributionCreatedSchema, 201: contributionCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = readParticipantToken(request.headers.authorization);
      // A workshop's tablets share one address: they are counted per session code instead.
      const session = request.body.session?.toUpperCase();
      const { slug } = request.params;
      const project = await projects.get(slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${slug}".`);
      const outcome = unwrap(
        await createContribution(pool, project, request.body, token, {
          store: writer.store,
          // Counted in the statement that stores the contribution: no round trip of its own.
          rateLimit: rateLimitCounter(
            app,
            session ? WORKSHOP_CONTRIBUTE_RATE : CONTRIBUTE_RATE,
            session ? `session:${session}` : `ip:${request.ip}`,
          ),
          reloadProject: () => {
            projects.forget(slug);
            return projects.get(slug);
          },
        }),
      );
      if (outcome.created && request.body.session)
        await announceContribution(pool, app.sessionBus, outcome.body.id);
      reply.header('cache-control', 'no-store');
      return reply.status(outcome.created ? 201 : 200).send(outcome.body);
    },
  );

  app.get(
    '/api/projects/:slug/contributions',
    {
      schema: {
        params: projectParamsSchema,
        querystring: contributionListQuerySchema,
        response: { 200: publicContributionCollectionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectOr404(request.params.slug);
      const { features, truncated } = await listPublicContributions(pool, project.id, {
        bbox: request.query.bbox,
        categories: request.query.category,
        limit: request.query.limit,
      });
      reply.header('cache-control', 'no-cache');
      return { type: 'FeatureCollection' as const, features, truncated };
    },
  );

  app.patch(
    '/api/contributions/:id',
    {
      schema: {
        params: contributionParamsSchema,
        headers: authorizationHeaders,
        body: contributionUpdateSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = requireParticipantToken(request.headers.authorization);
      unwrap(
        await editContribution(
          pool,
          (id) => findProjectById(pool, id),
          request.params.id,
          token,
          request.body,
        ),
      );
      await announceContribution(pool, app.sessionBus, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/contributions/:id',
    {
      schema: {
        params: contributionParamsSchema,
        headers: authorizationHeaders,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = requireParticipantToken(request.headers.authorization);
      const sessionId = await sessionOfContribution(pool, request.params.id);
      unwrap(await removeContribution(pool, request.params.id, token));
      await announceRemoval(pool, app.sessionBus, sessionId, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
