import {
  contributionParamsSchema,
  featuredInputSchema,
  featuredSchema,
  placeNameInputSchema,
  placeNameSchema,
  projectParamsSchema,
  projectUpdateInputSchema,
  projectUpdateListSchema,
  projectUpdateParamsSchema,
  projectUpdateSchema,
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
import { findContributionProject } from '../moderation/moderation.repository.ts';
import { findProjectBySlug, type StoredProject } from '../projects/projects.repository.ts';
import { featureBlocker, setFeatured } from './featured-quotes.repository.ts';
import { cellCentre, plannerName, setPlannerName } from './place-names.ts';
import {
  deleteUpdate,
  findUpdate,
  insertUpdate,
  listUpdates,
  type ParsedUpdateInput,
  replaceUpdate,
} from './project-updates.repository.ts';

/** Who writes the updates residents read: the project's planners (admins hold every role). */
const PLANNERS: StaffRole[] = ['admin', 'planner'];
/** Who picks quotes: whoever moderates the project's stories. */
const MODERATORS: StaffRole[] = ['admin', 'planner', 'facilitator'];

/**
 * Problems with an update's languages: residents read it in the project's languages, so every
 * text must be in one of them, and the title must be there in the default language (the fallback).
 */
export function languageProblems(
  project: Pick<StoredProject, 'languages' | 'defaultLanguage'>,
  input: ParsedUpdateInput,
) {
  const problems: Array<{ path: string; message: string }> = [];
  for (const [field, texts] of [
    ['title', input.title],
    ['body', input.body],
  ] as const) {
    for (const language of Object.keys(texts)) {
      if (!project.languages.includes(language))
        problems.push({
          path: `${field}.${language}`,
          message: `the project is not offered in "${language}" (it is offered in ${project.languages.join(', ')})`,
        });
    }
  }
  if (!input.title[project.defaultLanguage])
    problems.push({
      path: `title.${project.defaultLanguage}`,
      message: `a title in the project's default language (${project.defaultLanguage}) is needed`,
    });
  return problems;
}

/** Staff side of the results page: planners' updates, and featuring stories as quotes. */
export const resultsStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const planners = requireStaff(pool, PLANNERS);
  const moderators = requireStaff(pool, MODERATORS);
  const noStore = { 'cache-control': 'private, no-store' };

  async function projectFor(request: FastifyRequest, slug: string) {
    const project = await findProjectBySlug(pool, slug);
    if (!project) throw new AppError('PROJECT_NOT_FOUND', `There is no project "${slug}".`);
    return { project, principal: requireProjectRole(request, PLANNERS, project.id) };
  }

  async function updateFor(request: FastifyRequest, slug: string, id: string) {
    const found = await projectFor(request, slug);
    const update = await findUpdate(pool, id);
    if (!update || update.projectId !== found.project.id)
      throw new AppError('NOT_FOUND', 'This project has no update with this id.');
    return { ...found, update };
  }

  function checkLanguages(project: StoredProject, input: ParsedUpdateInput) {
    const problems = languageProblems(project, input);
    if (problems.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        `The update is not valid: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
        problems,
      );
  }

  app.get(
    '/api/staff/projects/:slug/updates',
    {
      preHandler: planners,
      schema: { params: projectParamsSchema, response: { 200: projectUpdateListSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const { project } = await projectFor(request, request.params.slug);
      reply.headers(noStore);
      return { updates: await listUpdates(pool, project.id) };
    },
  );

  app.post(
    '/api/staff/projects/:slug/updates',
    {
      preHandler: planners,
      schema: {
        params: projectParamsSchema,
        body: projectUpdateInputSchema,
        response: { 201: projectUpdateSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { project, principal } = await projectFor(request, request.params.slug);
      checkLanguages(project, request.body);
      const id = await withTransaction(pool, async (client) => {
        const created = await insertUpdate(client, project.id, principal.userId, request.body);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'project-update.create',
          targetType: 'project-update',
          targetId: created,
          projectId: project.id,
          details: { publishedOn: request.body.publishedOn, published: request.body.published },
        });
        return created;
      });
      const { projectId: _projectId, ...created } = (await findUpdate(pool, id)) as NonNullable<
        Awaited<ReturnType<typeof findUpdate>>
      >;
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/staff/projects/:slug/updates/:id',
    {
      preHandler: planners,
      schema: {
        params: projectUpdateParamsSchema,
        body: projectUpdateInputSchema,
        response: { 200: projectUpdateSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { project, principal, update } = await updateFor(request, request.params.slug, request.params.id);
      checkLanguages(project, request.body);
      await withTransaction(pool, async (client) => {
        await replaceUpdate(client, update.id, principal.userId, request.body);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'project-update.edit',
          targetType: 'project-update',
          targetId: update.id,
          projectId: project.id,
          details: {
            publishedOn: request.body.publishedOn,
            published: request.body.published,
            was: { publishedOn: update.publishedOn, published: update.published },
          },
        });
      });
      const { projectId: _projectId, ...changed } = (await findUpdate(pool, update.id)) ?? update;
      return changed;
    },
  );

  app.delete(
    '/api/staff/projects/:slug/updates/:id',
    {
      preHandler: planners,
      schema: { params: projectUpdateParamsSchema, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const { project, principal, update } = await updateFor(request, request.params.slug, request.params.id);
      await withTransaction(pool, async (client) => {
        await deleteUpdate(client, update.id);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'project-update.delete',
          targetType: 'project-update',
          targetId: update.id,
          projectId: project.id,
          details: { publishedOn: update.publishedOn, title: update.title },
        });
      });
      return reply.status(204).send(null);
    },
  );

  // A planner names a place of the results page and the report (a hexagon at a size); the name
  // wins over the nearest address. null removes it (the address, or a description, shows again).
  app.put(
    '/api/staff/projects/:slug/place-names',
    {
      preHandler: planners,
      schema: {
        params: projectParamsSchema,
        body: placeNameInputSchema,
        response: { 200: placeNameSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { project, principal } = await projectFor(request, request.params.slug);
      const { size, cell, name } = request.body;
      const place = { projectId: project.id, size, cell };
      const was = await plannerName(pool, place);
      await withTransaction(pool, async (client) => {
        await setPlannerName(client, { ...place, name, userId: principal.userId });
        await recordAudit(client, {
          userId: principal.userId,
          action: name === null ? 'place-name.remove' : 'place-name.set',
          targetType: 'place',
          targetId: `${size}:${cell}`,
          projectId: project.id,
          details: { size, cell, name, was },
        });
      });
      const centre = await cellCentre(pool, { size, cell, srid: project.analysisSrid });
      const [shown] = await app.placeNamer.name(pool, project.id, [{ size, cell, centre }], request.log);
      reply.headers(noStore);
      return { size, cell, label: shown?.label ?? null, labelSource: shown?.labelSource ?? null };
    },
  );

  app.post(
    '/api/staff/contributions/:id/featured',
    {
      preHandler: moderators,
      schema: {
        params: contributionParamsSchema,
        body: featuredInputSchema,
        response: { 200: featuredSchema, ...errorResponses },
      },
    },
    async (request) => {
      const contribution = await findContributionProject(pool, request.params.id);
      if (!contribution) throw new AppError('CONTRIBUTION_NOT_FOUND');
      const principal = requireProjectRole(request, MODERATORS, contribution.projectId);
      const { featured } = request.body;
      if (featured) {
        const blocker = await featureBlocker(pool, request.params.id);
        if (blocker) throw new AppError('VALIDATION_FAILED', `This story cannot be featured: ${blocker}.`);
      }
      await withTransaction(pool, async (client) => {
        await setFeatured(client, request.params.id, featured);
        await recordAudit(client, {
          userId: principal.userId,
          action: featured ? 'contribution.feature' : 'contribution.unfeature',
          targetType: 'contribution',
          targetId: request.params.id,
          projectId: contribution.projectId,
        });
      });
      return { id: request.params.id, featured };
    },
  );
};
