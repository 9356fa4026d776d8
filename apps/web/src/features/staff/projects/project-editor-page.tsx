import { boundsOf } from '@nabolag/geo';
import type { BBox } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { staffPaths } from '../staff-routes.ts';
import { useStaff } from '../staff-session.ts';
import { ProjectEditor } from './project-editor.tsx';
import { formFromDefinition, newProjectForm } from './project-form.ts';
import { ReferenceLayersSection } from './reference-layers-section.tsx';

/** Mainland Norway, `[west, south, east, north]` in degrees: where a first project starts. */
const NORWAY: BBox = [4.5, 57.9, 31.2, 71.2];

/**
 * `/staff/projects/new` and `/staff/projects/:slug`: loads what the editor starts from — the
 * stored definition, or for a new project the view of an existing one (most are in the same
 * municipality) — and hands it to the editor.
 */
export function ProjectEditorPage({ slug }: { slug: string | null }) {
  const { t } = useTranslation();
  const { api } = useStaff();
  useDocumentTitle(slug ? t('staff.editor.editTitle', { slug }) : t('staff.editor.newTitle'));

  const { state, reload } = useLoad(
    async (signal) => {
      if (slug) {
        const result = await api.getProject(slug, signal);
        if (!result.ok) return result;
        const bounds = boundsOf(result.value.area);
        return { ...result, value: { form: formFromDefinition(result.value), bounds } };
      }
      const list = await api.listProjects(signal);
      const bounds = list.ok ? (list.value.projects[0]?.bounds ?? NORWAY) : NORWAY;
      return { ok: true as const, status: 200, value: { form: newProjectForm(), bounds } };
    },
    [api, slug],
  );

  return (
    <div className="staff-page staff-page--wide">
      <p className="staff-page__back">
        <Link href={staffPaths.projects}>{t('staff.editor.back')}</Link>
      </p>
      <h1>{slug ? t('staff.editor.editTitle', { slug }) : t('staff.editor.newTitle')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <LoadFailed error={state.error} onRetry={reload} />}
      {slug && (
        <p>
          <Link href={staffPaths.projectExport(slug)} data-testid="project-export-link">
            {t('staff.export.link')}
          </Link>
        </p>
      )}
      {state.status === 'ready' && (
        <ProjectEditor slug={slug} initial={state.value.form} initialBounds={state.value.bounds} />
      )}
      {state.status === 'ready' && slug && (
        <ReferenceLayersSection
          slug={slug}
          languages={state.value.form.languages}
          defaultLanguage={state.value.form.defaultLanguage}
        />
      )}
    </div>
  );
}
