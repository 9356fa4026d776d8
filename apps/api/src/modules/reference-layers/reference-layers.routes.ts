import {
  MAX_REFERENCE_LAYER_BYTES,
  projectParamsSchema,
  publicReferenceLayerListSchema,
  REFERENCE_LAYER_UPLOAD_TYPES,
  referenceLayerListSchema,
  referenceLayerParamsSchema,
  referenceLayerSchema,
  referenceLayerUpdateSchema,
  referenceLayerUploadQuerySchema,
  type StaffRole,
} from '@nabolag/schema';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireProjectRole, requireStaff } from '../auth/staff-auth.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import {
  deleteReferenceLayer,
  findReferenceLayer,
  listPublicReferenceLayers,
  listReferenceLayers,
  updateReferenceLayer,
} from './reference-layers.repository.ts';
import { importReferenceLayer } from './reference-layers.service.ts';

/** Who manages a project's reference layers, and who may see them all (hidden ones too). */
const EDITORS: StaffRole[] = ['planner'];
const READERS: StaffRole[] = ['planner', 'facilitator'];

/**
 * Reference layers: a planner uploads a GeoJSON, GeoPackage or KML file as the raw request body
 * (`?name=&lang=&colour=&filename=`), names it per language, colours, hides or deletes it; the
 * visible ones are public, for the resident map.
 */
export const referenceLayersRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  // The file arrives as the raw body; what it is, is decided by its bytes.
  app.addContentTypeParser(
    [...REFERENCE_LAYER_UPLOAD_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_REFERENCE_LAYER_BYTES },
    (_request, body, done) => done(null, body),
  );

  async function projectFor(request: FastifyRequest, slug: string, roles: StaffRole[]) {
    const project = await findProjectBySlug(pool, slug);
    if (!project) throw new AppError('PROJECT_NOT_FOUND');
    return { project, principal: requireProjectRole(request, roles, project.id) };
  }

  async function layerFor(request: FastifyRequest, id: string) {
    const layer = await findReferenceLayer(pool, id);
    if (!layer) throw new AppError('NOT_FOUND', 'There is no reference layer with this id.');
    return { layer, principal: requireProjectRole(request, EDITORS, layer.projectId) };
  }

  app.get(
    '/api/projects/:slug/reference-layers',
    {
      schema: {
        params: projectParamsSchema,
        response: { 200: publicReferenceLayerListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      reply.header('cache-control', 'public, max-age=60');
      return { layers: await listPublicReferenceLayers(pool, project.id) };
    },
  );

  app.get(
    '/api/staff/projects/:slug/reference-layers',
    {
      preHandler: requireStaff(pool, READERS),
      schema: { params: projectParamsSchema, response: { 200: referenceLayerListSchema, ...errorResponses } },
    },
    async (request) => {
      const { project } = await projectFor(request, request.params.slug, READERS);
      return { layers: await listReferenceLayers(pool, project.id) };
    },
  );

  app.post(
    '/api/staff/projects/:slug/reference-layers',
    {
      bodyLimit: MAX_REFERENCE_LAYER_BYTES,
      preHandler: requireStaff(pool, EDITORS),
      schema: {
        params: projectParamsSchema,
        querystring: referenceLayerUploadQuerySchema,
        body: z.instanceof(Buffer, { message: 'send the file as the request body' }),
        response: {
          201: z.object({ layer: referenceLayerSchema, notes: z.array(z.string()) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { project, principal } = await projectFor(request, request.params.slug, EDITORS);
      const result = await importReferenceLayer(pool, {
        projectId: project.id,
        userId: principal.userId,
        bytes: request.body,
        query: request.query,
      });
      return reply.status(201).send(result);
    },
  );

  app.patch(
    '/api/staff/reference-layers/:id',
    {
      preHandler: requireStaff(pool, EDITORS),
      schema: {
        params: referenceLayerParamsSchema,
        body: referenceLayerUpdateSchema,
        response: { 200: referenceLayerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { layer, principal } = await layerFor(request, request.params.id);
      await withTransaction(pool, async (client) => {
        await updateReferenceLayer(client, layer.id, request.body);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'reference-layer.update',
          targetType: 'reference-layer',
          targetId: layer.id,
          projectId: layer.projectId,
          details: request.body,
        });
      });
      const { projectId: _projectId, ...updated } = (await findReferenceLayer(pool, layer.id)) ?? layer;
      return updated;
    },
  );

  app.delete(
    '/api/staff/reference-layers/:id',
    {
      preHandler: requireStaff(pool, EDITORS),
      schema: { params: referenceLayerParamsSchema, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const { layer, principal } = await layerFor(request, request.params.id);
      await withTransaction(pool, async (client) => {
        await deleteReferenceLayer(client, layer.id);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'reference-layer.delete',
          targetType: 'reference-layer',
          targetId: layer.id,
          projectId: layer.projectId,
          details: { names: layer.names },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
