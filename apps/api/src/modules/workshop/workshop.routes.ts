import { createHash } from 'node:crypto';
import {
  contributionCreatedSchema,
  contributionCreateSchema,
  projectParamsSchema,
  sessionCodeParamsSchema,
  sessionCreateSchema,
  sessionSchema,
  sessionTabletSchema,
  sessionUpdateSchema,
  tabletHeartbeatSchema,
  tabletIdSchema,
  tabletRenameSchema,
} from '@nabolag/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, unwrap } from '../../errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireProjectRole, requireStaff } from '../auth/staff-auth.ts';
import { createContribution } from '../contributions/contributions.service.ts';
import { newParticipantToken } from '../contributions/participant-token.ts';
import { findProjectBySlug } from '../projects/projects.repository.ts';
import { newJoinCode } from './join-code.ts';
import { announceContribution } from './live-events.ts';
import { openSessionStream } from './session-stream.ts';
import {
  appendSessionEvent,
  findSessionByCode,
  findTablet,
  insertSession,
  listProjectSessions,
  recordTablet,
  renameTablet,
  type StoredSession,
  sessionSummary,
  setSessionStatus,
} from './workshop.repository.ts';

const FACILITATORS = ['admin', 'planner', 'facilitator'] as const;

const publicSession = ({ id: _id, projectId: _projectId, ...session }: StoredSession) => session;

const summarySchema = z.object({
  session: sessionSchema,
  total: z.number().int(),
  byCategory: z.record(z.string(), z.number().int()),
  byGroup: z.record(z.string(), z.number().int()),
  tablets: z.array(sessionTabletSchema),
});

/** Workshop sessions: join codes, kiosk tablets reporting in, the live stream, the console's counts. */
export const workshopRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.pg.pool;
  const facilitators = requireStaff(pool, FACILITATORS);

  async function sessionOr404(code: string): Promise<StoredSession> {
    const session = await findSessionByCode(pool, code);
    if (!session) throw new AppError('UNKNOWN_SESSION', `There is no workshop session "${code}".`);
    return session;
  }

  app.post(
    '/api/projects/:slug/sessions',
    {
      preHandler: facilitators,
      schema: {
        params: projectParamsSchema,
        body: sessionCreateSchema,
        response: { 201: sessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      const principal = requireProjectRole(request, FACILITATORS, project.id);
      // Codes are random; on the rare clash, draw again.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const code = newJoinCode();
        if (
          await insertSession(pool, {
            ...request.body,
            projectId: project.id,
            code,
            createdBy: principal.userId,
          })
        ) {
          const session = (await findSessionByCode(pool, code)) as StoredSession;
          await recordAudit(pool, {
            userId: principal.userId,
            action: 'session.create',
            targetType: 'session',
            targetId: code,
            projectId: project.id,
          });
          return reply.status(201).send(publicSession(session));
        }
      }
      throw new Error('could not find a free join code in 10 attempts');
    },
  );

  app.get(
    '/api/staff/projects/:slug/sessions',
    {
      preHandler: facilitators,
      schema: {
        params: projectParamsSchema,
        response: { 200: z.object({ sessions: z.array(sessionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const project = await findProjectBySlug(pool, request.params.slug);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      requireProjectRole(request, FACILITATORS, project.id);
      return { sessions: (await listProjectSessions(pool, project.id)).map(publicSession) };
    },
  );

  app.get(
    '/api/sessions/:code',
    { schema: { params: sessionCodeParamsSchema, response: { 200: sessionSchema, ...errorResponses } } },
    async (request) => publicSession(await sessionOr404(request.params.code)),
  );

  app.patch(
    '/api/sessions/:code',
    {
      preHandler: facilitators,
      schema: {
        params: sessionCodeParamsSchema,
        body: sessionUpdateSchema,
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const session = await sessionOr404(request.params.code);
      const principal = requireProjectRole(request, FACILITATORS, session.projectId);
      await setSessionStatus(pool, session.id, request.body.status);
      await appendSessionEvent(pool, session.id, { type: 'session', status: request.body.status });
      await app.sessionBus.notify(session.id);
      await recordAudit(pool, {
        userId: principal.userId,
        action: `session.${request.body.status}`,
        targetType: 'session',
        targetId: session.code,
        projectId: session.projectId,
      });
      return publicSession((await findSessionByCode(pool, session.code)) as StoredSession);
    },
  );

  // Places from a paper map, entered by a facilitator on behalf of participants. A label
  // ("Paper map 3") makes the places of one paper map share a participant; they are marked as
  // entered by the facilitator.
  app.post(
    '/api/staff/sessions/:code/contributions',
    {
      preHandler: facilitators,
      schema: {
        params: sessionCodeParamsSchema,
        body: contributionCreateSchema
          .omit({ session: true, tablet: true })
          .extend({ paperParticipant: z.string().trim().min(1).max(60).optional() })
          .strict(),
        response: { 200: contributionCreatedSchema, 201: contributionCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await sessionOr404(request.params.code);
      const principal = requireProjectRole(request, FACILITATORS, session.projectId);
      const project = await findProjectBySlug(pool, session.project);
      if (!project) throw new AppError('PROJECT_NOT_FOUND');
      const { paperParticipant, ...contribution } = request.body;
      const token = paperParticipant
        ? createHash('sha256').update(`paper:${session.id}:${paperParticipant}`).digest('base64url')
        : newParticipantToken();
      const outcome = unwrap(
        await createContribution(pool, project, { ...contribution, session: session.code }, token, {
          // A paper map has no answers to the follow-up questions: required ones may stay empty.
          answerRules: { requiredOptional: true },
        }),
      );
      if (outcome.created) {
        await pool.query('UPDATE contributions SET entered_by = $2 WHERE id = $1', [
          outcome.body.id,
          principal.userId,
        ]);
        await recordAudit(pool, {
          userId: principal.userId,
          action: 'contribution.enter-from-paper',
          targetType: 'contribution',
          targetId: outcome.body.id,
          projectId: session.projectId,
          details: { session: session.code, paperParticipant: paperParticipant ?? null },
        });
        await announceContribution(pool, app.sessionBus, outcome.body.id);
      }
      // The facilitator does not act as the participant later: no token in the answer.
      return reply.status(outcome.created ? 201 : 200).send({ id: outcome.body.id });
    },
  );

  app.get(
    '/api/staff/sessions/:code/summary',
    {
      preHandler: facilitators,
      schema: { params: sessionCodeParamsSchema, response: { 200: summarySchema, ...errorResponses } },
    },
    async (request) => {
      const session = await sessionOr404(request.params.code);
      requireProjectRole(request, FACILITATORS, session.projectId);
      return { session: publicSession(session), ...(await sessionSummary(pool, session.id)) };
    },
  );

  // A facilitator names a tablet ("Vindusbordet"); null goes back to the default name.
  app.put(
    '/api/staff/sessions/:code/tablets/:tablet',
    {
      preHandler: facilitators,
      schema: {
        params: sessionCodeParamsSchema.extend({ tablet: tabletIdSchema }),
        body: tabletRenameSchema,
        response: { 200: sessionTabletSchema, ...errorResponses },
      },
    },
    async (request) => {
      const session = await sessionOr404(request.params.code);
      const principal = requireProjectRole(request, FACILITATORS, session.projectId);
      const { tablet } = request.params;
      if (!(await renameTablet(pool, session.id, tablet, request.body.name))) {
        throw new AppError('NOT_FOUND', `The workshop "${session.code}" has no tablet "${tablet}".`);
      }
      await recordAudit(pool, {
        userId: principal.userId,
        action: 'session.tablet-rename',
        targetType: 'session',
        targetId: session.code,
        projectId: session.projectId,
        details: { tablet, name: request.body.name },
      });
      const { tablets } = await sessionSummary(pool, session.id);
      return tablets.find((candidate) => candidate.tablet === tablet) as (typeof tablets)[number];
    },
  );

  app.post(
    '/api/sessions/:code/tablets/:tablet',
    {
      schema: {
        params: sessionCodeParamsSchema.extend({ tablet: tabletIdSchema }),
        body: tabletHeartbeatSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await sessionOr404(request.params.code);
      const group = request.body.group ?? null;
      const changed = await recordTablet(
        pool,
        session.id,
        request.params.tablet,
        group,
        request.body.pending,
      );
      if (changed) {
        await appendSessionEvent(pool, session.id, {
          type: 'tablet',
          tablet: request.params.tablet,
          group,
          pending: request.body.pending,
          lastSeenAt: changed.lastSeenAt,
        });
        await app.sessionBus.notify(session.id);
      }
      return reply.status(204).send(null);
    },
  );

  // A kiosk asks for its own name ("Tablet B", or the facilitator's), to show it to the room.
  app.get(
    '/api/sessions/:code/tablets/:tablet',
    {
      schema: {
        params: sessionCodeParamsSchema.extend({ tablet: tabletIdSchema }),
        response: {
          200: sessionTabletSchema.pick({ tablet: true, name: true, ordinal: true, group: true }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const session = await sessionOr404(request.params.code);
      const found = await findTablet(pool, session.id, request.params.tablet);
      if (!found) {
        throw new AppError(
          'NOT_FOUND',
          `No tablet "${request.params.tablet}" has reported in to this workshop.`,
        );
      }
      return found;
    },
  );

  app.get(
    '/api/sessions/:code/stream',
    {
      schema: {
        params: sessionCodeParamsSchema,
        querystring: z.object({ lastEventId: z.string().regex(/^\d+$/).optional() }),
        headers: z.object({
          'last-event-id': z.string().regex(/^\d*$/, 'Last-Event-ID must be an event id').optional(),
        }),
      },
    },
    async (request, reply) => {
      const session = await sessionOr404(request.params.code);
      const after = request.headers['last-event-id'] || request.query.lastEventId || '0';
      openSessionStream({ pool, bus: app.sessionBus, request, reply, sessionId: session.id, after });
    },
  );
};
