import {
  exportQuerySchema,
  exportSummarySchema,
  languageTagSchema,
  projectParamsSchema,
  type StaffRole,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireProjectRole, requireStaff } from '../auth/staff-auth.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { buildExport, exportSummary } from './exports.service.ts';

/** Who may download a project's contributions: its planners (and admins, who hold every role). */
const EXPORTERS: StaffRole[] = ['planner'];

/** `filename*` (RFC 6266 / 5987) for any characters, `filename` in ASCII for old clients. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Whole-project downloads for GIS: GeoPackage, GeoJSON, CSV, KML and Shapefile, per category or
 * as one layer, in WGS 84 or a Norwegian metric CRS. Signed-in planners use their session; GIS
 * scripts an API token (Bearer, or HTTP Basic with the e-mail).
 */
export const exportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  async function plannerProject(request: Parameters<typeof requireProjectRole>[0], slug: string) {
    const project = await findProjectBySlug(pool, slug);
    if (!project) throw new AppError('PROJECT_NOT_FOUND');
    const principal = requireProjectRole(request, EXPORTERS, project.id);
    return { project, principal };
  }

  app.get(
    '/api/projects/:slug/export/summary',
    {
      preHandler: requireStaff(pool, EXPORTERS),
      schema: {
        params: projectParamsSchema,
        querystring: z.object({ lang: languageTagSchema.default('nb') }),
        response: { 200: exportSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { project } = await plannerProject(request, request.params.slug);
      reply.header('cache-control', 'private, no-store');
      return exportSummary(pool, project, request.query.lang);
    },
  );

  app.get(
    '/api/projects/:slug/export',
    {
      preHandler: requireStaff(pool, EXPORTERS),
      schema: { params: projectParamsSchema, querystring: exportQuerySchema },
    },
    async (request, reply) => {
      const { project, principal } = await plannerProject(request, request.params.slug);
      const origin = `${request.protocol}://${request.host}`;
      const download = await buildExport(pool, project, request.query, origin);
      await recordAudit(pool, {
        userId: principal.userId,
        action: 'project.export',
        targetType: 'project',
        targetId: project.id,
        projectId: project.id,
        details: { ...request.query, features: download.features },
      });
      reply
        .header('content-type', download.contentType)
        .header('content-disposition', contentDisposition(download.filename))
        .header('cache-control', 'private, no-store')
        // A progress hint: the page knows how many features are coming before the first byte.
        .header('x-feature-count', String(download.features));
      if (download.contentLength !== undefined)
        reply.header('content-length', String(download.contentLength));
      return reply.send(download.body);
    },
  );
};
