import { type ProjectDefinition, projectDefinitionSchema } from '@nabolag/schema';
import type { ParseKeys } from 'i18next';
import type { ApiFailure } from '../../../api/client.ts';
import { areaProblem } from './area-upload.ts';
import { areaGeometry, definitionFromForm, type ProjectForm } from './project-form.ts';

/** A problem with one field, as a sentence key in the locale files (and the server's own words). */
export interface FieldError {
  key: ParseKeys;
  values?: Record<string, string | number>;
  /** The server's text (English), shown beside the sentence when there is one. */
  detail?: string;
}

/**
 * Problems by field: `slug`, `title.nb`, `area`, `k`, `categories`, `categories.<uid>.labels.nb`,
 * `categories.<uid>.geometryTypes`, … (a category by its `uid`, so errors follow it when moved).
 * `form` holds what belongs to no one field.
 */
export type FieldErrors = Record<string, FieldError>;

export type FormValidation = { ok: true; definition: ProjectDefinition } | { ok: false; errors: FieldErrors };

const error = (key: ParseKeys, values?: FieldError['values'], detail?: string): FieldError => ({
  key,
  ...(values ? { values } : {}),
  ...(detail ? { detail } : {}),
});

/** The field a schema path (as the schema or the server gives it) belongs to. */
export function fieldOfPath(form: ProjectForm, path: readonly PropertyKey[]): string {
  const [head, index, ...rest] = path.map(String);
  if (head === 'categories' && index !== undefined) {
    const category = form.categories[Number(index)];
    if (!category) return 'categories';
    const [part, language] = rest;
    // A follow-up question's problems are shown at the question (by its place in the list).
    if (part === 'questions') {
      return language === undefined
        ? `categories.${category.uid}.questions`
        : `categories.${category.uid}.questions.${language}`;
    }
    if (part === 'labels' || part === 'prompts') {
      return language
        ? `categories.${category.uid}.${part}.${language}`
        : `categories.${category.uid}.${part}`;
    }
    return part ? `categories.${category.uid}.${part}` : `categories.${category.uid}`;
  }
  if ((head === 'title' || head === 'description') && index !== undefined) return `${head}.${index}`;
  if (head === 'basemap') return 'basemap';
  return head ?? 'form';
}

/** The sentence for a problem the schema found, by the field it is in. */
function schemaErrorKey(field: string): ParseKeys {
  const last = field.split('.').at(-1) ?? field;
  if (field.startsWith('categories.')) {
    if (field.includes('.questions')) return 'staff.followUp.invalid';
    if (field.includes('.labels')) return 'staff.editor.errors.label';
    if (field.includes('.prompts')) return 'staff.editor.errors.text';
    switch (last) {
      case 'key':
        return 'staff.editor.errors.categoryKey';
      case 'geometryTypes':
        return 'staff.editor.errors.geometryTypes';
      case 'colour':
        return 'staff.editor.errors.colour';
      case 'icon':
        return 'staff.editor.errors.icon';
    }
  }
  if (field.startsWith('title.') || field.startsWith('description.')) return 'staff.editor.errors.text';
  switch (field) {
    case 'slug':
      return 'staff.editor.errors.slug';
    case 'area':
      return 'staff.editor.errors.areaMissing';
    case 'areaMarginMetres':
      return 'staff.editor.errors.margin';
    case 'k':
      return 'staff.editor.errors.k';
    case 'retentionDays':
      return 'staff.editor.errors.retention';
    case 'privacyContact':
      return 'staff.editor.errors.text';
    case 'languages':
      return 'staff.editor.errors.languages';
    case 'defaultLanguage':
      return 'staff.editor.errors.defaultLanguage';
    case 'opensAt':
    case 'closesAt':
      return 'staff.editor.errors.date';
    case 'categories':
      return 'staff.editor.errors.categories';
    case 'basemap':
      return 'staff.editor.errors.basemap';
    default:
      return 'staff.editor.errors.invalid';
  }
}

const TILE_TEMPLATE = /^https?:\/\/\S+$/;

/** Rules the API adds to the schema (`project-admin.routes.ts`), and what a person would expect. */
function extraProblems(form: ProjectForm, definition: ProjectDefinition): FieldErrors {
  const errors: FieldErrors = {};
  const language = form.defaultLanguage;
  if (!definition.title[language]) errors[`title.${language}`] = error('staff.editor.errors.titleRequired');
  if (!form.languages.includes(language))
    errors.defaultLanguage = error('staff.editor.errors.defaultLanguage');

  const area = areaGeometry(form.area);
  if (area) {
    const problem = areaProblem(area);
    if (problem) errors.area = error('staff.editor.errors.areaInvalid', undefined, problem);
  } else if (form.area.kind === 'outline' && form.area.vertices.length > 0) {
    errors.area = error('staff.editor.errors.areaTooFew');
  }

  if (definition.opensAt && definition.closesAt && definition.opensAt >= definition.closesAt) {
    errors.closesAt = error('staff.editor.errors.closesBeforeOpens');
  }

  const seen = new Set<string>();
  for (const category of form.categories) {
    const key = category.key.trim();
    if (key && seen.has(key))
      errors[`categories.${category.uid}.key`] = error('staff.editor.errors.keyTaken');
    seen.add(key);
    if (!(category.labels[language] ?? '').trim()) {
      errors[`categories.${category.uid}.labels.${language}`] = error('staff.editor.errors.label');
    }
  }

  if (form.basemap.choice === 'raster') {
    const template = form.basemap.tiles.trim();
    const hasPlaceholders = ['{z}', '{x}', '{y}'].every((part) => template.includes(part));
    if (!TILE_TEMPLATE.test(template) || !hasPlaceholders) {
      errors.basemapTiles = error('staff.editor.errors.basemapTiles');
    }
    if (!form.basemap.attribution.trim())
      errors.basemapAttribution = error('staff.editor.errors.attribution');
  }
  if (form.basemap.choice === 'style' && !TILE_TEMPLATE.test(form.basemap.styleUrl.trim())) {
    errors.basemapStyleUrl = error('staff.editor.errors.styleUrl');
  }
  return errors;
}

/**
 * Checks the form with `projectDefinitionSchema` (the contract) and the API's extra rules, and
 * returns the definition to send, or the problems by field. The first problem in a field wins.
 */
export function validateProjectForm(form: ProjectForm): FormValidation {
  const definition = definitionFromForm(form);
  const errors: FieldErrors = {};
  const parsed = projectDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(form, issue.path);
      // The schema's own words say which option or condition is wrong (they are not translated).
      errors[field] ??= field.includes('.questions')
        ? error(schemaErrorKey(field), undefined, issue.message)
        : error(schemaErrorKey(field));
    }
  }
  for (const [field, problem] of Object.entries(extraProblems(form, definition))) errors[field] ??= problem;
  return Object.keys(errors).length === 0 ? { ok: true, definition } : { ok: false, errors };
}

interface ServerIssue {
  path: string;
  message: string;
}

const isServerIssues = (value: unknown): value is ServerIssue[] =>
  Array.isArray(value) &&
  value.every(
    (item) => typeof item === 'object' && item !== null && typeof Reflect.get(item, 'path') === 'string',
  );

/**
 * The server's refusal of a save, as problems by field where it names one (`form` otherwise).
 * `CATEGORY_IN_USE` lists the categories in `inUse` so the editor can offer to put them back.
 */
export function serverErrors(
  form: ProjectForm,
  failure: ApiFailure,
): { errors: FieldErrors; inUse: string[] } {
  switch (failure.code) {
    case 'SLUG_TAKEN':
      return { errors: { slug: error('errors.SLUG_TAKEN') }, inUse: [] };
    case 'INVALID_GEOMETRY':
      return {
        errors: { area: error('staff.editor.errors.areaRejected', undefined, failure.message) },
        inUse: [],
      };
    case 'CATEGORY_IN_USE': {
      const details = failure.details as { categories?: unknown } | undefined;
      const inUse = Array.isArray(details?.categories)
        ? details.categories.filter((key): key is string => typeof key === 'string')
        : [];
      return {
        errors: {
          categories: error('staff.editor.errors.categoriesInUse', { keys: inUse.join(', ') }),
        },
        inUse,
      };
    }
    case 'VALIDATION_FAILED': {
      const errors: FieldErrors = {};
      if (isServerIssues(failure.details)) {
        for (const issue of failure.details) {
          const field = fieldOfPath(
            form,
            issue.path.split('.').filter((part) => part.length > 0),
          );
          errors[field] ??= error(schemaErrorKey(field), undefined, issue.message);
        }
      }
      if (Object.keys(errors).length === 0) {
        errors.form = error('errors.VALIDATION_FAILED', undefined, failure.message);
      }
      return { errors, inUse: [] };
    }
    default:
      return { errors: {}, inUse: [] };
  }
}
