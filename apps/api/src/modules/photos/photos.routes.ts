import {
  contributionParamsSchema,
  MAX_PHOTO_BYTES,
  PHOTO_UPLOAD_TYPES,
  photoStoredSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, unwrap } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { findOwnedContribution } from '../contributions/contributions.service.ts';
import { requireParticipantToken } from '../contributions/participant-token.ts';
import { processPhoto } from './photo-processing.ts';
import { deletePhoto, findPublicPhoto, upsertPhoto } from './photos.repository.ts';

const authorizationHeaders = z.object({ authorization: z.string().optional() });

/** Photos: uploaded as the raw image body by the contribution's participant, served to everyone once published. */
export const photosRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  // The image arrives as the raw body; what it is, is decided by its bytes (processPhoto).
  app.addContentTypeParser(
    [...PHOTO_UPLOAD_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
    (_r, body, done) => done(null, body),
  );

  app.put(
    '/api/contributions/:id/photo',
    {
      bodyLimit: MAX_PHOTO_BYTES,
      schema: {
        params: contributionParamsSchema,
        headers: authorizationHeaders,
        body: z.instanceof(Buffer),
        response: { 201: photoStoredSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = requireParticipantToken(request.headers.authorization);
      unwrap(await findOwnedContribution(pool, request.params.id, token));
      const photo = unwrap(await processPhoto(request.body));
      await upsertPhoto(pool, request.params.id, photo);
      return reply.status(201).send({
        url: `/api/contributions/${request.params.id}/photo`,
        width: photo.width,
        height: photo.height,
      });
    },
  );

  app.delete(
    '/api/contributions/:id/photo',
    {
      schema: {
        params: contributionParamsSchema,
        headers: authorizationHeaders,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = requireParticipantToken(request.headers.authorization);
      unwrap(await findOwnedContribution(pool, request.params.id, token));
      if (!(await deletePhoto(pool, request.params.id))) throw new AppError('PHOTO_NOT_FOUND');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/contributions/:id/photo',
    { schema: { params: contributionParamsSchema } },
    async (request, reply) => {
      const photo = await findPublicPhoto(pool, request.params.id);
      if (!photo) throw new AppError('PHOTO_NOT_FOUND');
      const etag = `"${request.params.id}-${photo.version}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(photo.contentType).header('x-content-type-options', 'nosniff').send(photo.bytes);
    },
  );
};
