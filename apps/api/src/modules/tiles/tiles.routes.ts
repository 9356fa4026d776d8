import { categoryKeySchema, MAX_CELL_METRES, MIN_CELL_METRES, projectSlugSchema } from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { databaseHasMvt } from './tiles.repository.ts';
import { contributionsTile, heatmapTile, type TileEncoder, tileEtag } from './tiles.service.ts';

/** Deepest zoom served: z 22 is about 4 cm per pixel, far below a contribution's precision. */
const MAX_ZOOM = 22;
const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

const tileParams = z
  .object({
    slug: projectSlugSchema,
    z: z.coerce.number().int().min(0).max(MAX_ZOOM, `z must be 0–${MAX_ZOOM}`),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((tile) => tile.x < 2 ** tile.z && tile.y < 2 ** tile.z, 'x and y must be below 2^z');

const categoryList = z
  .string()
  .transform((value) => value.split(',').filter((part) => part.length > 0))
  .pipe(z.array(categoryKeySchema).min(1).max(50))
  .optional();

/**
 * Public vector tiles (Mapbox Vector Tile 2.1, XYZ scheme):
 * - `/tiles/:slug/contributions/{z}/{x}/{y}.mvt` — published contributions (layer `contributions`);
 * - `/tiles/:slug/heatmap/{z}/{x}/{y}.mvt?cell=200` — k-anonymous hexagons (layer `heatmap`).
 * Both take `category=a,b`. Tiles carry an ETag; a matching If-None-Match gets 304.
 */
export const tilesRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  let encoder: Promise<TileEncoder> | undefined;
  const tileEncoder = () => {
    encoder ??= databaseHasMvt(pool).then((has) => (has ? 'postgis' : 'js'));
    return encoder;
  };

  async function sendTile(
    request: { headers: Record<string, string | string[] | undefined> },
    reply: import('fastify').FastifyReply,
    tile: Buffer,
  ) {
    const etag = tileEtag(tile);
    reply
      .header('etag', etag)
      // Contributions arrive all the time: a minute's staleness is fine on a map, and the ETag
      // makes revalidation cheap.
      .header('cache-control', 'public, max-age=60')
      .header('access-control-allow-origin', '*');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type(MVT_TYPE).send(tile);
  }

  async function projectOf(slug: string) {
    const project = await findProjectBySlug(pool, slug);
    if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${slug}".`);
    return project;
  }

  app.get(
    '/tiles/:slug/contributions/:z/:x/:y.mvt',
    { schema: { params: tileParams, querystring: z.object({ category: categoryList }) } },
    async (request, reply) => {
      const project = await projectOf(request.params.slug);
      const tile = await contributionsTile(
        pool,
        await tileEncoder(),
        project,
        request.params,
        request.query.category,
      );
      return sendTile(request, reply, tile);
    },
  );

  app.get(
    '/tiles/:slug/heatmap/:z/:x/:y.mvt',
    {
      schema: {
        params: tileParams,
        querystring: z.object({
          category: categoryList,
          cell: z.coerce
            .number()
            .int()
            .min(MIN_CELL_METRES, `cell must be ${MIN_CELL_METRES}–${MAX_CELL_METRES} metres`)
            .max(MAX_CELL_METRES, `cell must be ${MIN_CELL_METRES}–${MAX_CELL_METRES} metres`)
            .default(200),
        }),
      },
    },
    async (request, reply) => {
      const project = await projectOf(request.params.slug);
      const tile = await heatmapTile(pool, await tileEncoder(), project, request.params, {
        cellMetres: request.query.cell,
        categories: request.query.category,
      });
      return sendTile(request, reply, tile);
    },
  );
};
