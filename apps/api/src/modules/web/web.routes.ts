import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

/** Paths the single-page app never owns: unknown ones get a JSON 404, not the app's page. */
const API_PREFIXES = ['/api/', '/ogc', '/tiles/'];

/**
 * Serves the built web app (Vite's `dist`) from the same port as the API: hashed assets with a
 * long cache, and `index.html` for every other GET so the app's own routes (`/p/:slug`, …) load.
 */
export async function webRoutes(app: FastifyInstance, options: { distDirectory: string }): Promise<void> {
  const indexFile = path.join(options.distDirectory, 'index.html');
  const built = existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: options.distDirectory,
      wildcard: false,
      index: false,
      setHeaders(response, filePath) {
        response.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  } else {
    app.log.warn(
      `The web app is not built (${indexFile} is missing); run "pnpm build". The API works without it.`,
    );
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' || request.method === 'HEAD';
    if (!wantsPage || API_PREFIXES.some((prefix) => pathname.startsWith(prefix)) || path.extname(pathname)) {
      throw new AppError('NOT_FOUND', `There is nothing at ${request.method} ${pathname}.`);
    }
    if (!built) {
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><title>Nabolag</title><p>The web app is not built yet. Run <code>pnpm build</code>.</p>',
        );
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
