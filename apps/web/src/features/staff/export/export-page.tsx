import './export.css';
import { type ExportSummary, type Project, pickText } from '@nabolag/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportChoice } from '../../../api/export-download.ts';
import { getProject } from '../../../api/nabolag-api.ts';
import { Link } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { ReferenceLayersSection } from '../projects/reference-layers-section.tsx';
import { staffPaths } from '../staff-routes.ts';
import { holdsProjectRole, useStaff } from '../staff-session.ts';
import { ExportChoices } from './export-choices.tsx';
import { ExportStatus } from './export-status.tsx';
import { ExportSummaryTable } from './export-summary-table.tsx';
import { useExportDownload } from './use-export-download.ts';

/**
 * `/staff/projects/:slug/export`: the planner sees what the project holds (per category and
 * shape), picks a format, layout, language and coordinate system, and downloads the file with
 * progress and a way to cancel.
 */
export function ExportPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const { state, reload } = useLoad((signal) => getProject(slug, signal), [slug]);
  const title = state.status === 'ready' ? pickText(state.value.title, i18n.language) || slug : slug;
  useDocumentTitle(t('staff.export.title', { title }));

  return (
    <div className="staff-page export-page">
      <p className="staff-page__back">
        <Link href={staffPaths.projects}>{t('staff.editor.back')}</Link>
      </p>
      <h1>{t('staff.export.title', { title })}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <ExportForProject project={state.value} />}
    </div>
  );
}

function ExportForProject({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { api, user } = useStaff();
  const [choice, setChoice] = useState<ExportChoice>(() => ({
    format: 'gpkg',
    layout: 'per-category',
    lang: project.languages.includes(i18n.language) ? i18n.language : project.defaultLanguage,
    crs: 4326,
  }));
  const summary = useLoad(
    (signal) => api.exportSummary(project.slug, choice.lang, signal),
    [api, project.slug, choice.lang],
  );
  const download = useExportDownload(api, project.slug);
  const busy = download.state.status === 'downloading';
  const features: number | null = summary.state.status === 'ready' ? summary.state.value.features : null;

  return (
    <>
      <p>{t('staff.export.intro')}</p>
      <section className="editor-section" aria-labelledby="export-summary-heading">
        <h2 id="export-summary-heading">{t('staff.export.summaryHeading')}</h2>
        {summary.state.status === 'loading' && <Loading />}
        {summary.state.status === 'failed' && (
          <LoadFailed error={summary.state.error} onRetry={summary.reload} />
        )}
        {summary.state.status === 'ready' && <SummaryOrEmpty summary={summary.state.value} />}
      </section>

      {features !== null && features > 0 && (
        <section className="editor-section" aria-labelledby="export-choices-heading">
          <h2 id="export-choices-heading">{t('staff.export.choicesHeading')}</h2>
          <form
            className="staff-form export-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!busy) void download.start(choice);
            }}
          >
            <ExportChoices
              choice={choice}
              languages={project.languages}
              disabled={busy}
              onChange={(changes) => setChoice((previous) => ({ ...previous, ...changes }))}
            />
            <div className="button-row">
              <button
                type="submit"
                className="button button--primary"
                aria-disabled={busy}
                data-testid="export-download"
              >
                {t('staff.export.download')}
              </button>
              {busy && (
                <button
                  type="button"
                  className="button"
                  onClick={download.cancel}
                  data-testid="export-cancel"
                >
                  {t('staff.export.cancel')}
                </button>
              )}
            </div>
          </form>
          <ExportStatus state={download.state} summaryFeatures={features} />
        </section>
      )}
      {/* Planners who do not edit the project manage its reference layers here (admins also in the editor). */}
      <ReferenceLayersSection
        slug={project.slug}
        languages={project.languages}
        defaultLanguage={project.defaultLanguage}
      />
      {holdsProjectRole(user, project.slug, ['admin']) && (
        <p>
          <Link href={staffPaths.project(project.slug)}>{t('staff.export.editProject')}</Link>
        </p>
      )}
    </>
  );
}

function SummaryOrEmpty({ summary }: { summary: ExportSummary }) {
  const { t } = useTranslation();
  if (summary.features === 0) {
    return (
      <p className="staff-empty" data-testid="export-empty">
        {t('staff.export.empty')}
      </p>
    );
  }
  return <ExportSummaryTable summary={summary} />;
}
