import type { FollowUpQuestionInput, FollowUpQuestionType } from '@nabolag/schema';

/**
 * Editing a category's follow-up questions in project admin. Questions are kept in the shape the
 * API takes (`FollowUpQuestionInput`); `followUpQuestionListSchema` judges them on save (keys,
 * conditions on earlier questions only, unique options, bounds).
 */
export type EditableQuestion = FollowUpQuestionInput;

/** A key suggested from a label: lower case, Norwegian letters spelt out, words joined by `_`. */
export function suggestQuestionKey(label: string): string {
  const key = label
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return /^[0-9]/.test(key) ? `q_${key}`.slice(0, 40) : key;
}

const blankOptions = () => [
  { key: 'option_1', labels: {} },
  { key: 'option_2', labels: {} },
];

/** A new question with a key no other question in the list has. */
export function newQuestion(existing: readonly EditableQuestion[]): EditableQuestion {
  let number = existing.length + 1;
  while (existing.some((question) => question.key === `question_${number}`)) number += 1;
  return { key: `question_${number}`, type: 'single', labels: {}, required: false, options: blankOptions() };
}

/**
 * The question as another type: what all types share (key, labels, help, required, condition)
 * is kept; options carry over between single and multiple choice; the rest starts afresh.
 */
export function withType(question: EditableQuestion, type: FollowUpQuestionType): EditableQuestion {
  const shared = {
    key: question.key,
    labels: question.labels,
    ...(question.help ? { help: question.help } : {}),
    required: question.required ?? false,
    ...(question.showIf ? { showIf: question.showIf } : {}),
  };
  const options = 'options' in question ? question.options : blankOptions();
  switch (type) {
    case 'single':
      return { ...shared, type, options };
    case 'multiple':
      return { ...shared, type, options };
    case 'scale':
      return { ...shared, type };
    case 'number':
      return { ...shared, type, min: 0, max: 100, integer: true };
    case 'text':
      return { ...shared, type, maxLength: 200 };
  }
}

/** The earlier questions a question may wait for (choices and the scale: their answers are a fixed list). */
export const conditionTargets = (questions: readonly EditableQuestion[], index: number): EditableQuestion[] =>
  questions.slice(0, index).filter((question) => question.type !== 'text' && question.type !== 'number');

/** The answers a condition may wait for: option keys, or 1–5 for the scale. */
export function conditionValues(
  target: EditableQuestion,
): Array<{ value: string | number; labels?: Record<string, string> }> {
  if ('options' in target)
    return target.options.map((option) => ({ value: option.key, labels: option.labels }));
  if (target.type === 'scale') return [1, 2, 3, 4, 5].map((value) => ({ value }));
  return [];
}

/**
 * Moves question `index` by one place. Conditions that would then point at a later question
 * are kept: the schema names them on save, rather than the editor dropping them silently.
 */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Removes a question and the conditions that waited for it (they could never be met). */
export function withoutQuestion(questions: readonly EditableQuestion[], index: number): EditableQuestion[] {
  const removed = questions[index];
  return questions
    .filter((_, position) => position !== index)
    .map((question) => {
      if (!removed || question.showIf?.question !== removed.key) return question;
      const { showIf: _showIf, ...rest } = question;
      return rest as EditableQuestion;
    });
}
