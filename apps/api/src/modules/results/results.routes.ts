import { projectParamsSchema, projectResultsSchema, resultsQuerySchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { featuredQuotes } from './featured-quotes.repository.ts';
import { publishedUpdates, resultAggregates } from './results.repository.ts';

/** The public results page of a project ("What we heard"): closing the loop for residents. */
export const resultsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  app.get(
    '/api/projects/:slug/results',
    {
      schema: {
        params: projectParamsSchema,
        querystring: resultsQuerySchema,
        response: { 200: projectResultsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${request.params.slug}".`);
      const cell = request.query.cell;
      const [aggregates, quotes, updates] = await Promise.all([
        resultAggregates(pool, {
          projectId: project.id,
          srid: project.analysisSrid,
          cellMetres: cell,
          k: project.k,
          categories: project.categories.map((category) => category.key),
          namer: app.placeNamer,
          log: request.log,
        }),
        featuredQuotes(pool, project.id),
        publishedUpdates(pool, project.id),
      ]);
      // Short: a planner who has just published an update expects to see it.
      reply.header('cache-control', 'public, max-age=10');
      return { k: project.k, cell, ...aggregates, quotes, updates };
    },
  );
};
