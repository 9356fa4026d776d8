import { z } from 'zod';
import { localizedTextSchema } from './i18n.ts';
import { conditionValues, isQuestionShown, SCALE_MAX, SCALE_MIN } from './plain.ts';

/**
 * Follow-up questions: a category's short questions asked right after a place is put on the map
 * ("How often are you here?"), as map surveys such as Maptionnaire and Kartalla ask them.
 *
 * A question's `key` is machine-readable and becomes a GIS column (`q_<key>`), so it is lower
 * case with single underscores between words; a multiple-choice option becomes
 * `q_<key>__<option>` (the double underscore cannot occur inside a key, so names never clash).
 */
export const questionKeySchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
    'a question key is lower-case letters and digits, words joined by single underscores, e.g. how_often',
  )
  .max(40, 'a question key is at most 40 characters');

export const optionKeySchema = z
  .string()
  .regex(
    /^[a-z0-9]+(_[a-z0-9]+)*$/,
    'an option key is lower-case letters and digits, words joined by single underscores, e.g. daily',
  )
  .max(40, 'an option key is at most 40 characters');

/** The kinds of question; `scale` is always 1–5. */
export const followUpQuestionTypeSchema = z.enum(['single', 'multiple', 'scale', 'number', 'text']);
export type FollowUpQuestionType = z.infer<typeof followUpQuestionTypeSchema>;

/** A label in each offered language; at least one must be written. */
const labelsSchema = localizedTextSchema.refine(
  (labels) => Object.values(labels).some((label) => label.trim().length > 0),
  'a question or option needs a label in at least one language',
);

export const followUpOptionSchema = z.object({ key: optionKeySchema, labels: labelsSchema }).strict();
export type FollowUpOption = z.infer<typeof followUpOptionSchema>;

/**
 * Ask the question only when an earlier question was answered with one of these values: option
 * keys for single and multiple choice (for multiple choice: any of them ticked), numbers for a
 * scale or a number. Give `equals` (one value) or `anyOf` (several).
 */
export const followUpConditionSchema = z
  .object({
    question: questionKeySchema,
    equals: z.union([z.string().max(40), z.number()]).optional(),
    anyOf: z
      .array(z.union([z.string().max(40), z.number()]))
      .min(1)
      .max(30)
      .optional(),
  })
  .strict()
  .refine(
    (condition) => (condition.equals === undefined) !== (condition.anyOf === undefined),
    'a condition has either equals or anyOf',
  );
export type FollowUpCondition = z.infer<typeof followUpConditionSchema>;

const questionBase = {
  key: questionKeySchema,
  labels: labelsSchema,
  /** A hint under the question, per language. */
  help: localizedTextSchema.optional(),
  required: z.boolean().default(false),
  showIf: followUpConditionSchema.optional(),
};

const optionsSchema = z.array(followUpOptionSchema).min(2, 'a choice needs at least 2 options').max(30);

/** Longest text answer a project may allow, in characters. */
export const MAX_TEXT_ANSWER_LENGTH = 500;
/** Most questions per category: the survey follows each place, so it must stay short. */
export const MAX_FOLLOW_UP_QUESTIONS = 20;

export const followUpQuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('single'), options: optionsSchema }).strict(),
  z
    .object({
      ...questionBase,
      type: z.literal('multiple'),
      options: optionsSchema,
      /** Most options one may tick; none: any number. */
      maxChoices: z.number().int().min(1).max(30).optional(),
    })
    .strict(),
  z
    .object({
      ...questionBase,
      type: z.literal('scale'),
      /** What 1 and 5 mean ("never" … "every day"), per language. */
      minLabels: localizedTextSchema.optional(),
      maxLabels: localizedTextSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...questionBase,
      type: z.literal('number'),
      min: z.number().finite(),
      max: z.number().finite(),
      /** Whole numbers only (an INTEGER column in exports) or any number (REAL). */
      integer: z.boolean().default(true),
      /** The unit shown beside the field ("minutes", "people"), per language. */
      unit: localizedTextSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...questionBase,
      type: z.literal('text'),
      maxLength: z.number().int().min(1).max(MAX_TEXT_ANSWER_LENGTH).default(200),
    })
    .strict(),
]);
export type FollowUpQuestion = z.infer<typeof followUpQuestionSchema>;
export type FollowUpQuestionInput = z.input<typeof followUpQuestionSchema>;

/**
 * What is wrong with a category's list of questions as a whole: keys appear once, option keys
 * appear once per question, a number's bounds are in order, and a condition refers to an EARLIER
 * question with values that question can take (so a resident answers from top to bottom and a
 * question never depends on one below it).
 */
export function followUpListProblems(
  questions: readonly FollowUpQuestion[],
): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  questions.forEach((question, index) => {
    const earlier = questions.slice(0, index);
    if (earlier.some((other) => other.key === question.key)) {
      problems.push({ path: [index, 'key'], message: `question "${question.key}" appears twice` });
    }
    if (question.type === 'single' || question.type === 'multiple') {
      const keys = question.options.map((option) => option.key);
      const duplicate = keys.find((key, position) => keys.indexOf(key) !== position);
      if (duplicate) {
        problems.push({
          path: [index, 'options'],
          message: `option "${duplicate}" appears twice in question "${question.key}"`,
        });
      }
      if (
        question.type === 'multiple' &&
        question.maxChoices !== undefined &&
        question.maxChoices > keys.length
      ) {
        problems.push({
          path: [index, 'maxChoices'],
          message: `question "${question.key}" allows more choices than it has options`,
        });
      }
    }
    if (question.type === 'number' && question.min > question.max) {
      problems.push({ path: [index, 'max'], message: `question "${question.key}": max is below min` });
    }
    if (question.showIf) {
      const target = earlier.find((other) => other.key === question.showIf?.question);
      if (!target) {
        problems.push({
          path: [index, 'showIf', 'question'],
          message: `question "${question.key}" depends on "${question.showIf.question}", which is not an earlier question`,
        });
      } else {
        const wrong = conditionValues(question.showIf).find((value) => !canAnswer(target, value));
        if (wrong !== undefined) {
          problems.push({
            path: [index, 'showIf'],
            message: `question "${question.key}" waits for "${String(wrong)}", which question "${target.key}" cannot be answered with`,
          });
        }
      }
    }
  });
  return problems;
}

/** Whether `value` is a possible answer (or, for multiple choice, a possible option) of `question`. */
function canAnswer(question: FollowUpQuestion, value: string | number): boolean {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return typeof value === 'string' && question.options.some((option) => option.key === value);
    case 'scale':
      return Number.isInteger(value) && (value as number) >= SCALE_MIN && (value as number) <= SCALE_MAX;
    case 'number':
      return typeof value === 'number' && value >= question.min && value <= question.max;
    case 'text':
      return false; // free text is not a condition: its answers are not a fixed list
  }
}

/** A category's questions, in the order they are asked, checked as a whole. */
export const followUpQuestionListSchema = z
  .array(followUpQuestionSchema)
  .max(MAX_FOLLOW_UP_QUESTIONS, `a category has at most ${MAX_FOLLOW_UP_QUESTIONS} follow-up questions`)
  .superRefine((questions, context) => {
    for (const problem of followUpListProblems(questions)) {
      context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });

/** One answer: an option key (single), option keys (multiple), a number (scale, number) or text. */
export type FollowUpAnswerValue = string | number | string[];
/** Answers keyed by question key; unanswered questions are left out. */
export type FollowUpAnswers = Record<string, FollowUpAnswerValue>;

/**
 * Answers as a request carries them, before they are checked against the project's questions
 * (`validateFollowUpAnswers`): an object keyed by question key. `null`, `""` and `[]` mean "not
 * answered" (handy when changing answers).
 */
export const followUpAnswersInputSchema = z
  .record(z.string().max(60), z.unknown())
  .refine((answers) => Object.keys(answers).length <= 60, 'at most 60 answers');

/** The questions asked for these answers, in order (conditions met). */
export function shownQuestions(
  questions: readonly FollowUpQuestion[],
  answers: Readonly<Record<string, unknown>>,
): FollowUpQuestion[] {
  return questions.filter((question) => isQuestionShown(question, answers));
}

/** `null`, blank text and empty lists are "no answer": they are dropped before checking. */
function withoutBlankAnswers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, answer]) =>
        answer !== null &&
        answer !== undefined &&
        !(typeof answer === 'string' && answer.trim() === '') &&
        !(Array.isArray(answer) && answer.length === 0),
    ),
  );
}

/** The kind of problem an answer has, for clients that explain it in the reader's language. */
export const answerProblemSchema = z.enum([
  'unknown-question',
  'wrong-type',
  'out-of-range',
  'required',
  'not-asked',
]);
export type AnswerProblem = z.infer<typeof answerProblemSchema>;

function answerSchema(question: FollowUpQuestion): z.ZodType<FollowUpAnswerValue> {
  const optionKeys = 'options' in question ? question.options.map((option) => option.key) : [];
  const range = { params: { problem: 'out-of-range' } };
  switch (question.type) {
    case 'single':
      return z.string().refine((value) => optionKeys.includes(value), {
        ...range,
        message: `choose one of ${optionKeys.join(', ')}`,
      });
    case 'multiple':
      return z
        .array(z.string())
        .refine((values) => values.every((value) => optionKeys.includes(value)), {
          ...range,
          message: `choose among ${optionKeys.join(', ')}`,
        })
        .refine((values) => new Set(values).size === values.length, {
          ...range,
          message: 'an option is ticked twice',
        })
        .refine((values) => question.maxChoices === undefined || values.length <= question.maxChoices, {
          ...range,
          message: `tick at most ${question.maxChoices}`,
        });
    case 'scale':
      return z
        .number()
        .int(`answer a whole number from ${SCALE_MIN} to ${SCALE_MAX}`)
        .min(SCALE_MIN, `answer from ${SCALE_MIN} to ${SCALE_MAX}`)
        .max(SCALE_MAX, `answer from ${SCALE_MIN} to ${SCALE_MAX}`);
    case 'number': {
      const base = z
        .number()
        .min(question.min, `answer at least ${question.min}`)
        .max(question.max, `answer at most ${question.max}`);
      return question.integer ? base.int('answer a whole number') : base;
    }
    case 'text':
      return z.string().trim().max(question.maxLength, `answer in at most ${question.maxLength} characters`);
  }
}

/**
 * The zod schema of the answers to a category's questions, built from the project's data: each
 * answer of its question's type and range, no unknown questions, required questions answered
 * when they are asked, and no answers to questions whose condition is not met. Blank answers are
 * dropped first; text is trimmed. Issues carry `params.problem` (an `AnswerProblem`) where zod's
 * own code does not already say it.
 */
export function buildAnswersSchema(questions: readonly FollowUpQuestion[]) {
  const shape = Object.fromEntries(
    questions.map((question) => [question.key, answerSchema(question).optional()]),
  );
  return z.preprocess(
    withoutBlankAnswers,
    z
      .object(shape)
      .strict()
      .superRefine((answers, context) => {
        for (const question of questions) {
          const shown = isQuestionShown(question, answers);
          const answered = answers[question.key] !== undefined;
          if (!shown && answered) {
            context.addIssue({
              code: 'custom',
              path: [question.key],
              message: `"${question.key}" is asked only when "${question.showIf?.question}" is answered ${conditionValues(
                question.showIf as FollowUpCondition,
              ).join(' or ')}`,
              params: { problem: 'not-asked' },
            });
          } else if (shown && question.required && !answered) {
            context.addIssue({
              code: 'custom',
              path: [question.key],
              message: `"${question.key}" must be answered`,
              params: { problem: 'required' },
            });
          }
        }
      }),
  ) as unknown as z.ZodType<FollowUpAnswers>;
}

export interface AnswerIssue {
  /** The question key, or '' for the answers as a whole. */
  question: string;
  problem: AnswerProblem;
  message: string;
}

function problemOf(issue: z.core.$ZodIssue): AnswerProblem {
  const params = (issue as { params?: { problem?: AnswerProblem } }).params;
  if (params?.problem) return params.problem;
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'unknown-question';
    case 'too_big':
    case 'too_small':
    case 'invalid_value':
      return 'out-of-range';
    default:
      return 'wrong-type';
  }
}

/**
 * Checks answers against a category's questions (see `buildAnswersSchema`). On success the
 * answers come back cleaned: blank ones dropped, text trimmed. On failure, one issue per problem,
 * each naming its question and kind.
 */
export function validateFollowUpAnswers(
  questions: readonly FollowUpQuestion[],
  answers: unknown,
): AnswersCheck {
  return followUpAnswersValidator(questions)(answers);
}

/** What `validateFollowUpAnswers` finds. */
export type AnswersCheck = { ok: true; answers: FollowUpAnswers } | { ok: false; issues: AnswerIssue[] };

/**
 * `validateFollowUpAnswers` for one set of questions, the schema built once: building it costs
 * about a millisecond (zod compiles it), checking answers with it a few microseconds, so a server
 * keeps one per question set instead of building one per request.
 */
export function followUpAnswersValidator(questions: readonly FollowUpQuestion[]) {
  const schema = buildAnswersSchema(questions);
  return (answers: unknown): AnswersCheck => checkAnswers(schema, answers);
}

function checkAnswers(schema: ReturnType<typeof buildAnswersSchema>, answers: unknown): AnswersCheck {
  const parsed = schema.safeParse(answers ?? {});
  if (parsed.success) return { ok: true, answers: parsed.data };
  const issues: AnswerIssue[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ question: key, problem: 'unknown-question', message: `there is no question "${key}"` });
      }
      continue;
    }
    issues.push({ question: String(issue.path[0] ?? ''), problem: problemOf(issue), message: issue.message });
  }
  return { ok: false, issues };
}

/**
 * A question key names one GIS column across the whole project, so it must keep one type in
 * every category that asks it (and, checked against stored versions by the API, over time).
 * `earlier`: the types keys had in questions saved before (any category, any version).
 */
export function followUpKeyTypeProblems(
  categories: ReadonlyArray<{ key: string; questions?: readonly FollowUpQuestion[] | undefined }>,
  earlier: ReadonlyMap<string, FollowUpQuestionType> = new Map(),
): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const seen = new Map<string, { type: FollowUpQuestionType; category: string }>();
  categories.forEach((category, categoryIndex) => {
    (category.questions ?? []).forEach((question, questionIndex) => {
      const path = ['categories', categoryIndex, 'questions', questionIndex, 'type'];
      const before = earlier.get(question.key);
      const other = seen.get(question.key);
      if (before !== undefined && before !== question.type) {
        problems.push({
          path,
          message: `question "${question.key}" was a ${before} question before and answers of that kind are stored under it; give the ${question.type} question a new key`,
        });
      } else if (other && other.type !== question.type) {
        problems.push({
          path,
          message: `question "${question.key}" is a ${other.type} question in "${other.category}" and a ${question.type} question in "${category.key}"; one key has one type in the whole project`,
        });
      } else if (!other) {
        seen.set(question.key, { type: question.type, category: category.key });
      }
    });
  });
  return problems;
}

/**
 * A filter on follow-up answers for the analysis (e.g. "meeting places visited daily"): the
 * contributions whose answer to `question` is one of `anyOf` (for a multiple choice: any of them
 * ticked), or lies within `min`…`max` (scale, number). In a query string:
 * `how_often:daily,weekly` or `safe:4..5` (either end may be left out: `minutes:..30`).
 */
export const answerFilterSchema = z
  .string()
  .max(500)
  .transform((text, context) => {
    const colon = text.indexOf(':');
    const question = questionKeySchema.safeParse(text.slice(0, Math.max(colon, 0)));
    const rest = text.slice(colon + 1);
    if (colon < 1 || !question.success || rest === '') {
      context.addIssue({
        code: 'custom',
        message: 'an answer filter is question:value[,value…] or question:min..max, e.g. how_often:daily',
      });
      return z.NEVER;
    }
    const range = /^(-?\d+(?:\.\d+)?)?\.\.(-?\d+(?:\.\d+)?)?$/.exec(rest);
    if (range) {
      return {
        question: question.data,
        ...(range[1] !== undefined ? { min: Number(range[1]) } : {}),
        ...(range[2] !== undefined ? { max: Number(range[2]) } : {}),
      };
    }
    const anyOf = rest
      .split(',')
      .filter((value) => value.length > 0)
      .map((value) => (/^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value));
    return { question: question.data, anyOf };
  });
export type AnswerFilter = z.infer<typeof answerFilterSchema>;
