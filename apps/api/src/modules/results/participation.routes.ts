import { projectParamsSchema, projectParticipationSchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Queryable } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { cachedAnalysis } from '../analysis/analysis-cache.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';

/**
 * Published contributions and the distinct people behind them. Cached per data version (the
 * results page's cache), so the resident map's welcome costs one small version query per visit.
 */
async function publishedTotals(db: Queryable, projectId: string) {
  return cachedAnalysis(db, projectId, 'participation', async () => {
    const { rows } = await db.query<{ contributions: number; participants: number }>(
      `SELECT count(*)::int AS contributions, count(DISTINCT participant_id)::int AS participants
       FROM contributions WHERE project_id = $1 AND status = 'published'`,
      [projectId],
    );
    return rows[0] ?? { contributions: 0, participants: 0 };
  });
}

/** How many neighbours have taken part, for the welcome of the resident map. */
export const participationRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  app.get(
    '/api/projects/:slug/participation',
    {
      schema: {
        params: projectParamsSchema,
        response: { 200: projectParticipationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${request.params.slug}".`);
      const totals = await publishedTotals(pool, project.id);
      // A minute: the count only has to feel alive, and a busy project is asked on every visit.
      reply.header('cache-control', 'public, max-age=60');
      return {
        contributions: totals.contributions,
        // Below k people, a count could single someone out ("2 neighbours": you and the one next door).
        participants: totals.participants >= project.k ? totals.participants : null,
      };
    },
  );
};
