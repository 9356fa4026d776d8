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
import { type RateLimitCounter, rateLimitExceeded } from '../../http/rate-limit.ts';
import { replaceAnswers, type StoredAnswers } from '../follow-up/follow-up.repository.ts';
import { type AnswerRules, resolveAnswers } from '../follow-up/follow-up.service.ts';
import { insertFlags } from '../moderation/moderation.repository.ts';
import { flagStory } from '../moderation/story-flags.ts';
import { onlyAskedAnswers } from '../participants/asked-answers.ts';
import { findParticipantByToken } from '../participants/participants.repository.ts';
import type { StoredProject } from '../projects/projects.repository.ts';
import {
  checkGeometry,
  deleteContribution,
  findContribution,
  updateContribution,
} from './contributions.repository.ts';
import { hashToken, newParticipantToken } from './participant-token.ts';
import {
  type StoreContributionInput,
  type StoreContributionVerdict,
  storeContribution,
} from './store-contribution.repository.ts';

/** The checks of a category and geometry that need no database: the category exists and allows the type, the coordinates are sound. */
function checkPlacementLocally(
  project: StoredProject,
  categoryKey: string,
  geometry: ContributionGeometry,
): Result<void> {
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
  return ok(undefined);
}

/** PostGIS's verdict on a geometry as an answer: valid, and within the project's margin of its area. */
function placementVerdict(
  project: StoredProject,
  verdict: { valid: boolean; reason: string; nearArea: boolean },
): Result<void> {
  if (!verdict.valid) return fail('INVALID_GEOMETRY', `The geometry is not valid: ${verdict.reason}.`);
  if (!verdict.nearArea) {
    return fail(
      'OUTSIDE_PROJECT_AREA',
      `The place is more than ${project.areaMarginMetres} m outside the project area; put it inside the area shown on the map.`,
    );
  }
  return ok(undefined);
}

/** Checks a category and geometry against the project: the category exists, allows the type, and the geometry is valid and near the area. */
async function checkPlacement(
  pool: pg.Pool,
  project: StoredProject,
  categoryKey: string,
  geometry: ContributionGeometry,
): Promise<Result<void>> {
  const local = checkPlacementLocally(project, categoryKey, geometry);
  if (!local.ok) return local;
  return placementVerdict(project, await checkGeometry(pool, project.id, geometry, project.areaMarginMetres));
}

export type CreateOutcome =
  | { created: true; body: ContributionCreated }
  | { created: false; body: ContributionCreated };

export interface CreateOptions {
  /** The rate-limit counter this request is counted on (undefined: no limit). */
  rateLimit?: RateLimitCounter | undefined;
  /** Reads the project again when the statement finds the caller's copy stale (see project-cache.ts). */
  reloadProject?: () => Promise<StoredProject | undefined>;
  /** How the follow-up answers are checked (a paper map's places may leave required ones out). */
  answerRules?: AnswerRules;
  /** Stores the contribution (the route's batching writer, contribution-writer.ts); default: alone, at once. */
  store?: (input: StoreContributionInput) => Promise<StoreContributionVerdict>;
}

/**
 * Stores a new contribution, or recognises a repeat of one already stored (the client-made id is
 * the idempotency key): a repeat with the same content returns the stored contribution and
 * creates nothing; the same id with other content is a conflict.
 *
 * One statement does the work (store-contribution.repository.ts); this function prepares what
 * needs no database (category, geometry type, story flags, which answers are kept) and turns
 * the statement's findings into the answer, checked in this order: rate limit, repeat, project
 * open, placement, session.
 */
export async function createContribution(
  pool: pg.Pool,
  project: StoredProject & { stamp?: string },
  input: ContributionCreate,
  participantToken: string | undefined,
  options: CreateOptions = {},
): Promise<Result<CreateOutcome>> {
  const story = input.story?.trim() ? input.story : null;
  const flags = flagStory(story);
  // A first contribution without a token gets one; it is handed out only if this one is stored.
  const issuedToken = participantToken ? undefined : newParticipantToken();
  const tokenHash = hashToken(participantToken ?? (issuedToken as string));
  const session = input.session ? input.session.toUpperCase() : null;

  const store = options.store ?? ((input) => storeContribution(pool, input, { prepared: false }));
  let current: StoredProject & { stamp?: string } = project;
  let rateLimit = options.rateLimit;
  // At most: one stale copy of the project, then one race with a request carrying the same id.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const placement = checkPlacementLocally(current, input.category, input.geometry);
    const answered = await resolveAnswers(
      pool,
      current,
      input.category,
      input.answers,
      input.questionsVersion,
      options.answerRules,
    );
    const verdict = await store({
      id: input.id,
      projectId: current.id,
      projectStamp: current.stamp,
      category: input.category,
      geometry: input.geometry,
      story,
      placeable: placement.ok && answered.ok,
      sessionCode: session,
      sessionGroup: input.sessionGroup ?? null,
      tablet: input.tablet ?? null,
      holdBack: flags.some((flag) => flag.holdBack),
      flags: flags.map((flag) => ({ source: 'automatic' as const, reason: flag.reason })),
      tokenHash,
      profile: onlyAskedAnswers(input.participant, current.backgroundQuestions),
      rateLimit,
      answers: answered.ok ? answered.value : null,
    });
    // Counted once, even when the statement runs again.
    rateLimit = undefined;
    if (verdict.hits !== null && options.rateLimit && verdict.hits > options.rateLimit.limit) {
      const refused = rateLimitExceeded(verdict.retrySeconds ?? 1);
      return fail(refused.code, refused.message, refused.details);
    }
    if (verdict.existing) {
      const { existing } = verdict;
      if (existing.projectId !== current.id || !existing.sameContent) {
        return fail('ID_CONFLICT', 'This id is already used by a different contribution; make a new id.');
      }
      // Ids are public: only the participant who made it learns which participant it belongs to.
      const body: ContributionCreated = existing.sameParticipant
        ? { id: input.id, participantId: existing.participantId }
        : { id: input.id };
      return ok({ created: false, body });
    }
    if (!verdict.projectFound || !verdict.projectFresh) {
      const reloaded = await options.reloadProject?.();
      if (!reloaded) return fail('PROJECT_NOT_FOUND', 'The project is gone.');
      current = reloaded;
      continue;
    }
    if (!verdict.projectOpen) return fail('PROJECT_CLOSED', 'This project is not taking contributions now.');
    if (!placement.ok) return placement;
    // Bad answers stop the statement before it looks at the geometry (placeable is false).
    if (!answered.ok) return answered;
    const placed = placementVerdict(current, {
      valid: verdict.geometryValid ?? false,
      reason: verdict.geometryReason ?? 'unknown',
      nearArea: verdict.nearArea ?? false,
    });
    if (!placed.ok) return placed;
    if (session && verdict.sessionStatus === null)
      return fail('UNKNOWN_SESSION', `There is no workshop session "${input.session}" in this project.`);
    if (session && verdict.sessionStatus !== 'open') {
      return fail('SESSION_NOT_OPEN', `The workshop session "${input.session}" is ${verdict.sessionStatus}.`);
    }
    if (verdict.storedParticipantId) {
      const body: ContributionCreated = { id: input.id, participantId: verdict.storedParticipantId };
      if (issuedToken) body.token = issuedToken;
      return ok({ created: true, body });
    }
    // Everything passed but nothing was stored: the same id arrived twice at once and the other
    // request won. The next round answers as for a repeat.
  }
  return fail('ID_CONFLICT', 'This id was taken meanwhile; make a new id.');
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
  const recategorised = changes.category !== undefined;
  let currentCategory: string | undefined;
  if (changes.category !== undefined || changes.geometry !== undefined) {
    const current = await findContributionShape(pool, id);
    currentCategory = current.category;
    const placement = await checkPlacement(
      pool,
      project,
      changes.category ?? current.category,
      changes.geometry ?? current.geometry,
    );
    if (!placement.ok) return placement;
  }
  // New answers replace the old; a new category's questions are answered afresh (none given: none kept).
  let answers: { category: string; stored: StoredAnswers | null } | undefined;
  if (changes.answers !== undefined || (recategorised && changes.category !== currentCategory)) {
    const category = changes.category ?? currentCategory ?? (await findContributionShape(pool, id)).category;
    const checked = await resolveAnswers(pool, project, category, changes.answers, changes.questionsVersion);
    if (!checked.ok) return checked;
    answers = { category, stored: checked.value };
  }
  const story = changes.story === undefined ? undefined : changes.story.trim() ? changes.story : null;
  const flags = flagStory(story);
  await withTransaction(pool, async (client) => {
    await updateContribution(client, id, { category: changes.category, geometry: changes.geometry, story });
    if (answers)
      await replaceAnswers(client, { id, projectId: project.id, category: answers.category }, answers.stored);
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
