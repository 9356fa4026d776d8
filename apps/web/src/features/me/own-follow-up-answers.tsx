import type { Category, OwnContribution } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { ProjectText, useProjectText } from '../../i18n/project-text-scope.tsx';

/**
 * The participant's answers to a place's follow-up questions, in the order the category asks
 * them, options by their label. Questions the project has since taken away (the answers keep
 * their version) are shown by their key, so nothing stored is hidden from its owner.
 */
export function OwnFollowUpAnswers({
  contribution,
  category,
}: {
  contribution: OwnContribution;
  category: Category | undefined;
}) {
  const { t } = useTranslation();
  const projectText = useProjectText();
  const answers = Object.entries(contribution.answers);
  if (answers.length === 0) return null;
  const questions = category?.questions ?? [];
  const position = (key: string) => {
    const index = questions.findIndex((question) => question.key === key);
    return index === -1 ? questions.length : index;
  };
  answers.sort(([a], [b]) => position(a) - position(b));
  return (
    <div className="own-place__answers" data-testid="own-place-answers">
      <h4 className="own-place__answers-heading">{t('followUp.yourAnswers')}</h4>
      <dl>
        {answers.map(([key, value]) => {
          const question = questions.find((candidate) => candidate.key === key);
          const optionLabel = (option: string) => {
            const found =
              question && 'options' in question
                ? question.options.find((candidate) => candidate.key === option)
                : undefined;
            return found ? projectText.text(found.labels) : option;
          };
          const text = Array.isArray(value)
            ? value.map(optionLabel).join(', ')
            : typeof value === 'string'
              ? optionLabel(value)
              : String(value);
          return (
            <div key={key} className="own-place__answer">
              <dt dir="auto">{question ? <ProjectText text={question.labels} /> : key}</dt>
              <dd dir="auto">{text}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
