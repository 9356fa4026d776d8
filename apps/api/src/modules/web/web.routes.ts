import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Answers a page request the API has no route for; `undefined` when there is no web app. */
export type PageFallback = (reply: FastifyReply) => FastifyReply;

/**
 * Serves the built web app (Vite's `dist`) from the same port as the API: hashed assets with a
 * long cache. Returns the fallback that sends `index.html` for the app's own routes
 * (`/p/:slug`, …), or a page saying the app is not built.
 */
export async function registerWebApp(app: FastifyInstance, distDirectory: string): Promise<PageFallback> {
  const indexFile = path.join(distDirectory, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn(
      `The web app is not built (${indexFile} is missing); run "pnpm build". The API works without it.`,
    );
    return (reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><title>Nabolag</title><p>The web app is not built yet. Run <code>pnpm build</code>.</p>',
        );
  }
  await app.register(fastifyStatic, {
    root: distDirectory,
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
  return (reply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
}
