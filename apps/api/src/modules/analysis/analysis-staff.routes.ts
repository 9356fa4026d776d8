import { getisOrdGiStar } from '@nabolag/geo';
import {
  type AnalysisFilter,
  analysisStatsSchema,
  compareQuerySchema,
  compareSchema,
  contestedQuerySchema,
  densityPointsSchema,
  hotSpotsQuerySchema,
  hotSpotsSchema,
  LEAST_LIKED_CATEGORY,
  projectParamsSchema,
  type StaffRole,
  staffHeatmapQuerySchema,
  staffHeatmapSchema,
  storiesQuerySchema,
  storiesSchema,
} from '@nabolag/schema';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { requireProjectRole, requireStaff } from '../auth/staff-auth.ts';
import { answerFilterProblems } from '../follow-up/answer-filter.ts';
import { storedKeyTypes } from '../follow-up/follow-up.repository.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { analysisStats, areaCells, cellPolygons, densityPoints, listStories } from './analysis.repository.ts';
import { cellCounts } from './heatmap.repository.ts';

/** Who may read the place analysis (raw points and stories included). */
const ANALYSTS: StaffRole[] = ['admin', 'planner'];

/** Only the filter fields of a query. */
const filterOf = (query: AnalysisFilter): AnalysisFilter => ({
  category: query.category,
  relation: query.relation,
  ageBand: query.ageBand,
  session: query.session,
  group: query.group,
  from: query.from,
  to: query.to,
  answer: query.answer,
});

/** The answer filters of a query, its compare sides' included. */
function answerFiltersOf(query: unknown): NonNullable<AnalysisFilter['answer']> {
  const { answer, a, b } = (query ?? {}) as Partial<Record<'a' | 'b', AnalysisFilter>> & AnalysisFilter;
  return [...(answer ?? []), ...(a?.answer ?? []), ...(b?.answer ?? [])];
}

/** Staff place analysis: heatmaps with filters, density points, hot spots, comparisons, stories, counts. */
export const analysisStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const analysts = requireStaff(pool, ANALYSTS);

  async function projectFor(request: FastifyRequest, slug: string) {
    const project = await findProjectBySlug(pool, slug);
    if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${slug}".`);
    requireProjectRole(request, ANALYSTS, project.id);
    const answers = answerFiltersOf(request.query);
    if (answers.length > 0) {
      const problems = answerFilterProblems(answers, await storedKeyTypes(pool, project.id));
      if (problems.length > 0)
        throw new AppError('VALIDATION_FAILED', `The answer filter does not fit: ${problems.join('; ')}.`);
    }
    return project;
  }
  const base = '/api/staff/projects/:slug/analysis';
  const noStore = { 'cache-control': 'private, no-store' };

  app.get(
    `${base}/heatmap`,
    {
      preHandler: analysts,
      schema: {
        params: projectParamsSchema,
        querystring: staffHeatmapQuerySchema,
        response: { 200: staffHeatmapSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectFor(request, request.params.slug);
      const query = request.query;
      const cells = await cellCounts(pool, {
        projectId: project.id,
        srid: project.analysisSrid,
        cellMetres: query.cell,
        minParticipants: query.suppress ? project.k : 1,
        audience: query.suppress ? 'public' : 'staff',
        filter: filterOf(query),
        bbox: query.bbox,
      });
      reply.headers(noStore);
      return {
        type: 'FeatureCollection' as const,
        features: cells.map((cell) => ({
          type: 'Feature' as const,
          id: `${cell.q},${cell.r}`,
          geometry: cell.geometry,
          properties: { cell: `${cell.q},${cell.r}`, count: cell.count, participants: cell.participants },
        })),
        cell: query.cell,
        k: project.k,
        suppressed: query.suppress,
      };
    },
  );

  app.get(
    `${base}/points`,
    {
      preHandler: analysts,
      schema: {
        params: projectParamsSchema,
        querystring: contestedQuerySchema,
        response: { 200: densityPointsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectFor(request, request.params.slug);
      reply.headers(noStore);
      return densityPoints(pool, project.id, filterOf(request.query));
    },
  );

  app.get(
    `${base}/hot-spots`,
    {
      preHandler: analysts,
      schema: {
        params: projectParamsSchema,
        querystring: hotSpotsQuerySchema,
        response: { 200: hotSpotsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectFor(request, request.params.slug);
      const { cell, rings } = request.query;
      const counted = await cellCounts(pool, {
        projectId: project.id,
        srid: project.analysisSrid,
        cellMetres: cell,
        minParticipants: 1,
        audience: 'staff',
        filter: filterOf(request.query),
      });
      // The study area: every cell over the project area (zeros count), and any cell outside it
      // that has contributions (the margin).
      const values = new Map<string, { q: number; r: number; value: number }>();
      for (const area of await areaCells(pool, project.id, cell))
        values.set(`${area.q},${area.r}`, { q: area.q, r: area.r, value: 0 });
      for (const found of counted)
        values.set(`${found.q},${found.r}`, { q: found.q, r: found.r, value: found.count });
      const spots = getisOrdGiStar([...values.values()], rings);
      const polygons = new Map(counted.map((found) => [`${found.q},${found.r}`, found.geometry]));
      const missing = spots.filter((spot) => !polygons.has(`${spot.q},${spot.r}`));
      for (const [key, polygon] of await cellPolygons(pool, missing, cell, project.analysisSrid))
        polygons.set(key, polygon);
      reply.headers(noStore);
      return {
        type: 'FeatureCollection' as const,
        features: spots.map((spot) => {
          const id = `${spot.q},${spot.r}`;
          return {
            type: 'Feature' as const,
            id,
            geometry: polygons.get(id) as { type: 'Polygon'; coordinates: number[][][] },
            properties: { cell: id, count: spot.value, z: spot.z, class: spot.class },
          };
        }),
        cell,
        rings,
      };
    },
  );

  /** Two filtered sets per cell: counts, the difference of their shares, and how contested a cell is. */
  async function compare(
    project: { id: string; analysisSrid: number },
    cell: number,
    a: AnalysisFilter,
    b: AnalysisFilter,
  ) {
    const count = (filter: AnalysisFilter) =>
      cellCounts(pool, {
        projectId: project.id,
        srid: project.analysisSrid,
        cellMetres: cell,
        minParticipants: 1,
        audience: 'staff',
        filter,
      });
    const [left, right] = [await count(a), await count(b)];
    const total = (cells: typeof left) => cells.reduce((sum, found) => sum + found.count, 0);
    const totals = { a: total(left), b: total(right) };
    const merged = new Map<
      string,
      { geometry: (typeof left)[number]['geometry']; a: number; b: number; aP: number; bP: number }
    >();
    for (const found of left)
      merged.set(`${found.q},${found.r}`, {
        geometry: found.geometry,
        a: found.count,
        b: 0,
        aP: found.participants,
        bP: 0,
      });
    for (const found of right) {
      const key = `${found.q},${found.r}`;
      const entry = merged.get(key) ?? { geometry: found.geometry, a: 0, b: 0, aP: 0, bP: 0 };
      merged.set(key, { ...entry, b: found.count, bP: found.participants });
    }
    const share = (value: number, of: number) => (of === 0 ? 0 : value / of);
    const topA = Math.max(0, ...left.map((found) => share(found.count, totals.a)));
    const topB = Math.max(0, ...right.map((found) => share(found.count, totals.b)));
    const features = [...merged.entries()].map(([id, entry]) => {
      const shareA = share(entry.a, totals.a);
      const shareB = share(entry.b, totals.b);
      return {
        type: 'Feature' as const,
        id,
        geometry: entry.geometry,
        properties: {
          cell: id,
          a: entry.a,
          b: entry.b,
          aParticipants: entry.aP,
          bParticipants: entry.bP,
          difference: shareA - shareB,
          contested: Math.min(share(shareA, topA), share(shareB, topB)),
        },
      };
    });
    features.sort((x, y) => y.properties.contested - x.properties.contested || (x.id < y.id ? -1 : 1));
    return { type: 'FeatureCollection' as const, features, cell, totals };
  }

  app.get(
    `${base}/compare`,
    {
      preHandler: analysts,
      schema: {
        params: projectParamsSchema,
        querystring: compareQuerySchema,
        response: { 200: compareSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectFor(request, request.params.slug);
      const { cell, a, b } = request.query;
      reply.headers(noStore);
      return compare(project, cell, filterOf(a), filterOf(b));
    },
  );

  app.get(
    `${base}/contested`,
    {
      preHandler: analysts,
      schema: {
        params: projectParamsSchema,
        querystring: contestedQuerySchema,
        response: { 200: compareSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectFor(request, request.params.slug);
      const filter = filterOf(request.query);
      const keys = project.categories.map((category) => category.key);
      if (!keys.includes(LEAST_LIKED_CATEGORY))
        throw new AppError(
          'VALIDATION_FAILED',
          `This project has no "${LEAST_LIKED_CATEGORY}" category to compare with.`,
        );
      const chosen = filter.category ?? keys;
      const liked = chosen.filter((key) => key !== LEAST_LIKED_CATEGORY);
      if (liked.length === 0)
        throw new AppError('VALIDATION_FAILED', 'Pick at least one category besides least-liked.');
      reply.headers(noStore);
      return compare(
        project,
        request.query.cell,
        { ...filter, category: liked },
        { ...filter, category: [LEAST_LIKED_CATEGORY] },
      );
    },
  );

  app.get(
    `${base}/stories`,
    {
      preHandler: analysts,
      schema: {
        params: projectParamsSchema,
        querystring: storiesQuerySchema,
        response: { 200: storiesSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectFor(request, request.params.slug);
      const query = request.query;
      if ((query.cell === undefined) !== (query.at === undefined))
        throw new AppError('VALIDATION_FAILED', 'A cell needs both cell (its size in metres) and at (q,r).');
      reply.headers(noStore);
      return listStories(pool, {
        projectId: project.id,
        srid: project.analysisSrid,
        filter: filterOf(query),
        cellMetres: query.cell,
        at: query.at,
        contribution: query.contribution,
        search: query.search,
        limit: query.limit,
        offset: query.offset,
      });
    },
  );

  app.get(
    `${base}/stats`,
    {
      preHandler: analysts,
      schema: {
        params: projectParamsSchema,
        querystring: contestedQuerySchema,
        response: { 200: analysisStatsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await projectFor(request, request.params.slug);
      reply.headers(noStore);
      const stats = await analysisStats(pool, {
        projectId: project.id,
        srid: project.analysisSrid,
        filter: filterOf(request.query),
        k: project.k,
        cellMetres: request.query.cell,
      });
      // Named after the cache (names change without moving the data version); copies, as the
      // cached stats are shared between requests.
      const names = await app.placeNamer.name(
        pool,
        project.id,
        stats.topPlaces.map((place) => ({
          size: request.query.cell,
          cell: place.cell,
          centre: place.centre,
        })),
        request.log,
      );
      return {
        ...stats,
        topPlaces: stats.topPlaces.map((place, index) => ({ ...place, ...names[index] })),
      };
    },
  );
};
