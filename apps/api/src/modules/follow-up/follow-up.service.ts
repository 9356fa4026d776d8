import { type FollowUpQuestion, validateFollowUpAnswers } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { fail, ok, type Result } from '../../errors.ts';
import type { StoredProject } from '../projects/projects.repository.ts';
import { findQuestionSet, type StoredAnswers } from './follow-up.repository.ts';

export interface AnswerRules {
  /**
   * Required questions may be left unanswered (a facilitator entering places from a paper map
   * has no answers to give); every other rule still holds.
   */
  requiredOptional?: boolean;
}

/**
 * Checks answers against the category's follow-up questions: the current version, or the
 * version the client names (answers made offline against questions that changed since still fit
 * what the resident was asked). Returns what to store, or null when there is nothing to store.
 */
export async function resolveAnswers(
  db: Queryable,
  project: StoredProject,
  categoryKey: string,
  answers: Record<string, unknown> | undefined,
  version: number | undefined,
  rules: AnswerRules = {},
): Promise<Result<StoredAnswers | null>> {
  const category = project.categories.find((candidate) => candidate.key === categoryKey);
  const currentVersion = category?.questionsVersion ?? 0;
  let questions: FollowUpQuestion[] = category?.questions ?? [];
  let answeredVersion = currentVersion;
  if (version !== undefined && version !== currentVersion) {
    const older = await findQuestionSet(db, project.id, categoryKey, version);
    if (!older) {
      return fail(
        'INVALID_ANSWERS',
        `The category "${categoryKey}" has no version ${version} of its questions; the current one is ${currentVersion}.`,
        { issues: [{ question: '', problem: 'unknown-question', message: `no version ${version}` }] },
      );
    }
    questions = older;
    answeredVersion = version;
  }
  if (rules.requiredOptional) questions = questions.map((question) => ({ ...question, required: false }));
  const checked = validateFollowUpAnswers(questions, answers ?? {});
  if (!checked.ok) {
    const summary = checked.issues
      .map((issue) => (issue.question ? `${issue.question}: ${issue.message}` : issue.message))
      .join('; ');
    return fail(
      'INVALID_ANSWERS',
      `The answers to the questions about the place are not valid: ${summary}.`,
      {
        issues: checked.issues,
      },
    );
  }
  if (Object.keys(checked.answers).length === 0) return ok(null);
  return ok({ version: answeredVersion, answers: checked.answers });
}
