import type { AnswerProblem, FollowUpAnswers, FollowUpQuestion } from '@nabolag/schema';
import { isQuestionShown } from '@nabolag/schema/plain';
import { schemasNow } from '../../../api/schemas.ts';

/**
 * Answers as the form holds them: an option key (single choice, and the scale as "1"…"5"), option
 * keys (multiple choice), or what was typed (number, text). They become typed answers only when
 * sent, so a half-typed number is not lost or rewritten while the resident types.
 */
export type RawAnswers = Readonly<Record<string, string | readonly string[]>>;

/** "1,5" (the Norwegian decimal comma) and "1.5" are both one and a half; anything else stays text. */
function numberFrom(text: string): number | string {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return text;
  return Number(trimmed);
}

/**
 * The answers to send: only questions asked (conditions met, in order), blank ones left out,
 * numbers and the scale as numbers. A number that does not parse stays text, so the check says
 * what is wrong rather than dropping it.
 */
export function typedAnswers(questions: readonly FollowUpQuestion[], raw: RawAnswers): FollowUpAnswers {
  const answers: FollowUpAnswers = {};
  for (const question of questions) {
    if (!isQuestionShown(question, answers)) continue;
    const value = raw[question.key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) answers[question.key] = [...value];
      continue;
    }
    const text = value as string;
    if (text.trim() === '') continue;
    answers[question.key] =
      question.type === 'number' || question.type === 'scale' ? numberFrom(text) : text.trim();
  }
  return answers;
}

/** The questions asked for these answers, in order. */
export function shownQuestionsFor(
  questions: readonly FollowUpQuestion[],
  raw: RawAnswers,
): FollowUpQuestion[] {
  const answers = typedAnswers(questions, raw);
  return questions.filter((question) => isQuestionShown(question, answers));
}

/**
 * What is wrong with each answer (question key → problem); empty when the answers can be sent.
 * With questions, the schemas must be loaded (`loadSchemas`): the form waits for them before it
 * shows the questions (`SchemasReady`) and before it sends.
 */
export function answerProblems(
  questions: readonly FollowUpQuestion[],
  raw: RawAnswers,
): Record<string, AnswerProblem> {
  // No questions: typedAnswers keeps nothing, so there is nothing to check (and no zod to load).
  if (questions.length === 0) return {};
  const checked = schemasNow().validateFollowUpAnswers(questions, typedAnswers(questions, raw));
  if (checked.ok) return {};
  const problems: Record<string, AnswerProblem> = {};
  for (const issue of checked.issues) problems[issue.question] ??= issue.problem;
  return problems;
}

/** Stored or queued answers back into the form (a place taken back from the outbox). */
export function rawAnswersOf(answers: Readonly<Record<string, unknown>> | undefined): RawAnswers {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(answers ?? {})) {
    if (Array.isArray(value)) raw[key] = value.map(String);
    else if (typeof value === 'number') raw[key] = String(value);
    else if (typeof value === 'string') raw[key] = value;
  }
  return raw;
}
