import {
  organisationQuerySchema,
  type StaffUser,
  staffUserSchema,
  userCreateSchema,
  userListSchema,
  userParamsSchema,
  userUpdateSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Queryable, withTransaction } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { deleteSessionsOfUser } from '../auth/sessions.repository.ts';
import { adminOrganisations, requireOrganisationAdmin, type StaffPrincipal } from '../auth/staff-auth.ts';
import { organisationToManage } from '../organisations/organisation-access.ts';
import { hashPassword } from './passwords.ts';
import {
  countAdmins,
  findMember,
  findUserIdByEmail,
  insertUser,
  listMembers,
  membershipsOf,
  removeMembership,
  replaceProjectRoles,
  updateUser,
  upsertMembership,
} from './users.repository.ts';

const noSuchProject = (unknown: string[]) =>
  new AppError('PROJECT_NOT_FOUND', `The organisation has no project ${unknown.join(', ')}.`);

/**
 * The staff of an organisation (`?organisation=`, or the caller's only organisation they
 * administer): its admins manage them, and the operator may too (to give a new organisation its
 * first admin). A person may belong to several organisations; each manages only its own part —
 * roles there and in its projects. The account itself (password, name, disabled) changes only
 * when the caller administers every organisation the person belongs to.
 */
export const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const managers = requireOrganisationAdmin(pool, { operator: true });
  const principalOf = (request: { staff?: StaffPrincipal }) => request.staff as StaffPrincipal;

  async function memberOrNotFound(db: Queryable, organisationId: string, userId: string): Promise<StaffUser> {
    const member = await findMember(db, organisationId, userId);
    // A person of another organisation is "not found" here: no confirming who works elsewhere.
    if (!member) throw new AppError('USER_NOT_FOUND');
    return member;
  }

  /** 403 unless the caller may change the account itself (see above). */
  async function assertMayChangeAccount(db: Queryable, principal: StaffPrincipal, userId: string) {
    if (principal.operator || principal.userId === userId) return;
    const administered = new Set(adminOrganisations(principal).map((entry) => entry.organisationId));
    const memberships = await membershipsOf(db, userId);
    if (!memberships.every((organisationId) => administered.has(organisationId))) {
      throw new AppError(
        'FORBIDDEN',
        'This person also belongs to an organisation you do not administer: only its roles here can be changed, not their password, name or account.',
      );
    }
  }

  app.get(
    '/api/staff/users',
    {
      preHandler: managers,
      schema: { querystring: organisationQuerySchema, response: { 200: userListSchema, ...errorResponses } },
    },
    async (request) => {
      const organisation = await organisationToManage(
        pool,
        principalOf(request),
        request.query.organisation,
        {
          operator: true,
        },
      );
      return { users: await listMembers(pool, organisation.id) };
    },
  );

  app.post(
    '/api/staff/users',
    {
      preHandler: managers,
      schema: {
        querystring: organisationQuerySchema,
        body: userCreateSchema,
        response: { 201: staffUserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { organisation: slug, password, ...user } = request.body;
      const organisation = await organisationToManage(pool, principal, slug ?? request.query.organisation, {
        operator: true,
      });
      const passwordHash = await hashPassword(password);
      const id = await withTransaction(pool, async (client) => {
        // An e-mail with an account already (in another organisation) adds that person here.
        const existing = await findUserIdByEmail(client, user.email);
        const userId = existing ?? ((await insertUser(client, { ...user, passwordHash })) as string);
        if (await upsertMembership(client, organisation.id, userId, user.roles)) {
          throw new AppError('EMAIL_TAKEN', 'This person is already a member of the organisation.');
        }
        const unknown = await replaceProjectRoles(client, organisation.id, userId, user.projectRoles);
        if (unknown.length > 0) throw noSuchProject(unknown);
        await recordAudit(client, {
          userId: principal.userId,
          action: existing ? 'user.add-to-organisation' : 'user.create',
          targetType: 'user',
          targetId: userId,
          organisationId: organisation.id,
          details: { email: user.email, roles: user.roles, projectRoles: user.projectRoles },
        });
        return userId;
      });
      return reply.status(201).send(await memberOrNotFound(pool, organisation.id, id));
    },
  );

  app.patch(
    '/api/staff/users/:id',
    {
      preHandler: managers,
      schema: {
        params: userParamsSchema,
        querystring: organisationQuerySchema,
        body: userUpdateSchema,
        response: { 200: staffUserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const organisation = await organisationToManage(pool, principal, request.query.organisation, {
        operator: true,
      });
      const userId = request.params.id;
      const { password, projectRoles, roles, ...changes } = request.body;
      const passwordHash = password ? await hashPassword(password) : undefined;
      await withTransaction(pool, async (client) => {
        const member = await memberOrNotFound(client, organisation.id, userId);
        if (password || changes.name !== undefined || changes.disabled !== undefined) {
          await assertMayChangeAccount(client, principal, userId);
        }
        const losesAdmin = member.roles.includes('admin') && (roles ? !roles.includes('admin') : false);
        const disablesAdmin = member.roles.includes('admin') && changes.disabled === true;
        if ((losesAdmin || disablesAdmin) && userId === principal.userId) {
          throw new AppError(
            'FORBIDDEN',
            'You cannot take away your own admin role or account; ask another admin.',
          );
        }
        if (
          (losesAdmin || disablesAdmin) &&
          !member.disabled &&
          (await countAdmins(client, organisation.id)) <= 1
        ) {
          throw new AppError(
            'FORBIDDEN',
            'The organisation needs at least one admin; make someone else admin first.',
          );
        }
        await updateUser(client, userId, { ...changes, passwordHash });
        if (roles) await upsertMembership(client, organisation.id, userId, roles);
        if (projectRoles) {
          const unknown = await replaceProjectRoles(client, organisation.id, userId, projectRoles);
          if (unknown.length > 0) throw noSuchProject(unknown);
        }
        // A new password or a disabled account signs the user out everywhere.
        if (password || changes.disabled) await deleteSessionsOfUser(client, userId);
        await recordAudit(client, {
          userId: principal.userId,
          action: password ? 'user.reset-password' : 'user.update',
          targetType: 'user',
          targetId: userId,
          organisationId: organisation.id,
          details: { ...changes, ...(roles ? { roles } : {}), ...(projectRoles ? { projectRoles } : {}) },
        });
      });
      return memberOrNotFound(pool, organisation.id, userId);
    },
  );

  app.delete(
    '/api/staff/users/:id',
    {
      preHandler: managers,
      schema: {
        params: userParamsSchema,
        querystring: organisationQuerySchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const organisation = await organisationToManage(pool, principal, request.query.organisation, {
        operator: true,
      });
      const userId = request.params.id;
      await withTransaction(pool, async (client) => {
        const member = await memberOrNotFound(client, organisation.id, userId);
        if (userId === principal.userId && member.roles.includes('admin')) {
          throw new AppError('FORBIDDEN', 'You cannot remove yourself as an admin; ask another admin.');
        }
        if (
          member.roles.includes('admin') &&
          !member.disabled &&
          (await countAdmins(client, organisation.id)) <= 1
        ) {
          throw new AppError(
            'FORBIDDEN',
            'The organisation needs at least one admin; make someone else admin first.',
          );
        }
        const disabled = await removeMembership(client, organisation.id, userId);
        // A person in no organisation any more is signed out and cannot sign in again.
        if (disabled) await deleteSessionsOfUser(client, userId);
        await recordAudit(client, {
          userId: principal.userId,
          action: 'user.remove-from-organisation',
          targetType: 'user',
          targetId: userId,
          organisationId: organisation.id,
          details: { disabled },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
