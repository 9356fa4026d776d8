import { participantDataSchema, participantProfileSchema, projectParamsSchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { authorizationHeaders } from '../../http/headers.ts';
import { hashToken, requireParticipantToken } from '../contributions/participant-token.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { onlyAskedAnswers } from './asked-answers.ts';
import {
  deleteParticipant,
  findParticipantByToken,
  findParticipantProfile,
  listOwnContributions,
  replaceParticipantProfile,
} from './participants.repository.ts';

/**
 * The participant's own data, by their token: see it, change the background answers, and delete
 * all of it (the right to erasure) — `/api/projects/:slug/me`.
 */
export const participantsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  async function projectOr404(slug: string) {
    const project = await findProjectBySlug(pool, slug);
    if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${slug}".`);
    return project;
  }
  const projectId = async (slug: string) => (await projectOr404(slug)).id;

  app.get(
    '/api/projects/:slug/me',
    {
      schema: {
        params: projectParamsSchema,
        headers: authorizationHeaders,
        response: { 200: participantDataSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = requireParticipantToken(request.headers.authorization);
      const participantId = await findParticipantByToken(
        pool,
        await projectId(request.params.slug),
        hashToken(token),
      );
      reply.header('cache-control', 'no-store');
      if (!participantId) return { participantId: null, profile: {}, contributions: [] };
      return {
        participantId,
        profile: await findParticipantProfile(pool, participantId),
        contributions: await listOwnContributions(pool, participantId),
      };
    },
  );

  app.patch(
    '/api/projects/:slug/me',
    {
      schema: {
        params: projectParamsSchema,
        headers: authorizationHeaders,
        body: z.object({ profile: participantProfileSchema }).strict(),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = requireParticipantToken(request.headers.authorization);
      const project = await projectOr404(request.params.slug);
      const id = project.id;
      // Answers belong to someone who contributed; this is no way to create participants. The
      // answers given replace the earlier ones, so an answer can be taken back.
      const participantId = await findParticipantByToken(pool, id, hashToken(token));
      if (!participantId)
        throw new AppError('NOT_FOUND', 'This token has made no contribution to this project yet.');
      await replaceParticipantProfile(
        pool,
        participantId,
        onlyAskedAnswers(request.body.profile, project.backgroundQuestions) ?? {},
      );
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/projects/:slug/me',
    {
      schema: {
        params: projectParamsSchema,
        headers: authorizationHeaders,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = requireParticipantToken(request.headers.authorization);
      const participantId = await findParticipantByToken(
        pool,
        await projectId(request.params.slug),
        hashToken(token),
      );
      if (participantId) await deleteParticipant(pool, participantId);
      return reply.status(204).send(null);
    },
  );
};
