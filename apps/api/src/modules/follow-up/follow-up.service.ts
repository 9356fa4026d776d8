import { type FollowUpQuestion, followUpAnswersValidator } from '@nabolag/schema';
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
 * Validators per question set and rule (the sets are the cached project's arrays, or stored
 * versions read per request): building a validator costs about a millisecond of CPU, which on
 * every POST /contributions was a seventh of the API's time under load (docs/benchmarks.md).
 */
const validators = {
  asked: new WeakMap<readonly FollowUpQuestion[], ReturnType<typeof followUpAnswersValidator>>(),
  allOptional: new WeakMap<readonly FollowUpQuestion[], ReturnType<typeof followUpAnswersValidator>>(),
};

/** One array for categories without questions, so that its validator is kept too. */
const NO_QUESTIONS: FollowUpQuestion[] = [];

function answersValidator(questions: readonly FollowUpQuestion[], allOptional: boolean) {
  const cache = allOptional ? validators.allOptional : validators.asked;
  let validator = cache.get(questions);
  if (!validator) {
    validator = followUpAnswersValidator(
      allOptional ? questions.map((question) => ({ ...question, required: false })) : questions,
    );
    cache.set(questions, validator);
  }
  return validator;
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
  let questions: FollowUpQuestion[] = category?.questions ?? NO_QUESTIONS;
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
  const checked = answersValidator(questions, rules.requiredOptional === true)(answers ?? {});
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
