import { validateGeometry } from '@nabolag/geo';
import type {
  ContributionCreate,
  ContributionCreated,
  ContributionGeometry,
  ContributionUpdate,
} from '@nabolag/schema';
import type pg from 'pg';
import { withTransaction } from '../../db/queryable.ts';
import { fail, ok, type Result } from '../../errors.ts';
import { insertFlags } from '../moderation/moderation.repository.ts';
import { flagStory } from '../moderation/story-flags.ts';
import { onlyAskedAnswers } from '../participants/asked-answers.ts';
import { findParticipantByToken, upsertParticipant } from '../participants/participants.repository.ts';
import type { StoredProject } from '../projects/projects.repository.ts';
import {
  checkGeometry,
  deleteContribution,
  findContribution,
  findSession,
  insertContribution,
  updateContribution,
} from './contributions.repository.ts';
import { hashToken, newParticipantToken } from './participant-token.ts';

/** Checks a category and geometry against the project: the category exists, allows the type, and the geometry is valid and near the area. */
async function checkPlacement(
  pool: pg.Pool,
  project: StoredProject,
  categoryKey: string,
  geometry: ContributionGeometry,
): Promise<Result<void>> {
  const category = project.categories.find((candidate) => candidate.key === categoryKey);
  if (!category) {
    return fail('UNKNOWN_CATEGORY', `The project has no category "${categoryKey}".`, {
      allowed: project.categories.map((candidate) => candidate.key),
    });
  }
  if (!category.geometryTypes.includes(geometry.type)) {
    return fail(
      'GEOMETRY_TYPE_NOT_ALLOWED',
      `The category "${categoryKey}" takes ${category.geometryTypes.join(', ')}, not ${geometry.type}.`,
      { allowed: category.geometryTypes },
    );
  }
  const local = validateGeometry(geometry);
  if (!local.ok) return fail('INVALID_GEOMETRY', `The geometry is not valid: ${local.reason}.`);
  const verdict = await checkGeometry(pool, project.id, geometry, project.areaMarginMetres);
  if (!verdict.valid) return fail('INVALID_GEOMETRY', `The geometry is not valid: ${verdict.reason}.`);
  if (!verdict.nearArea) {
    return fail(
      'OUTSIDE_PROJECT_AREA',
      `The place is more than ${project.areaMarginMetres} m outside the project area; put it inside the area shown on the map.`,
    );
  }
  return ok(undefined);
}

export type CreateOutcome =
  | { created: true; body: ContributionCreated }
  | { created: false; body: ContributionCreated };

/**
 * Stores a new contribution, or recognises a repeat of one already stored (the client-made id is
 * the idempotency key): a repeat with the same content returns the stored contribution and
 * creates nothing; the same id with other content is a conflict.
 */
export async function createContribution(
  pool: pg.Pool,
  project: StoredProject,
  input: ContributionCreate,
  participantToken: string | undefined,
): Promise<Result<CreateOutcome>> {
  const story = input.story?.trim() ? input.story : null;
  const repeat = await answerRepeat(pool, project, input, story, participantToken);
  if (repeat) return repeat;

  if (!project.open) return fail('PROJECT_CLOSED', 'This project is not taking contributions now.');
  const placement = await checkPlacement(pool, project, input.category, input.geometry);
  if (!placement.ok) return placement;

  let sessionId: string | null = null;
  if (input.session) {
    const session = await findSession(pool, project.id, input.session);
    if (!session)
      return fail('UNKNOWN_SESSION', `There is no workshop session "${input.session}" in this project.`);
    if (session.status !== 'open') {
      return fail('SESSION_NOT_OPEN', `The workshop session "${input.session}" is ${session.status}.`);
    }
    sessionId = session.id;
  }

  const flags = flagStory(story);
  const heldBack = project.moderation === 'before' || flags.some((flag) => flag.holdBack);
  const issuedToken = participantToken ? undefined : newParticipantToken();
  const token = participantToken ?? (issuedToken as string);
  const stored = await withTransaction(pool, async (client) => {
    const participantId = await upsertParticipant(
      client,
      project.id,
      hashToken(token),
      onlyAskedAnswers(input.participant, project.backgroundQuestions),
    );
    const inserted = await insertContribution(client, {
      id: input.id,
      projectId: project.id,
      participantId,
      category: input.category,
      geometry: input.geometry,
      story,
      sessionId,
      sessionGroup: input.session ? (input.sessionGroup ?? null) : null,
      tablet: input.session ? (input.tablet ?? null) : null,
      status: heldBack ? 'pending' : 'published',
    });
    if (!inserted) throw new IdTakenMeanwhile();
    await insertFlags(
      client,
      input.id,
      flags.map((flag) => ({ source: 'automatic' as const, reason: flag.reason })),
    );
    return participantId;
  }).catch((error: unknown) => {
    if (error instanceof IdTakenMeanwhile) return undefined;
    throw error;
  });
  if (stored === undefined) {
    // The same id arrived twice at once and the other request won: answer as for a repeat.
    return (
      (await answerRepeat(pool, project, input, story, participantToken)) ??
      fail('ID_CONFLICT', 'This id was taken meanwhile; make a new id.')
    );
  }
  const body: ContributionCreated = { id: input.id, participantId: stored };
  if (issuedToken) body.token = issuedToken;
  return ok({ created: true, body });
}

class IdTakenMeanwhile extends Error {}

async function answerRepeat(
  pool: pg.Pool,
  project: StoredProject,
  input: ContributionCreate,
  story: string | null,
  participantToken: string | undefined,
): Promise<Result<CreateOutcome> | undefined> {
  const existing = await findContribution(pool, input.id, {
    category: input.category,
    geometry: input.geometry,
    story,
  });
  if (!existing) return undefined;
  if (existing.projectId !== project.id || !existing.sameContent) {
    return fail('ID_CONFLICT', 'This id is already used by a different contribution; make a new id.');
  }
  // Ids are public: only the participant who made it learns which participant it belongs to.
  const callerId = participantToken
    ? await findParticipantByToken(pool, project.id, hashToken(participantToken))
    : undefined;
  const body: ContributionCreated =
    callerId === existing.participantId
      ? { id: existing.id, participantId: existing.participantId }
      : { id: existing.id };
  return ok({ created: false, body });
}

/** Loads a contribution for a change by its participant: 404 if missing, 403 if the token is not its maker's. */
export async function findOwnedContribution(
  pool: pg.Pool,
  id: string,
  participantToken: string,
): Promise<Result<{ projectId: string; participantId: string }>> {
  const existing = await findContribution(pool, id);
  if (!existing) return fail('CONTRIBUTION_NOT_FOUND', 'There is no contribution with this id.');
  const callerId = await findParticipantByToken(pool, existing.projectId, hashToken(participantToken));
  if (callerId !== existing.participantId) {
    return fail('FORBIDDEN', 'Only the participant who made this contribution may change it.');
  }
  return ok({ projectId: existing.projectId, participantId: existing.participantId });
}

export async function editContribution(
  pool: pg.Pool,
  loadProject: (projectId: string) => Promise<StoredProject | undefined>,
  id: string,
  participantToken: string,
  changes: ContributionUpdate,
): Promise<Result<void>> {
  const owned = await findOwnedContribution(pool, id, participantToken);
  if (!owned.ok) return owned;
  const project = await loadProject(owned.value.projectId);
  if (!project) return fail('PROJECT_NOT_FOUND', 'The project of this contribution is gone.');
  if (!project.open)
    return fail('PROJECT_CLOSED', 'This project is closed; contributions can no longer be changed.');
  if (changes.category !== undefined || changes.geometry !== undefined) {
    const current = await findContributionShape(pool, id);
    const placement = await checkPlacement(
      pool,
      project,
      changes.category ?? current.category,
      changes.geometry ?? current.geometry,
    );
    if (!placement.ok) return placement;
  }
  const story = changes.story === undefined ? undefined : changes.story.trim() ? changes.story : null;
  const flags = flagStory(story);
  await withTransaction(pool, async (client) => {
    await updateContribution(client, id, { category: changes.category, geometry: changes.geometry, story });
    // A changed story is checked like a new one; if it must wait for a moderator, it is withdrawn.
    await insertFlags(
      client,
      id,
      flags.map((flag) => ({ source: 'automatic' as const, reason: flag.reason })),
    );
    if (story !== undefined && (project.moderation === 'before' || flags.some((flag) => flag.holdBack))) {
      await client.query(
        `UPDATE contributions SET status = 'pending' WHERE id = $1 AND status = 'published'`,
        [id],
      );
    }
  });
  return ok(undefined);
}

async function findContributionShape(
  pool: pg.Pool,
  id: string,
): Promise<{ category: string; geometry: ContributionGeometry }> {
  const { rows } = await pool.query<{ category: string; geometry: ContributionGeometry }>(
    'SELECT category_key AS category, ST_AsGeoJSON(geometry)::json AS geometry FROM contributions WHERE id = $1',
    [id],
  );
  return rows[0] as { category: string; geometry: ContributionGeometry };
}

/** Deletes a contribution for good (a participant's right to erasure); allowed even when the project is closed. */
export async function removeContribution(
  pool: pg.Pool,
  id: string,
  participantToken: string,
): Promise<Result<void>> {
  const owned = await findOwnedContribution(pool, id, participantToken);
  if (!owned.ok) return owned;
  await deleteContribution(pool, id);
  return ok(undefined);
}
