import {
  type FollowUpAnswers,
  type FollowUpQuestion,
  type FollowUpQuestionType,
  followUpQuestionListSchema,
} from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';

/** A contribution's answers as stored: the document and the version of the questions it answers. */
export interface StoredAnswers {
  version: number;
  answers: FollowUpAnswers;
}

/** One version of one category's questions. */
export interface QuestionSet {
  category: string;
  version: number;
  questions: FollowUpQuestion[];
}

/**
 * Stores a new version of each category's questions where they differ from the latest stored
 * version (jsonb equality: the same questions in the same order). Categories whose `questions`
 * is left out keep theirs; a category that never had questions gets no empty version.
 */
export async function saveQuestionSets(
  db: Queryable,
  projectId: string,
  categories: ReadonlyArray<{ key: string; questions?: readonly FollowUpQuestion[] | undefined }>,
): Promise<void> {
  const given = categories
    .filter((category) => category.questions !== undefined)
    .map((category) => ({ key: category.key, questions: category.questions }));
  if (given.length === 0) return;
  await db.query(
    `INSERT INTO follow_up_question_sets (project_id, category_key, version, questions)
     SELECT $1, c.key, COALESCE(latest.version, 0) + 1, c.questions
     FROM jsonb_to_recordset($2::jsonb) AS c(key text, questions jsonb)
     LEFT JOIN LATERAL (
       SELECT s.version, s.questions FROM follow_up_question_sets s
       WHERE s.project_id = $1 AND s.category_key = c.key ORDER BY s.version DESC LIMIT 1
     ) latest ON true
     WHERE latest.questions IS DISTINCT FROM c.questions
       AND NOT (latest.version IS NULL AND c.questions = '[]'::jsonb)`,
    [projectId, JSON.stringify(given)],
  );
}

/** One stored version of a category's questions, or undefined when there is no such version. */
export async function findQuestionSet(
  db: Queryable,
  projectId: string,
  category: string,
  version: number,
): Promise<FollowUpQuestion[] | undefined> {
  const { rows } = await db.query<{ questions: unknown }>(
    `SELECT questions FROM follow_up_question_sets
     WHERE project_id = $1 AND category_key = $2 AND version = $3::int`,
    [projectId, category, version],
  );
  return rows[0] ? followUpQuestionListSchema.parse(rows[0].questions) : undefined;
}

/**
 * Every stored version of every category's questions in a project, newest version first within
 * each category: what `followUpColumns` takes to make export columns that fit old answers too.
 * `category` limits it to one category.
 */
export async function listQuestionSets(
  db: Queryable,
  projectId: string,
  category?: string,
): Promise<QuestionSet[]> {
  const { rows } = await db.query<{ category: string; version: number; questions: unknown }>(
    `SELECT s.category_key AS category, s.version, s.questions
     FROM follow_up_question_sets s
     JOIN categories c ON c.project_id = s.project_id AND c.key = s.category_key
     WHERE s.project_id = $1 AND ($2::text IS NULL OR s.category_key = $2)
     ORDER BY c.position, s.category_key, s.version DESC`,
    [projectId, category ?? null],
  );
  return rows.map((row) => ({
    category: row.category,
    version: row.version,
    questions: followUpQuestionListSchema.parse(row.questions),
  }));
}

/** The type each question key has had in any stored version of the project's questions. */
export async function storedKeyTypes(
  db: Queryable,
  projectId: string,
): Promise<Map<string, FollowUpQuestionType>> {
  const { rows } = await db.query<{ key: string; type: FollowUpQuestionType }>(
    `SELECT DISTINCT ON (question->>'key') question->>'key' AS key, question->>'type' AS type
     FROM follow_up_question_sets s, jsonb_array_elements(s.questions) AS question
     WHERE s.project_id = $1
     ORDER BY question->>'key', s.version DESC`,
    [projectId],
  );
  return new Map(rows.map((row) => [row.key, row.type]));
}

/** Stores or replaces a contribution's answers; `null` deletes them. */
export async function replaceAnswers(
  db: Queryable,
  contribution: { id: string; projectId: string; category: string },
  stored: StoredAnswers | null,
): Promise<void> {
  if (!stored) {
    await db.query('DELETE FROM contribution_answers WHERE contribution_id = $1', [contribution.id]);
    return;
  }
  await db.query(
    `INSERT INTO contribution_answers (contribution_id, project_id, category_key, version, answers)
     VALUES ($1, $2, $3, $4::int, $5::jsonb)
     ON CONFLICT (contribution_id) DO UPDATE SET category_key = EXCLUDED.category_key,
       version = EXCLUDED.version, answers = EXCLUDED.answers, updated_at = now()`,
    [
      contribution.id,
      contribution.projectId,
      contribution.category,
      stored.version,
      JSON.stringify(stored.answers),
    ],
  );
}

/** The stored answers of these contributions, by contribution id (those without answers are absent). */
export async function findAnswers(
  db: Queryable,
  contributionIds: readonly string[],
): Promise<Map<string, StoredAnswers>> {
  if (contributionIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; version: number; answers: FollowUpAnswers }>(
    `SELECT contribution_id AS id, version, answers FROM contribution_answers WHERE contribution_id = ANY($1::uuid[])`,
    [contributionIds],
  );
  return new Map(rows.map((row) => [row.id, { version: row.version, answers: row.answers }]));
}

/**
 * Every stored answer set of a project (or one category of it), by contribution id: for exports,
 * which pass each row's entry to `followUpRowValues`.
 */
export async function listProjectAnswers(
  db: Queryable,
  projectId: string,
  category?: string,
): Promise<Map<string, StoredAnswers>> {
  const { rows } = await db.query<{ id: string; version: number; answers: FollowUpAnswers }>(
    `SELECT contribution_id AS id, version, answers FROM contribution_answers
     WHERE project_id = $1 AND ($2::text IS NULL OR category_key = $2)`,
    [projectId, category ?? null],
  );
  return new Map(rows.map((row) => [row.id, { version: row.version, answers: row.answers }]));
}
