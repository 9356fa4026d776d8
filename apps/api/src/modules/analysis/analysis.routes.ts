import { heatmapCollectionSchema, heatmapQuerySchema, projectParamsSchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { hexHeatmap } from './heatmap.repository.ts';

/** Public, k-anonymous aggregates of a project's contributions. */
export const analysisRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  app.get(
    '/api/projects/:slug/heatmap',
    {
      schema: {
        params: projectParamsSchema,
        querystring: heatmapQuerySchema,
        response: { 200: heatmapCollectionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${request.params.slug}".`);
      const features = await hexHeatmap(pool, {
        projectId: project.id,
        srid: project.analysisSrid,
        cellMetres: request.query.cell,
        k: project.k,
        categories: request.query.category,
        sessionCode: request.query.session,
        bbox: request.query.bbox,
      });
      reply.header('cache-control', 'public, max-age=30');
      return { type: 'FeatureCollection' as const, features, cell: request.query.cell, k: project.k };
    },
  );
};
