import { describe, expect, it } from 'vitest';
import { newProjectForm, type ProjectForm } from './project-form.ts';
import { serverErrors, validateProjectForm } from './project-validation.ts';

function validForm(): ProjectForm {
  const form = newProjectForm();
  form.slug = 'kongegata';
  form.title = { nb: 'Kongegata' };
  form.area = {
    kind: 'outline',
    vertices: [
      [10, 59],
      [10.01, 59],
      [10.01, 59.01],
    ],
  };
  return form;
}

const problemsOf = (form: ProjectForm) => {
  const result = validateProjectForm(form);
  return result.ok ? {} : result.errors;
};

describe('validateProjectForm', () => {
  it('accepts a complete form', () => {
    expect(validateProjectForm(validForm()).ok).toBe(true);
  });

  it('asks for an area, a slug and a title in the default language', () => {
    const form = newProjectForm();
    const errors = problemsOf(form);
    expect(errors.area?.key).toBe('staff.editor.errors.areaMissing');
    expect(errors.slug?.key).toBe('staff.editor.errors.slug');
    expect(errors['title.nb']?.key).toBe('staff.editor.errors.titleRequired');
  });

  it('puts a category problem on that category, by its id', () => {
    const form = validForm();
    const category = form.categories[2];
    if (!category) throw new Error('no category');
    category.geometryTypes = [];
    expect(problemsOf(form)[`categories.${category.uid}.geometryTypes`]?.key).toBe(
      'staff.editor.errors.geometryTypes',
    );
  });

  it('refuses k below 5 and a project that closes before it opens', () => {
    const form = validForm();
    form.k = '4';
    form.opensAt = '2025-06-10T10:00';
    form.closesAt = '2025-06-01T10:00';
    const errors = problemsOf(form);
    expect(errors.k?.key).toBe('staff.editor.errors.k');
    expect(errors.closesAt?.key).toBe('staff.editor.errors.closesBeforeOpens');
  });

  it('refuses an outline that crosses itself', () => {
    const form = validForm();
    form.area = {
      kind: 'outline',
      vertices: [
        [10, 59],
        [10.01, 59.01],
        [10.01, 59],
        [10, 59.01],
      ],
    };
    expect(problemsOf(form).area?.key).toBe('staff.editor.errors.areaInvalid');
  });

  it('refuses two categories with one key', () => {
    const form = validForm();
    const [first, second] = form.categories;
    if (!first || !second) throw new Error('no categories');
    second.key = first.key;
    expect(problemsOf(form)[`categories.${second.uid}.key`]?.key).toBe('staff.editor.errors.keyTaken');
  });

  it('asks for a tile template with placeholders for another tile map', () => {
    const form = validForm();
    form.basemap = { ...form.basemap, choice: 'raster', tiles: 'https://tiles.example.no/map.png' };
    const errors = problemsOf(form);
    expect(errors.basemapTiles?.key).toBe('staff.editor.errors.basemapTiles');
    expect(errors.basemapAttribution?.key).toBe('staff.editor.errors.attribution');
  });
});

describe('serverErrors', () => {
  it('lists the categories a save could not remove', () => {
    const failure = {
      code: 'CATEGORY_IN_USE' as const,
      status: 409,
      message: 'in use',
      details: { categories: ['landmarks'] },
    };
    const result = serverErrors(validForm(), failure);
    expect(result.inUse).toEqual(['landmarks']);
    expect(result.errors.categories?.values).toEqual({ keys: 'landmarks' });
  });

  it('maps a refused field to the field, by the path the server names', () => {
    const form = validForm();
    const failure = {
      code: 'VALIDATION_FAILED' as const,
      status: 400,
      message: 'bad',
      details: [{ path: 'categories.1.colour', message: 'a colour is #rrggbb' }],
    };
    const uid = form.categories[1]?.uid;
    expect(serverErrors(form, failure).errors[`categories.${uid}.colour`]).toMatchObject({
      key: 'staff.editor.errors.colour',
      detail: 'a colour is #rrggbb',
    });
  });

  it('puts a taken slug on the slug', () => {
    const failure = { code: 'SLUG_TAKEN' as const, status: 409, message: 'taken' };
    expect(serverErrors(validForm(), failure).errors.slug?.key).toBe('errors.SLUG_TAKEN');
  });
});
