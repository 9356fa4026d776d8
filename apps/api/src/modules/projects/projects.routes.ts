import { projectListSchema, projectParamsSchema, projectSchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { findProjectBySlug, listOpenProjects } from './projects.repository.ts';

export const projectsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/projects',
    { schema: { response: { 200: projectListSchema, ...errorResponses } } },
    async () => ({ projects: await listOpenProjects(app.pg.pool) }),
  );

  app.get(
    '/api/projects/:slug',
    { schema: { params: projectParamsSchema, response: { 200: projectSchema, ...errorResponses } } },
    async (request) => {
      const project = await findProjectBySlug(app.pg.pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${request.params.slug}".`);
      // Only the public shape: zod's serializer drops the server-side fields.
      return project;
    },
  );
};
