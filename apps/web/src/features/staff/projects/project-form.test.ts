import { KARTVERKET_GREYSCALE, projectDefinitionSchema } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  areaValueOf,
  definitionFromForm,
  formFromDefinition,
  fromLocalInput,
  newProjectForm,
  outlinePolygon,
  suggestSlug,
  toLocalInput,
} from './project-form.ts';

const ring: [number, number][] = [
  [10, 59],
  [10.01, 59],
  [10.01, 59.01],
];

describe('outlinePolygon', () => {
  it('closes the ring of three or more corners', () => {
    expect(outlinePolygon(ring)).toEqual({ type: 'Polygon', coordinates: [[...ring, [10, 59]]] });
  });

  it('is null with fewer than three corners', () => {
    expect(outlinePolygon(ring.slice(0, 2))).toBeNull();
  });
});

describe('areaValueOf', () => {
  const closed = [...ring, [10, 59]] as [number, number][];

  it('opens a single ring for editing, from a Polygon or a MultiPolygon of one', () => {
    expect(areaValueOf({ type: 'Polygon', coordinates: [closed] })).toEqual({
      kind: 'outline',
      vertices: ring,
    });
    expect(areaValueOf({ type: 'MultiPolygon', coordinates: [[closed]] })).toEqual({
      kind: 'outline',
      vertices: ring,
    });
  });

  it('keeps several polygons as a fixed geometry', () => {
    const area = { type: 'MultiPolygon' as const, coordinates: [[closed], [closed]] };
    expect(areaValueOf(area)).toEqual({ kind: 'geometry', geometry: area, fileName: null });
  });
});

describe('definitionFromForm', () => {
  it('makes a definition the schema accepts from a filled-in new form', () => {
    const form = newProjectForm();
    form.slug = 'kongegata';
    form.title = { nb: 'Kongegata', en: ' Kongegata street ' };
    form.area = { kind: 'outline', vertices: ring };
    const definition = definitionFromForm(form);
    expect(projectDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(definition.title).toEqual({ nb: 'Kongegata', en: 'Kongegata street' });
    expect(definition.basemap).toBeUndefined();
    expect(definition.categories).toHaveLength(8);
  });

  it('leaves out texts in languages no longer offered', () => {
    const form = newProjectForm();
    form.title = { nb: 'Tittel', nn: 'Tittel', en: 'Title' };
    form.languages = ['nb'];
    expect(definitionFromForm(form).title).toEqual({ nb: 'Tittel' });
  });

  it('reads numbers as typed, and an empty one as not a number', () => {
    const form = newProjectForm();
    form.k = '7';
    form.areaMarginMetres = '';
    const definition = definitionFromForm(form);
    expect(definition.k).toBe(7);
    expect(definition.areaMarginMetres).toBeNaN();
  });

  it('gives back what it was given, round trip through the stored shape', () => {
    const form = newProjectForm();
    form.slug = 'kongegata';
    form.title = { nb: 'Kongegata' };
    form.area = { kind: 'outline', vertices: ring };
    form.basemap = { ...form.basemap, choice: 'none' };
    const stored = projectDefinitionSchema.parse(definitionFromForm(form));
    const again = formFromDefinition({ ...stored, organisation: 'larvik', basemap: stored.basemap ?? null });
    expect(definitionFromForm(again)).toEqual({
      ...definitionFromForm({ ...form, categories: again.categories }),
      organisation: 'larvik',
    });
    expect(again.categories.every((category) => category.stored)).toBe(true);
  });
});

describe('a new project of an organisation', () => {
  const defaults = {
    organisation: 'larvik',
    defaultLanguages: ['nb', 'en', 'pl'],
    defaultLanguage: 'nb',
    defaultBasemap: { kind: 'none' as const },
  };

  it('starts in its default languages and on its basemap, and names the organisation', () => {
    const form = newProjectForm(defaults);
    expect(form.languages).toEqual(['nb', 'en', 'pl']);
    expect(form.basemap.choice).toBe('none');
    form.slug = 'kongegata';
    form.title = { nb: 'Kongegata' };
    form.area = { kind: 'outline', vertices: ring };
    const definition = projectDefinitionSchema.parse(definitionFromForm(form));
    expect(definition.organisation).toBe('larvik');
    expect(definition.basemap).toEqual({ kind: 'none' });
  });

  it('sends Kartverket outright when chosen over the organisation’s own default', () => {
    const form = newProjectForm(defaults);
    form.basemap = { ...form.basemap, choice: 'kartverket' };
    expect(definitionFromForm(form).basemap).toEqual(KARTVERKET_GREYSCALE);
    // Without a default of its own the server's default is Kartverket: nothing to say.
    expect(definitionFromForm(newProjectForm({ ...defaults, defaultBasemap: null })).basemap).toBeUndefined();
  });
});

describe('settings the form does not show', () => {
  it('ride along to the next save, for the project and its categories', () => {
    const form = newProjectForm();
    form.slug = 'kongegata';
    form.title = { nb: 'Kongegata' };
    form.area = { kind: 'outline', vertices: ring };
    const stored = projectDefinitionSchema.parse(definitionFromForm(form));
    const [first, ...rest] = stored.categories;
    if (!first) throw new Error('no category');
    const withExtras = {
      ...stored,
      organisation: 'larvik',
      basemap: null,
      somethingNewer: { kept: true },
      categories: [{ ...first, icon: '☕', laterSetting: 3 }, ...rest],
    };
    const again = definitionFromForm(formFromDefinition(withExtras));
    expect(again).toMatchObject({ somethingNewer: { kept: true } });
    expect(again.categories[0]).toMatchObject({ icon: '☕', laterSetting: 3 });
    expect(again.retentionDays).toBe(stored.retentionDays);
    expect(again.backgroundQuestions).toEqual(stored.backgroundQuestions);
  });
});

describe('local date inputs', () => {
  it('turn an ISO time into the input value and back', () => {
    const iso = new Date(2025, 5, 3, 14, 5).toISOString();
    expect(toLocalInput(iso)).toBe('2025-06-03T14:05');
    expect(fromLocalInput('2025-06-03T14:05')).toBe(iso);
    expect(fromLocalInput('')).toBeNull();
  });
});

describe('suggestSlug', () => {
  it('spells out Norwegian letters and joins words with hyphens', () => {
    expect(suggestSlug('Områdesatsing Torstrand – kartlegging')).toBe('omradesatsing-torstrand-kartlegging');
    expect(suggestSlug('Ærlig Øst')).toBe('aerlig-ost');
  });
});
