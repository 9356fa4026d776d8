import { pickText } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { LoadFailed, Loading, NoProjectsIn } from '../staff/common/load-states.tsx';
import { useOrganisationProjects } from '../staff/common/use-organisation-projects.ts';
import { staffPaths } from '../staff/staff-routes.ts';
import { useStaff } from '../staff/staff-session.ts';

/** `/staff/analysis`: the projects of the organisation worked in whose analysis this planner may open. */
export function AnalysisIndexPage() {
  const { t, i18n } = useTranslation();
  const { user } = useStaff();
  useDocumentTitle(t('staff.analysis.title'));
  const { state, reload, projects, organisationName } = useOrganisationProjects({ roles: ['planner'] });
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <div className="staff-page">
      <h1>{t('staff.analysis.title')}</h1>
      <p>{t('staff.analysis.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && projects.length === 0 && (
        <NoProjectsIn
          organisation={organisationName}
          text={(organisation) => t('staff.scope.noAnalysisProjects', { organisation })}
          fallback={t('staff.analysis.noProjects')}
          several={user.organisations.length > 1}
        />
      )}
      {projects.length > 0 && (
        <ul className="analysis-index">
          {projects.map((project) => (
            <li key={project.slug}>
              <Link href={staffPaths.analysis(project.slug)} data-testid={`analyse-${project.slug}`}>
                {pickText(project.title, i18n.language) || project.slug}
              </Link>{' '}
              <span className="staff-table__sub">
                {t('staff.analysis.projectCounts', {
                  count: project.contributions,
                  contributions: number.format(project.contributions),
                  participants: number.format(project.participants),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
