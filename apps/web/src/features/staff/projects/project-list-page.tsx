import { pickText } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../app/router.tsx';
import { projectPath } from '../../../app/routes.ts';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { staffPaths } from '../staff-routes.ts';
import { holdsProjectRole, isOrganisationAdmin, projectsOf, useStaff } from '../staff-session.ts';

/** `/staff/projects`: the projects this staff member works on, with their counts. */
export function ProjectListPage() {
  const { t, i18n } = useTranslation();
  const { api, user, organisation } = useStaff();
  useDocumentTitle(t('staff.projects.title'));
  const { state, reload } = useLoad((signal) => api.listProjects(signal), [api]);
  const projects = state.status === 'ready' ? projectsOf(state.value.projects, organisation) : [];
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <div className="staff-page">
      <div className="staff-page__header">
        <h1>{t('staff.projects.title')}</h1>
        {isOrganisationAdmin(user) && (
          <Link href={staffPaths.newProject} className="button button--primary" data-testid="new-project">
            {t('staff.projects.new')}
          </Link>
        )}
      </div>

      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && projects.length === 0 && (
        <p className="staff-empty">{t('staff.projects.empty')}</p>
      )}
      {projects.length > 0 && (
        <section className="table-scroll" aria-labelledby="projects-caption">
          <table className="staff-table staff-table--cards">
            <caption id="projects-caption" className="visually-hidden">
              {t('staff.projects.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.projects.project')}</th>
                <th scope="col">{t('staff.projects.status')}</th>
                <th scope="col" className="numeric">
                  {t('staff.projects.contributions')}
                </th>
                <th scope="col" className="numeric">
                  {t('staff.projects.pending')}
                </th>
                <th scope="col" className="numeric">
                  {t('staff.projects.participants')}
                </th>
                <th scope="col">{t('staff.projects.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => {
                const title = pickText(project.title, i18n.language) || project.slug;
                const canEdit = holdsProjectRole(user, project.slug, ['admin']);
                return (
                  <tr key={project.slug} data-testid={`project-row-${project.slug}`}>
                    <th scope="row">
                      <span className="staff-table__title">{title}</span>
                      <span className="staff-table__sub">
                        <a href={projectPath(project.slug)} target="_blank" rel="noreferrer">
                          {projectPath(project.slug)}
                        </a>
                      </span>
                    </th>
                    <td data-label={t('staff.projects.status')}>
                      <span className={project.open ? 'badge badge--open' : 'badge'}>
                        {project.open ? t('projects.open') : t('projects.closed')}
                      </span>
                    </td>
                    <td className="numeric" data-label={t('staff.projects.contributions')}>
                      {number.format(project.contributions)}
                    </td>
                    <td className="numeric" data-label={t('staff.projects.pending')}>
                      {project.pending > 0 ? (
                        <Link href={staffPaths.moderation(project.slug, 'pending')}>
                          {number.format(project.pending)}
                          <span className="visually-hidden"> {t('staff.projects.toModerate')}</span>
                        </Link>
                      ) : (
                        number.format(project.pending)
                      )}
                    </td>
                    <td className="numeric" data-label={t('staff.projects.participants')}>
                      {number.format(project.participants)}
                    </td>
                    <td data-label={t('staff.projects.actions')}>
                      <div className="button-row">
                        {canEdit && (
                          <Link
                            href={staffPaths.project(project.slug)}
                            className="button button--small"
                            aria-label={t('staff.projects.editNamed', { title })}
                          >
                            {t('staff.projects.edit')}
                          </Link>
                        )}
                        {holdsProjectRole(user, project.slug, ['planner']) && (
                          <Link
                            href={staffPaths.analysis(project.slug)}
                            className="button button--small"
                            aria-label={t('staff.projects.analyseNamed', { title })}
                            data-testid={`analyse-${project.slug}`}
                          >
                            {t('staff.projects.analyse')}
                          </Link>
                        )}
                        {holdsProjectRole(user, project.slug, ['planner']) && (
                          <Link
                            href={staffPaths.projectUpdates(project.slug)}
                            className="button button--small"
                            aria-label={t('staff.projects.updatesNamed', { title })}
                            data-testid={`updates-${project.slug}`}
                          >
                            {t('staff.projects.updates')}
                          </Link>
                        )}
                        {holdsProjectRole(user, project.slug, ['planner']) && (
                          <Link
                            href={staffPaths.projectExport(project.slug)}
                            className="button button--small"
                            aria-label={t('staff.projects.exportNamed', { title })}
                            data-testid={`export-${project.slug}`}
                          >
                            {t('staff.projects.export')}
                          </Link>
                        )}
                        <Link
                          href={staffPaths.moderation(project.slug)}
                          className="button button--small"
                          aria-label={t('staff.projects.moderateNamed', { title })}
                        >
                          {t('staff.projects.moderate')}
                        </Link>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
