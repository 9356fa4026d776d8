import { type Project, type ProjectResults, pickText } from '@nabolag/schema';
import { projectTextFallback } from '@nabolag/schema/plain';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router.tsx';
import { projectPath } from '../../app/routes.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { langIfDifferent, textInLanguage } from '../../i18n/project-text.ts';
import { OrganisationBrand } from '../projects/organisation-brand.tsx';
import { ProjectLoadFailed, ProjectLoading } from '../projects/project-load-states.tsx';
import { useProject } from '../projects/use-project.ts';
import { ResultsMapSection } from './results-map-section.tsx';
import { QuoteList, UpdateTimeline } from './results-sections.tsx';
import { hasPlaces } from './results-view.ts';
import { useResults } from './use-results.ts';
import './results.css';
import { ProjectTextScope } from '../../i18n/project-text-scope.tsx';

/**
 * `/p/:slug/results` ("What we heard"): what residents told the project — the k-anonymous
 * heatmap per category with its most-named places as a list, quotes staff picked — and the
 * planners' own updates on what happens next.
 */
export function ResultsPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const project = useProject(slug);
  const results = useResults(slug);
  const projectTitle =
    project.state.status === 'ready'
      ? pickText(project.state.project.title, i18n.language, projectTextFallback(project.state.project))
      : null;
  useDocumentTitle(projectTitle ? `${t('results.title')} – ${projectTitle}` : null);

  if (project.state.status === 'failed')
    return (
      <ProjectLoadFailed
        error={project.state.error}
        title={t('results.loadFailedTitle')}
        onRetry={project.retry}
      />
    );
  if (results.state.status === 'failed')
    return (
      <ProjectLoadFailed
        error={results.state.error}
        title={t('results.loadFailedTitle')}
        onRetry={results.retry}
      />
    );
  if (project.state.status === 'loading' || results.state.status === 'loading')
    return <ProjectLoading>{t('results.loading')}</ProjectLoading>;
  return (
    <ProjectTextScope project={project.state.project}>
      <Results project={project.state.project} results={results.state.results} />
    </ProjectTextScope>
  );
}

function Results({ project, results }: { project: Project; results: ProjectResults }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const title = textInLanguage(project.title, language, projectTextFallback(project));
  const places = hasPlaces(results);

  return (
    <div className="page results" data-testid="results-page">
      <header className="results__header">
        <OrganisationBrand brand={project.organisation} />
        <p className="results__project" lang={langIfDifferent(title, language)} dir="auto">
          {title.text}
        </p>
        <h1>{t('results.title')}</h1>
        <p className="lead">{t('results.intro')}</p>
        <p className="link-row">
          <Link href={projectPath(project.slug)} data-testid="results-back-to-map">
            {t('results.backToMap')}
          </Link>
          <Link href="/">{t('project.allProjects')}</Link>
        </p>
      </header>

      <dl className="results__stats">
        <div className="results__stat">
          <dt>{t('results.statPlaces')}</dt>
          <dd data-testid="results-total-contributions">
            {results.total.contributions.toLocaleString(language)}
          </dd>
        </div>
        <div className="results__stat">
          <dt>{t('results.statPeople')}</dt>
          <dd data-testid="results-total-participants">
            {results.total.participants.toLocaleString(language)}
          </dd>
        </div>
      </dl>

      {places ? (
        <ResultsMapSection project={project} results={results} />
      ) : (
        <section
          className="notice results__empty"
          aria-labelledby="results-empty-title"
          data-testid="results-empty"
        >
          <h2 id="results-empty-title" className="notice__title">
            {t('results.emptyTitle')}
          </h2>
          <p>{t('results.empty', { k: results.k })}</p>
        </section>
      )}

      {results.quotes.length > 0 && <QuoteList project={project} quotes={results.quotes} />}
      <UpdateTimeline project={project} updates={results.updates} />
    </div>
  );
}
