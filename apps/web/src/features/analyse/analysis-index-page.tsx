import { pickText } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { LoadFailed, Loading } from '../staff/common/load-states.tsx';
import { useLoad } from '../staff/common/use-load.ts';
import { staffPaths } from '../staff/staff-routes.ts';
import { holdsProjectRole, useStaff } from '../staff/staff-session.ts';

/** `/staff/analysis`: the projects whose analysis this planner may open. */
export function AnalysisIndexPage() {
  const { t, i18n } = useTranslation();
  const { api, user } = useStaff();
  useDocumentTitle(t('staff.analysis.title'));
  const { state, reload } = useLoad((signal) => api.listProjects(signal), [api]);
  const projects =
    state.status === 'ready'
      ? state.value.projects.filter((project) => holdsProjectRole(user, project.slug, ['planner']))
      : [];
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <div className="staff-page">
      <h1>{t('staff.analysis.title')}</h1>
      <p>{t('staff.analysis.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && projects.length === 0 && (
        <p className="staff-empty">{t('staff.analysis.noProjects')}</p>
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
