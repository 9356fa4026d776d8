import {
  bboxQuerySchema,
  followUpColumns,
  followUpRowValues,
  pickText,
  type StaffRole,
} from '@nabolag/schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { hexHeatmap } from '../analysis/heatmap.repository.ts';
import { holdsRole, resolveStaff, type StaffPrincipal } from '../auth/staff-auth.ts';
import { listQuestionSets } from '../follow-up/follow-up.repository.ts';
import { findProjectBySlug, listStaffProjects, type StoredProject } from '../projects/projects.repository.ts';
import { listRawFeatures } from './ogc.repository.ts';
import { escapeHtml, featureTable, htmlPage, linkList } from './ogc-html.ts';

/** OGC API – Features, Part 1: Core, with GeoJSON and HTML. */
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const DEFAULT_LIMIT = 100;
/** Most features one page may hold; larger `limit`s are capped, as the standard allows. */
const MAX_LIMIT = 10_000;
/** Hexagon size of the public aggregate collections, in metres. */
const AGGREGATE_CELL_METRES = 200;
/** Who may read raw contributions through the GIS endpoint. */
const RAW_READERS: StaffRole[] = ['admin', 'planner'];

/**
 * A collection id: `<project>.<category>` (raw contributions, staff), `<project>.heatmap` or
 * `<project>.heatmap.<category>` (k-anonymous hex aggregates, public). Slugs and keys hold no dots.
 */
function parseCollectionId(
  id: string,
): { slug: string; kind: 'raw' | 'heatmap'; category?: string } | undefined {
  const parts = id.split('.');
  if (parts.length === 2 && parts[1] === 'heatmap') return { slug: parts[0] as string, kind: 'heatmap' };
  if (parts.length === 3 && parts[1] === 'heatmap')
    return { slug: parts[0] as string, kind: 'heatmap', category: parts[2] };
  if (parts.length === 2) return { slug: parts[0] as string, kind: 'raw', category: parts[1] };
  return undefined;
}

const itemsQuerySchema = z.object({
  bbox: bboxQuerySchema.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be at least 1')
    .default(DEFAULT_LIMIT)
    .transform((limit) => Math.min(limit, MAX_LIMIT)),
  offset: z.coerce.number().int().min(0).default(0),
  /** An instant or an interval `start/end`, either end `..` for open (RFC 3339). */
  datetime: z
    .string()
    .regex(
      /^(\.\.|[0-9T:.+\-Z]+)(\/(\.\.|[0-9T:.+\-Z]+))?$/,
      'datetime must be an RFC 3339 instant or interval',
    )
    .optional(),
  f: z.enum(['json', 'html']).optional(),
  'bbox-crs': z.literal(CRS84, { message: `only ${CRS84} is supported for bbox-crs` }).optional(),
  crs: z.literal(CRS84, { message: `only ${CRS84} is supported for crs` }).optional(),
});

const formatQuerySchema = z.object({ f: z.enum(['json', 'html']).optional() });

function wantsHtml(request: FastifyRequest, f: string | undefined): boolean {
  if (f) return f === 'html';
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !accept.includes('json');
}

function parseDatetime(value: string | undefined): { from?: string; to?: string } {
  if (!value) return {};
  const [start, end] = value.split('/');
  const check = (instant: string | undefined) => {
    if (!instant || instant === '..') return undefined;
    if (Number.isNaN(Date.parse(instant)))
      throw new AppError('VALIDATION_FAILED', `datetime: "${instant}" is not an RFC 3339 time.`);
    return instant;
  };
  if (end === undefined) return { from: check(start), to: check(start) };
  return { from: check(start), to: check(end) };
}

export const ogcRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  const base = (request: FastifyRequest) => `${request.protocol}://${request.host}/ogc`;

  function send(
    reply: FastifyReply,
    request: FastifyRequest,
    f: string | undefined,
    json: unknown,
    html: () => string,
    type = 'application/json',
  ) {
    if (wantsHtml(request, f)) return reply.type('text/html; charset=utf-8').send(html());
    return reply.type(type).send(JSON.stringify(json));
  }

  const ANY_STAFF_ROLE = ['admin', 'planner', 'facilitator'] as const;

  /** The collections a caller may see: aggregates of open projects for all, raw layers for their planners. */
  async function visibleCollections(request: FastifyRequest, principal: StaffPrincipal | undefined) {
    const projects = await listStaffProjects(pool);
    const collections: Array<{ id: string; title: string; description: string; bounds: number[] }> = [];
    for (const summary of projects) {
      const project = (await findProjectBySlug(pool, summary.slug)) as StoredProject;
      const title = pickText(project.title, 'nb');
      // A closed project's aggregates only for its own staff (not another organisation's).
      if (project.open || (principal && holdsRole(principal, ANY_STAFF_ROLE, project.id))) {
        collections.push({
          id: `${project.slug}.heatmap`,
          title: `${title}: all places (${AGGREGATE_CELL_METRES} m hexagons)`,
          description: `Contributions per ${AGGREGATE_CELL_METRES} m hexagon; cells with fewer than ${project.k} participants are left out.`,
          bounds: project.bounds,
        });
        for (const category of project.categories) {
          collections.push({
            id: `${project.slug}.heatmap.${category.key}`,
            title: `${title}: ${pickText(category.labels, 'nb')} (${AGGREGATE_CELL_METRES} m hexagons)`,
            description: `k-anonymous aggregate (k = ${project.k}).`,
            bounds: project.bounds,
          });
        }
      }
      if (principal && holdsRole(principal, RAW_READERS, project.id)) {
        for (const category of project.categories) {
          collections.push({
            id: `${project.slug}.${category.key}`,
            title: `${title}: ${pickText(category.labels, 'nb')} (contributions)`,
            description: 'Each contribution with its story; staff only.',
            bounds: project.bounds,
          });
        }
      }
    }
    return collections.map((collection) => ({
      id: collection.id,
      title: collection.title,
      description: collection.description,
      itemType: 'feature',
      crs: [CRS84],
      extent: { spatial: { bbox: [collection.bounds], crs: CRS84 } },
      links: [
        {
          href: `${base(request)}/collections/${collection.id}`,
          rel: 'self',
          type: 'application/json',
          title: 'This collection',
        },
        {
          href: `${base(request)}/collections/${collection.id}/items`,
          rel: 'items',
          type: 'application/geo+json',
          title: 'Items',
        },
        {
          href: `${base(request)}/collections/${collection.id}/items?f=html`,
          rel: 'items',
          type: 'text/html',
          title: 'Items as HTML',
        },
      ],
    }));
  }

  /** Resolves a collection and checks the caller may read it: 401 (asking for credentials) or 403 otherwise. */
  async function openCollection(request: FastifyRequest, reply: FastifyReply, id: string) {
    const parsed = parseCollectionId(id);
    const project = parsed ? await findProjectBySlug(pool, parsed.slug) : undefined;
    const category = parsed?.category
      ? project?.categories.find((candidate) => candidate.key === parsed.category)
      : undefined;
    if (!parsed || !project || (parsed.category && !category)) {
      throw new AppError('NOT_FOUND', `There is no collection "${id}".`);
    }
    const principal = await resolveStaff(pool, request);
    if (parsed.kind === 'raw') {
      if (!principal) {
        reply.header('www-authenticate', 'Basic realm="Nabolag", charset="UTF-8"');
        throw new AppError(
          'UNAUTHORIZED',
          'This collection holds contributions: sign in, or use your e-mail and an API token (HTTP Basic).',
        );
      }
      if (!holdsRole(principal, RAW_READERS, project.id))
        throw new AppError('FORBIDDEN', 'Raw contributions are for the project’s planners.');
    } else if (!project.open && !(principal && holdsRole(principal, ANY_STAFF_ROLE, project.id))) {
      throw new AppError('NOT_FOUND', `There is no collection "${id}".`);
    }
    return { parsed, project, category };
  }

  app.get('/ogc', { schema: { querystring: formatQuerySchema } }, async (request, reply) => {
    const links = [
      { href: `${base(request)}`, rel: 'self', type: 'application/json', title: 'This document' },
      {
        href: `${base(request)}?f=html`,
        rel: 'alternate',
        type: 'text/html',
        title: 'This document as HTML',
      },
      {
        href: `${base(request)}/conformance`,
        rel: 'conformance',
        type: 'application/json',
        title: 'Conformance classes',
      },
      { href: `${base(request)}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
    ];
    const body = {
      title: 'Nabolag',
      description:
        'Places residents mapped, as k-anonymous hexagon aggregates for everyone and as contributions for the project’s planners.',
      links,
    };
    return send(reply, request, request.query.f, body, () =>
      htmlPage('Nabolag', `<p>${escapeHtml(body.description)}</p>${linkList(links)}`),
    );
  });

  app.get('/ogc/conformance', { schema: { querystring: formatQuerySchema } }, async (request, reply) =>
    send(reply, request, request.query.f, { conformsTo: CONFORMANCE }, () =>
      htmlPage('Conformance', `<ul>${CONFORMANCE.map((uri) => `<li>${escapeHtml(uri)}</li>`).join('')}</ul>`),
    ),
  );

  app.get('/ogc/collections', { schema: { querystring: formatQuerySchema } }, async (request, reply) => {
    const collections = await visibleCollections(request, await resolveStaff(pool, request));
    const body = {
      links: [
        { href: `${base(request)}/collections`, rel: 'self', type: 'application/json', title: 'Collections' },
      ],
      collections,
    };
    return send(reply, request, request.query.f, body, () =>
      htmlPage(
        'Collections',
        `<ul>${collections
          .map(
            (collection) =>
              `<li><a href="${escapeHtml(`${base(request)}/collections/${collection.id}/items?f=html`)}">${escapeHtml(collection.title)}</a> — ${escapeHtml(collection.id)}</li>`,
          )
          .join('')}</ul>`,
      ),
    );
  });

  app.get(
    '/ogc/collections/:collectionId',
    { schema: { params: z.object({ collectionId: z.string().max(200) }), querystring: formatQuerySchema } },
    async (request, reply) => {
      await openCollection(request, reply, request.params.collectionId);
      const collection = (await visibleCollections(request, await resolveStaff(pool, request))).find(
        (candidate) => candidate.id === request.params.collectionId,
      );
      if (!collection)
        throw new AppError('NOT_FOUND', `There is no collection "${request.params.collectionId}".`);
      return send(reply, request, request.query.f, collection, () =>
        htmlPage(
          collection.title,
          `<p>${escapeHtml(collection.description)}</p>${linkList(collection.links)}`,
        ),
      );
    },
  );

  async function items(
    request: FastifyRequest,
    reply: FastifyReply,
    collectionId: string,
    query: z.infer<typeof itemsQuerySchema>,
    featureId?: string,
  ) {
    const { parsed, project } = await openCollection(request, reply, collectionId);
    const { from, to } = parseDatetime(query.datetime);
    let features: Array<{
      type: 'Feature';
      id: string | number;
      geometry: unknown;
      properties: Record<string, unknown>;
    }>;
    let matched: number;
    if (parsed.kind === 'raw') {
      if (featureId !== undefined && !/^[0-9a-f-]{36}$/i.test(featureId))
        throw new AppError('NOT_FOUND', 'There is no such feature.');
      const result = await listRawFeatures(pool, {
        projectId: project.id,
        category: parsed.category as string,
        bbox: query.bbox,
        from,
        to,
        limit: query.limit,
        offset: query.offset,
        featureId,
      });
      const origin = `${request.protocol}://${request.host}`;
      // Follow-up answers as properties (q_<key>…), the same set on every item of the collection
      // (columns of every version of the category's questions, so old answers fit too).
      const labelLanguage = project.defaultLanguage;
      const answerColumns = followUpColumns(
        (await listQuestionSets(pool, project.id, parsed.category)).map((set) => set.questions),
        { labelLanguage },
      );
      features = result.features.map((row) => ({
        type: 'Feature',
        id: row.id,
        geometry: row.geometry,
        properties: {
          ...row.properties,
          photo: row.properties.photo ? `${origin}${row.properties.photo}` : null,
          ...followUpRowValues(answerColumns, row.answers, { labelLanguage }),
        },
      }));
      matched = result.matched;
    } else {
      if (query.datetime)
        throw new AppError('VALIDATION_FAILED', 'Aggregate collections have no time; leave out datetime.');
      const cells = await hexHeatmap(pool, {
        projectId: project.id,
        srid: project.analysisSrid,
        cellMetres: AGGREGATE_CELL_METRES,
        k: project.k,
        categories: parsed.category ? [parsed.category] : undefined,
      });
      const all = cells
        .map((cell, index) => ({
          type: 'Feature' as const,
          id: index + 1,
          geometry: cell.geometry,
          properties: cell.properties,
        }))
        .filter((cell) => {
          if (!query.bbox) return true;
          const [west, south, east, north] = query.bbox;
          const ring = cell.geometry.coordinates[0] ?? [];
          return ring.some(
            ([x, y]) =>
              (x as number) >= west &&
              (x as number) <= east &&
              (y as number) >= south &&
              (y as number) <= north,
          );
        })
        .filter((cell) => featureId === undefined || String(cell.id) === featureId);
      matched = all.length;
      features = all.slice(query.offset, query.offset + query.limit);
    }

    if (featureId !== undefined) {
      const feature = features[0];
      if (!feature) throw new AppError('NOT_FOUND', 'There is no such feature.');
      return send(
        reply,
        request,
        query.f,
        { ...feature, links: [] },
        () => htmlPage(String(feature.id), featureTable([feature])),
        'application/geo+json',
      );
    }

    const self = new URL(`${base(request)}/collections/${collectionId}/items`);
    for (const [key, value] of Object.entries(request.query as Record<string, string>))
      if (key !== 'offset') self.searchParams.set(key, value);
    const page = (offset: number) => {
      const url = new URL(self);
      url.searchParams.set('offset', String(offset));
      url.searchParams.set('limit', String(query.limit));
      return url.toString();
    };
    const links = [
      { href: page(query.offset), rel: 'self', type: 'application/geo+json', title: 'This page' },
      {
        href: `${base(request)}/collections/${collectionId}`,
        rel: 'collection',
        type: 'application/json',
        title: 'The collection',
      },
    ];
    if (query.offset + features.length < matched) {
      links.push({
        href: page(query.offset + query.limit),
        rel: 'next',
        type: 'application/geo+json',
        title: 'Next page',
      });
    }
    if (query.offset > 0) {
      links.push({
        href: page(Math.max(0, query.offset - query.limit)),
        rel: 'prev',
        type: 'application/geo+json',
        title: 'Previous page',
      });
    }
    const body = {
      type: 'FeatureCollection',
      features,
      numberMatched: matched,
      numberReturned: features.length,
      timeStamp: new Date().toISOString(),
      links,
    };
    reply.header('cache-control', parsed.kind === 'raw' ? 'private, no-store' : 'public, max-age=60');
    return send(
      reply,
      request,
      query.f,
      body,
      () => htmlPage(collectionId, `${linkList(links)}${featureTable(features)}`),
      'application/geo+json',
    );
  }

  app.get(
    '/ogc/collections/:collectionId/items',
    { schema: { params: z.object({ collectionId: z.string().max(200) }), querystring: itemsQuerySchema } },
    async (request, reply) => items(request, reply, request.params.collectionId, request.query),
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      schema: {
        params: z.object({ collectionId: z.string().max(200), featureId: z.string().max(100) }),
        querystring: itemsQuerySchema,
      },
    },
    async (request, reply) =>
      items(request, reply, request.params.collectionId, request.query, request.params.featureId),
  );
};
