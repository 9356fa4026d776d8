import {
  MAX_LOGO_BYTES,
  organisationCreateSchema,
  organisationDetailSchema,
  organisationListSchema,
  organisationParamsSchema,
  organisationSchema,
  organisationUpdateSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../db/queryable.ts';
import { AppError, unwrap } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { StaffPrincipal } from '../auth/staff-auth.ts';
import { requireOperator, requireOrganisationAdmin, requireStaff } from '../auth/staff-auth.ts';
import { processLogo } from './logo-processing.ts';
import { organisationToManage, rolesIn } from './organisation-access.ts';
import {
  findLogo,
  findOrganisationById,
  findOrganisationBySlug,
  insertOrganisation,
  listMemberSummaries,
  listOrganisations,
  type StoredOrganisation,
  setLogo,
  updateOrganisation,
} from './organisations.repository.ts';

/** The image types a logo may be uploaded as (its bytes decide what it really is). */
const LOGO_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

const asListed = (organisation: StoredOrganisation, principal: StaffPrincipal) => ({
  ...organisation,
  roles: rolesIn(principal, organisation.id),
});

/**
 * Organisations: the operator creates them; their admins (and the operator) edit name, colours,
 * defaults and logo; each member sees their own. The logo is public, as on the project pages.
 */
export const organisationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const staff = (request: { staff?: StaffPrincipal }) => request.staff as StaffPrincipal;
  app.addContentTypeParser(
    LOGO_UPLOAD_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_LOGO_BYTES },
    (_r, body, done) => done(null, body),
  );

  app.get(
    '/api/staff/organisations',
    {
      preHandler: requireStaff(pool, 'any'),
      schema: { response: { 200: organisationListSchema, ...errorResponses } },
    },
    async (request) => {
      const principal = staff(request);
      const organisations = await listOrganisations(
        pool,
        principal.operator ? undefined : principal.organisations.map((entry) => entry.organisationId),
      );
      return { organisations: organisations.map((organisation) => asListed(organisation, principal)) };
    },
  );

  app.post(
    '/api/staff/organisations',
    {
      preHandler: requireOperator(pool),
      schema: { body: organisationCreateSchema, response: { 201: organisationSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const defaultLanguages = request.body.defaultLanguages ?? ['nb', 'nn', 'en'];
      const defaultLanguage =
        request.body.defaultLanguage ??
        (defaultLanguages.includes('nb') ? 'nb' : (defaultLanguages[0] as string));
      const id = await withTransaction(pool, async (client) => {
        const created = await insertOrganisation(client, {
          ...request.body,
          defaultLanguages,
          defaultLanguage,
        });
        if (!created) {
          throw new AppError(
            'ORGANISATION_SLUG_TAKEN',
            `An organisation "${request.body.slug}" exists already.`,
          );
        }
        await recordAudit(client, {
          userId: staff(request).userId,
          action: 'organisation.create',
          targetType: 'organisation',
          targetId: request.body.slug,
          organisationId: created,
          details: { name: request.body.name },
        });
        return created;
      });
      const organisation = (await findOrganisationById(pool, id)) as StoredOrganisation;
      return reply.status(201).send(asListed(organisation, staff(request)));
    },
  );

  app.get(
    '/api/staff/organisations/:org',
    {
      preHandler: requireStaff(pool, 'any'),
      schema: {
        params: organisationParamsSchema,
        response: { 200: organisationDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = staff(request);
      const organisation = await findOrganisationBySlug(pool, request.params.org);
      const member =
        organisation && principal.organisations.some((entry) => entry.organisationId === organisation.id);
      // Not found and not one's own look the same to a non-operator: no list of organisations by probing.
      if (!organisation || !(member || principal.operator)) throw new AppError('ORGANISATION_NOT_FOUND');
      const roles = rolesIn(principal, organisation.id);
      const seesMembers = principal.operator || roles.includes('admin');
      return {
        ...organisation,
        roles,
        ...(seesMembers ? { members: await listMemberSummaries(pool, organisation.id) } : {}),
      };
    },
  );

  app.patch(
    '/api/staff/organisations/:org',
    {
      preHandler: requireOrganisationAdmin(pool, { operator: true }),
      schema: {
        params: organisationParamsSchema,
        body: organisationUpdateSchema,
        response: { 200: organisationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = staff(request);
      const organisation = await organisationToManage(pool, principal, request.params.org, {
        operator: true,
      });
      const languages = request.body.defaultLanguages ?? organisation.defaultLanguages;
      const language = request.body.defaultLanguage ?? organisation.defaultLanguage;
      if (!languages.includes(language)) {
        const message = 'the default language must be one of the default languages';
        throw new AppError('VALIDATION_FAILED', `The body is not valid: ${message}`, [
          { path: 'defaultLanguage', message },
        ]);
      }
      await withTransaction(pool, async (client) => {
        await updateOrganisation(client, organisation.id, request.body);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'organisation.update',
          targetType: 'organisation',
          targetId: organisation.slug,
          organisationId: organisation.id,
          details: request.body,
        });
      });
      return asListed((await findOrganisationById(pool, organisation.id)) as StoredOrganisation, principal);
    },
  );

  app.put(
    '/api/staff/organisations/:org/logo',
    {
      bodyLimit: MAX_LOGO_BYTES,
      preHandler: requireOrganisationAdmin(pool, { operator: true }),
      schema: {
        params: organisationParamsSchema,
        body: z.instanceof(Buffer),
        response: { 200: organisationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = staff(request);
      const organisation = await organisationToManage(pool, principal, request.params.org, {
        operator: true,
      });
      const logo = unwrap(await processLogo(request.body));
      await withTransaction(pool, async (client) => {
        await setLogo(client, organisation.id, logo.png);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'organisation.logo',
          targetType: 'organisation',
          targetId: organisation.slug,
          organisationId: organisation.id,
          details: { width: logo.width, height: logo.height, bytes: logo.png.length },
        });
      });
      return asListed((await findOrganisationById(pool, organisation.id)) as StoredOrganisation, principal);
    },
  );

  app.delete(
    '/api/staff/organisations/:org/logo',
    {
      preHandler: requireOrganisationAdmin(pool, { operator: true }),
      schema: { params: organisationParamsSchema, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const principal = staff(request);
      const organisation = await organisationToManage(pool, principal, request.params.org, {
        operator: true,
      });
      await withTransaction(pool, async (client) => {
        if (!(await setLogo(client, organisation.id, null))) {
          throw new AppError('NOT_FOUND', 'The organisation has no logo.');
        }
        await recordAudit(client, {
          userId: principal.userId,
          action: 'organisation.logo-remove',
          targetType: 'organisation',
          targetId: organisation.slug,
          organisationId: organisation.id,
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/organisations/:org/logo',
    {
      schema: {
        params: organisationParamsSchema,
        // `v` is the logo's version: a new address whenever it is replaced, so it may be cached for long.
        querystring: z.object({ v: z.string().max(40).optional() }),
      },
    },
    async (request, reply) => {
      const logo = await findLogo(pool, request.params.org);
      if (!logo) throw new AppError('NOT_FOUND', 'This organisation has no logo.');
      const etag = `"${request.params.org}-${logo.version}"`;
      reply
        .header('etag', etag)
        .header(
          'cache-control',
          request.query.v === logo.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        );
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('image/png').header('x-content-type-options', 'nosniff').send(logo.bytes);
    },
  );
};
