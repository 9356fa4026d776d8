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
import { authorizationHeaders } from '../../http/headers.ts';
import { findOwnedContribution } from '../contributions/contributions.service.ts';
import {
  hashToken,
  readParticipantToken,
  requireParticipantToken,
} from '../contributions/participant-token.ts';
import { processPhoto } from './photo-processing.ts';
import { deletePhoto, findPhoto, upsertPhoto } from './photos.repository.ts';

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
    {
      schema: {
        params: contributionParamsSchema,
        headers: authorizationHeaders,
        // `v` is the photo's version: a new address whenever it is replaced, so caches never show an old one.
        querystring: z.object({ v: z.string().max(40).optional() }),
      },
    },
    async (request, reply) => {
      // The participant sees their own photo while it waits for a moderator; everyone else once published.
      const token = readParticipantToken(request.headers.authorization);
      const photo = await findPhoto(pool, request.params.id, token ? hashToken(token) : undefined);
      if (!photo) throw new AppError('PHOTO_NOT_FOUND');
      const etag = `"${request.params.id}-${photo.version}"`;
      reply
        .header('etag', etag)
        .header('cache-control', photo.public && !token ? 'public, max-age=300' : 'private, no-store');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(photo.contentType).header('x-content-type-options', 'nosniff').send(photo.bytes);
    },
  );
};
