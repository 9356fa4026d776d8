import { boundsOf } from '@nabolag/geo';
import type { BBox } from '@nabolag/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../app/router.tsx';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { LoadFailed, Loading } from '../common/load-states.tsx';
import { useLoad } from '../common/use-load.ts';
import { staffPaths } from '../staff-routes.ts';
import { isOrganisationAdmin, useStaff } from '../staff-session.ts';
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
  const { api, user, organisation: current } = useStaff();
  useDocumentTitle(slug ? t('staff.editor.editTitle', { slug }) : t('staff.editor.newTitle'));
  // A new project belongs to an organisation the person administers: the one worked in if they can.
  const administered = user.organisations.filter((membership) => membership.roles.includes('admin'));
  const [organisation, setOrganisation] = useState(() =>
    current && isOrganisationAdmin(user, current) ? current : (administered[0]?.slug ?? null),
  );

  const { state, reload } = useLoad(
    async (signal) => {
      if (slug) {
        const result = await api.getProject(slug, signal);
        if (!result.ok) return result;
        const bounds = boundsOf(result.value.area);
        return { ...result, value: { form: formFromDefinition(result.value), bounds } };
      }
      const [list, owner] = await Promise.all([
        api.listProjects(signal),
        organisation ? api.organisations.get(organisation, signal) : null,
      ]);
      if (owner && !owner.ok) return owner;
      const ownProjects = list.ok
        ? list.value.projects.filter((project) => project.organisation === organisation)
        : [];
      const bounds = ownProjects[0]?.bounds ?? NORWAY;
      const form =
        owner && organisation ? newProjectForm({ ...owner.value, organisation }) : newProjectForm();
      return { ok: true as const, status: 200, value: { form, bounds } };
    },
    [api, slug, organisation],
  );

  return (
    <div className="staff-page staff-page--wide">
      <p className="staff-page__back">
        <Link href={staffPaths.projects}>{t('staff.editor.back')}</Link>
      </p>
      <h1>{slug ? t('staff.editor.editTitle', { slug }) : t('staff.editor.newTitle')}</h1>
      {!slug && administered.length > 1 && organisation && (
        <div className="field">
          <label htmlFor="project-organisation">{t('staff.editor.organisation')}</label>
          <p id="project-organisation-hint" className="field__hint">
            {t('staff.editor.organisationHint')}
          </p>
          <select
            id="project-organisation"
            aria-describedby="project-organisation-hint"
            value={organisation}
            onChange={(event) => setOrganisation(event.target.value)}
            data-testid="project-organisation"
          >
            {administered.map((membership) => (
              <option key={membership.slug} value={membership.slug}>
                {membership.name}
              </option>
            ))}
          </select>
        </div>
      )}
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
        <ProjectEditor
          key={organisation ?? ''}
          slug={slug}
          initial={state.value.form}
          initialBounds={state.value.bounds}
        />
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
