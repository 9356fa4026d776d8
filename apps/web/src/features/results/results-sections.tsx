import type { Project, ProjectUpdate, Quote } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../i18n/format.ts';
import { langIfDifferent } from '../../i18n/project-text.ts';
import { ProjectText } from '../../i18n/project-text-scope.tsx';
import { paragraphs, updateInLanguage } from './results-view.ts';

/**
 * Stories staff picked, in the words residents wrote them (in whatever language that was: the
 * text says its own direction, `dir="auto"`), with the category they were given under.
 */
export function QuoteList({ project, quotes }: { project: Project; quotes: readonly Quote[] }) {
  const { t } = useTranslation();
  return (
    <section className="results__quotes" aria-labelledby="results-quotes-title">
      <h2 id="results-quotes-title">{t('results.quotesHeading')}</h2>
      <ul className="results__quote-list" data-testid="results-quotes">
        {quotes.map((quote) => {
          const category = project.categories.find((candidate) => candidate.key === quote.category);
          return (
            <li key={quote.id}>
              <figure className="results__quote">
                <blockquote dir="auto">{quote.story}</blockquote>
                <figcaption>
                  <span
                    className="swatch"
                    style={{ background: category?.colour ?? '#5f6b7a' }}
                    aria-hidden="true"
                  />
                  {category ? <ProjectText text={category.labels} /> : quote.category}
                </figcaption>
              </figure>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The planners' updates, newest first, each dated in the reader's language. */
export function UpdateTimeline({
  project,
  updates,
}: {
  project: Project;
  updates: readonly ProjectUpdate[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="results__updates" aria-labelledby="results-updates-title">
      <h2 id="results-updates-title">{t('results.updatesHeading')}</h2>
      {updates.length === 0 ? (
        <p className="results__updates-empty" data-testid="results-updates-empty">
          {t('results.updatesEmpty')}
        </p>
      ) : (
        <ol className="results__timeline" data-testid="results-updates">
          {updates.map((update) => {
            const shown = updateInLanguage(update, language, project.defaultLanguage);
            return (
              <li key={update.id} className="results__update">
                <article aria-labelledby={`update-${update.id}`}>
                  <time className="results__update-date" dateTime={update.publishedOn}>
                    {formatDay(update.publishedOn, language)}
                  </time>
                  <h3 id={`update-${update.id}`} lang={langIfDifferent(shown.title, language)} dir="auto">
                    {shown.title.text}
                  </h3>
                  <div lang={langIfDifferent(shown.body, language)} dir="auto">
                    {paragraphs(shown.body.text).map((paragraph, index) => (
                      // Paragraphs have no identity beyond their place in the static text.
                      <p key={`${index}-${paragraph.length}`}>{paragraph}</p>
                    ))}
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
