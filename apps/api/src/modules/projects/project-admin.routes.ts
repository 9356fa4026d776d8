import {
  followUpKeyTypeProblems,
  projectDefinitionOutputSchema,
  projectDefinitionSchema,
  projectParamsSchema,
  staffProjectListSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withTransaction } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireOrganisationAdmin, requireProjectRole, requireStaff } from '../auth/staff-auth.ts';
import { storedKeyTypes } from '../follow-up/follow-up.repository.ts';
import { organisationToManage } from '../organisations/organisation-access.ts';
import {
  checkArea,
  findProjectBySlug,
  hasStoredBasemap,
  insertProject,
  listStaffProjects,
  slugExists,
  toDefinition,
  updateProject,
} from './projects.repository.ts';

const definitionBody = projectDefinitionSchema.superRefine((definition, context) => {
  const keys = definition.categories.map((category) => category.key);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate)
    context.addIssue({
      code: 'custom',
      path: ['categories'],
      message: `category "${duplicate}" appears twice`,
    });
  if (!definition.languages.includes(definition.defaultLanguage)) {
    context.addIssue({
      code: 'custom',
      path: ['defaultLanguage'],
      message: 'the default language must be one of the languages',
    });
  }
  // Texts are written only in the project's languages: a fallback to any other would find nothing.
  (definition.textFallback ?? []).forEach((language, index, order) => {
    if (!definition.languages.includes(language)) {
      context.addIssue({
        code: 'custom',
        path: ['textFallback', index],
        message: `"${language}" is not one of the project's languages`,
      });
    } else if (order.indexOf(language) !== index) {
      context.addIssue({
        code: 'custom',
        path: ['textFallback', index],
        message: `"${language}" appears twice`,
      });
    }
  });
  if (definition.opensAt && definition.closesAt && definition.opensAt >= definition.closesAt) {
    context.addIssue({ code: 'custom', path: ['closesAt'], message: 'a project must close after it opens' });
  }
  // A follow-up question key is one GIS column: one type in every category.
  for (const problem of followUpKeyTypeProblems(definition.categories)) {
    context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
});

/** Project administration under /api/staff: create (organisation admins) and edit (project admins). */
export const projectAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;

  async function assertValidArea(area: Parameters<typeof checkArea>[1]) {
    const problem = await checkArea(pool, area);
    if (problem)
      throw new AppError('INVALID_GEOMETRY', `The project area is not a valid polygon: ${problem}.`);
  }

  app.get(
    '/api/staff/projects',
    {
      preHandler: requireStaff(pool, 'any'),
      schema: { response: { 200: staffProjectListSchema, ...errorResponses } },
    },
    async (request) => {
      // Only projects where the caller holds a role (from their organisation or the project itself).
      const principal = request.staff as NonNullable<typeof request.staff>;
      const projectIds = [...new Set(principal.projectRoles.map((entry) => entry.projectId))];
      return { projects: await listStaffProjects(pool, projectIds) };
    },
  );

  app.post(
    '/api/staff/projects',
    {
      preHandler: requireOrganisationAdmin(pool, { operator: false }),
      schema: { body: definitionBody, response: { 201: projectDefinitionOutputSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const slug = request.body.slug;
      // The body's organisation, or the caller's only one they administer; admins only.
      const organisation = await organisationToManage(
        pool,
        request.staff as NonNullable<typeof request.staff>,
        request.body.organisation,
        { operator: false },
      );
      await assertValidArea(request.body.area);
      const definition = {
        ...request.body,
        organisation: organisation.slug,
        basemap: request.body.basemap ?? organisation.defaultBasemap ?? undefined,
      };
      await withTransaction(pool, async (client) => {
        // Project slugs are unique on the whole instance: /p/:slug names one project.
        if (await slugExists(client, slug))
          throw new AppError('SLUG_TAKEN', `A project "${slug}" exists already.`);
        const id = await insertProject(client, definition);
        await recordAudit(client, {
          userId: request.staff?.userId ?? null,
          action: 'project.create',
          targetType: 'project',
          targetId: slug,
          projectId: id,
        });
      });
      const project = await findProjectBySlug(pool, slug);
      return reply
        .status(201)
        .send(
          toDefinition(
            project as NonNullable<typeof project>,
            await hasStoredBasemap(pool, (project as { id: string }).id),
          ),
        );
    },
  );

  app.get(
    '/api/staff/projects/:slug',
    {
      preHandler: requireStaff(pool, ['admin', 'planner', 'facilitator']),
      schema: {
        params: projectParamsSchema,
        response: { 200: projectDefinitionOutputSchema, ...errorResponses },
      },
    },
    async (request) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      requireProjectRole(request, ['admin', 'planner', 'facilitator'], project.id);
      return toDefinition(project, await hasStoredBasemap(pool, project.id));
    },
  );

  app.put(
    '/api/staff/projects/:slug',
    {
      preHandler: requireStaff(pool, ['admin']),
      schema: {
        params: projectParamsSchema,
        body: definitionBody,
        response: { 200: projectDefinitionOutputSchema, ...errorResponses },
      },
    },
    async (request) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      const principal = requireProjectRole(request, ['admin'], project.id);
      if (
        request.body.organisation !== undefined &&
        request.body.organisation !== project.organisation.slug
      ) {
        throw new AppError('VALIDATION_FAILED', 'A project cannot move to another organisation.');
      }
      if (request.body.slug !== project.slug) {
        throw new AppError(
          'VALIDATION_FAILED',
          'The short name (slug) of a project cannot change: links to it are out there.',
        );
      }
      await assertValidArea(request.body.area);
      // Answers already stored under a question key keep their type: a new type needs a new key.
      const retyped = followUpKeyTypeProblems(
        request.body.categories,
        await storedKeyTypes(pool, project.id),
      );
      if (retyped.length > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `The body is not valid: ${retyped.map((problem) => problem.message).join('; ')}`,
          retyped.map((problem) => ({ path: problem.path.join('.'), message: problem.message })),
        );
      }
      await withTransaction(pool, async (client) => {
        const inUse = await updateProject(client, project.id, request.body);
        if (inUse.length > 0) {
          throw new AppError(
            'CATEGORY_IN_USE',
            `These categories have contributions and cannot be removed: ${inUse.join(', ')}.`,
            {
              categories: inUse,
            },
          );
        }
        await recordAudit(client, {
          userId: principal.userId,
          action: 'project.update',
          targetType: 'project',
          targetId: project.slug,
          projectId: project.id,
        });
      });
      const updated = await findProjectBySlug(pool, project.slug);
      return toDefinition(updated as NonNullable<typeof updated>, await hasStoredBasemap(pool, project.id));
    },
  );
};
