import { type BBox, pickText } from '@nabolag/schema';
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../../app/router.tsx';
import { projectPath } from '../../../app/routes.ts';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { nativeLanguageName } from '../../../i18n/language.ts';
import { fieldDomId } from '../common/fields.tsx';
import { useUnsavedChanges } from '../common/use-unsaved-changes.ts';
import { staffPaths } from '../staff-routes.ts';
import { useStaff } from '../staff-session.ts';
import { AreaField } from './area-field.tsx';
import { BasicsSection } from './basics-section.tsx';
import { CategoriesSection } from './categories-section.tsx';
import {
  areaGeometry,
  formFromDefinition,
  type ProjectForm,
  previewBasemap,
  suggestSlug,
} from './project-form.ts';
import { type FieldErrors, serverErrors, validateProjectForm } from './project-validation.ts';
import { AreaSettings, BasemapSection, ParticipationSection } from './settings-section.tsx';

type SaveStatus =
  | { tone: 'idle' }
  | { tone: 'info'; text: string }
  | { tone: 'success'; text: string }
  | { tone: 'error'; text: string };

/** The slug of a project just created, so its page (loaded afresh) can say so. */
let justCreated: string | null = null;

interface ProjectEditorProps {
  /** `null` for a new project. */
  slug: string | null;
  initial: ProjectForm;
  initialBounds: BBox;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="editor-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The project form: validated with the contract's schema before sending, problems shown beside
 * their fields and listed at the top, the server's refusals said in words, and a question
 * before leaving with unsaved changes.
 */
export function ProjectEditor({ slug, initial, initialBounds }: ProjectEditorProps) {
  const { t } = useTranslation();
  const { api, refreshSession } = useStaff();
  const [form, setForm] = useState(initial);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial));
  const [stored, setStored] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [inUse, setInUse] = useState<string[]>([]);
  const [status, setStatus] = useState<SaveStatus>(() => {
    if (slug && justCreated === slug) {
      justCreated = null;
      return { tone: 'success', text: t('staff.editor.created') };
    }
    return { tone: 'idle' };
  });
  const [saving, setSaving] = useState(false);
  const slugEdited = useRef(slug !== null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const dirty = JSON.stringify(form) !== baseline;
  useUnsavedChanges(dirty, t('staff.editor.unsavedQuestion'));
  const basemap = useMemo(() => previewBasemap(form.basemap), [form.basemap]);

  const change = (changes: Partial<ProjectForm>) => {
    setForm((previous) => {
      const next = { ...previous, ...changes };
      // A new project's address follows its title until it is typed by hand.
      if (!slugEdited.current && changes.title) {
        next.slug = suggestSlug(changes.title[next.defaultLanguage] ?? '');
      }
      return next;
    });
    if (status.tone !== 'idle' && status.tone !== 'info') setStatus({ tone: 'idle' });
    // "Draw the area" (red border, listed in the problems) goes as soon as there is an area: a
    // hint left standing over a finished drawing reads as if the drawing were wrong.
    if (changes.area && areaGeometry(changes.area)) {
      setErrors((previous) => {
        if (!previous.area) return previous;
        const { area: _drawn, ...rest } = previous;
        return rest;
      });
    }
  };

  const showProblems = (found: FieldErrors) => {
    setErrors(found);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const validation = validateProjectForm(form);
    if (!validation.ok) {
      setStatus({ tone: 'error', text: t('staff.editor.fixProblems') });
      showProblems(validation.errors);
      return;
    }
    setErrors({});
    setInUse([]);
    setSaving(true);
    setStatus({ tone: 'info', text: t('staff.editor.saving') });
    const result = slug
      ? await api.updateProject(slug, validation.definition)
      : await api.createProject(validation.definition);
    setSaving(false);
    if (result.ok) {
      const saved = formFromDefinition(result.value);
      if (!slug) {
        justCreated = result.value.slug;
        setBaseline(JSON.stringify(form));
        // The new project's roles (its organisation's admins hold them) come with a fresh session.
        await refreshSession();
        navigate(staffPaths.project(result.value.slug), { replace: true, force: true });
        return;
      }
      setForm(saved);
      setStored(saved);
      setBaseline(JSON.stringify(saved));
      setStatus({ tone: 'success', text: t('staff.editor.saved') });
      return;
    }
    const refused = serverErrors(form, result.error);
    setInUse(refused.inUse);
    if (refused.inUse.length > 0 && refused.errors.categories) {
      // Name the categories as people know them, not by their keys.
      const names = refused.inUse.map((key) => {
        const category = stored.categories.find((candidate) => candidate.key === key);
        return category ? pickText(category.labels, form.defaultLanguage) || key : key;
      });
      refused.errors.categories = { ...refused.errors.categories, values: { keys: names.join(', ') } };
    }
    setStatus({ tone: 'error', text: t(errorMessageKey(result.error.code)) });
    if (Object.keys(refused.errors).length > 0) showProblems(refused.errors);
  };

  const putBackInUse = () => {
    const missing = stored.categories.filter(
      (category) => inUse.includes(category.key) && !form.categories.some((c) => c.key === category.key),
    );
    change({ categories: [...form.categories, ...missing] });
    setInUse([]);
    setErrors((previous) => {
      const { categories: _removed, ...rest } = previous;
      return rest;
    });
  };

  const fieldLabel = (field: string): string => {
    const [head, second, third, fourth] = field.split('.');
    const language = (tag: string | undefined) => nativeLanguageName(tag ?? '');
    switch (head) {
      case 'title':
        return t('staff.editor.projectTitle', { language: language(second) });
      case 'description':
        return t('staff.editor.description', { language: language(second) });
      case 'categories': {
        const category = form.categories.find((candidate) => candidate.uid === second);
        if (!category) return t('staff.editor.sections.categories');
        const name =
          pickText(category.labels, form.defaultLanguage) || category.key || t('staff.categories.unnamed');
        const part =
          third === 'labels'
            ? t('staff.categories.label', { language: language(fourth) })
            : third === 'prompts'
              ? t('staff.categories.prompt', { language: language(fourth) })
              : third === 'geometryTypes'
                ? t('staff.categories.geometryTypes')
                : third === 'key'
                  ? t('staff.categories.key')
                  : third === 'icon'
                    ? t('staff.categories.icon')
                    : '';
        return part ? `${name}: ${part}` : name;
      }
      case 'area':
        return t('staff.editor.sections.area');
      case 'slug':
        return t('staff.editor.slug');
      case 'k':
        return t('staff.editor.k');
      case 'opensAt':
        return t('staff.editor.opensAt');
      case 'closesAt':
        return t('staff.editor.closesAt');
      case 'languages':
        return t('staff.editor.languages');
      case 'defaultLanguage':
        return t('staff.editor.defaultLanguage');
      case 'areaMarginMetres':
        return t('staff.editor.margin');
      case 'retentionDays':
        return t('staff.editor.retentionDays');
      case 'privacyContact':
        return t('staff.editor.privacyContact');
      default:
        return head?.startsWith('basemap') ? t('staff.editor.basemap') : t('staff.editor.sections.basics');
    }
  };

  // Problems listed in the order of the page, so that the list reads like the form.
  const pageOrder = (field: string): number => {
    const head = field.split('.')[0] ?? '';
    if (head === 'categories') {
      const uid = field.split('.')[1];
      const index = form.categories.findIndex((category) => category.uid === uid);
      return 40 + (index < 0 ? 0 : index + 1) / 1000;
    }
    const order = [
      'form',
      'slug',
      'languages',
      'defaultLanguage',
      'title',
      'description',
      'area',
      'areaMarginMetres',
    ];
    const at = order.indexOf(head);
    if (at >= 0) return at;
    if (
      [
        'moderation',
        'k',
        'opensAt',
        'closesAt',
        'backgroundQuestions',
        'retentionDays',
        'privacyContact',
      ].includes(head)
    ) {
      return 50;
    }
    return 60; // the basemap
  };
  const problems = Object.entries(errors).sort(([a], [b]) => pageOrder(a) - pageOrder(b));
  return (
    <form className="project-editor" onSubmit={save} noValidate aria-busy={saving}>
      {problems.length > 0 && (
        <div
          ref={summaryRef}
          className="notice notice--error error-summary"
          role="alert"
          tabIndex={-1}
          data-testid="error-summary"
        >
          <h2 className="notice__title">{t('staff.editor.problems', { count: problems.length })}</h2>
          <ul>
            {problems.map(([field, problem]) => (
              <li key={field}>
                <a
                  href={`#${fieldDomId(field)}`}
                  onClick={(event) => {
                    const target = document.getElementById(fieldDomId(field));
                    if (!target) return;
                    event.preventDefault();
                    target.scrollIntoView({ block: 'center' });
                    target.focus();
                  }}
                >
                  {fieldLabel(field)}: {t(problem.key, problem.values ?? {})}
                </a>
              </li>
            ))}
          </ul>
          {inUse.length > 0 && (
            <button type="button" className="button" onClick={putBackInUse}>
              {t('staff.editor.putBack')}
            </button>
          )}
        </div>
      )}

      <Section id="basics" title={t('staff.editor.sections.basics')}>
        <BasicsSection
          form={form}
          isNew={slug === null}
          errors={errors}
          onChange={change}
          onSlugEdited={() => {
            slugEdited.current = true;
          }}
        />
      </Section>

      <Section id="area" title={t('staff.editor.sections.area')}>
        <AreaField
          value={form.area}
          onChange={(area) => change({ area })}
          basemap={basemap}
          initialBounds={initialBounds}
          error={errors.area}
        />
        <AreaSettings form={form} errors={errors} onChange={change} />
      </Section>

      <Section id="categories" title={t('staff.editor.sections.categories')}>
        <CategoriesSection
          categories={form.categories}
          languages={form.languages}
          defaultLanguage={form.defaultLanguage}
          errors={errors}
          onChange={(categories) => change({ categories })}
        />
      </Section>

      <Section id="participation" title={t('staff.editor.sections.participation')}>
        <ParticipationSection form={form} errors={errors} onChange={change} />
      </Section>

      <Section id="basemap" title={t('staff.editor.sections.basemap')}>
        <BasemapSection form={form} errors={errors} onChange={change} />
      </Section>

      <div className="save-bar">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={saving}
          data-testid="save-project"
        >
          {slug ? t('staff.editor.save') : t('staff.editor.create')}
        </button>
        {dirty && slug && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setForm(JSON.parse(baseline) as ProjectForm);
              setErrors({});
              setStatus({ tone: 'idle' });
            }}
          >
            {t('staff.editor.discard')}
          </button>
        )}
        {slug && !dirty && (
          <a className="button button--quiet" href={projectPath(slug)} target="_blank" rel="noreferrer">
            {t('staff.editor.openResident')}
          </a>
        )}
        <p
          className={`save-bar__status save-bar__status--${status.tone}`}
          role="status"
          data-testid="save-status"
          data-tone={status.tone}
        >
          {status.tone !== 'idle' ? status.text : dirty ? t('staff.editor.unsaved') : ''}
        </p>
      </div>
    </form>
  );
}
