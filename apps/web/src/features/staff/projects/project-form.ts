import {
  ALL_BACKGROUND_QUESTIONS,
  type AreaGeometry,
  type BackgroundQuestion,
  type Basemap,
  type Category,
  type ContributionGeometryType,
  KARTVERKET_GREYSCALE,
  type LocalizedText,
  type ProjectDefinition,
  type projectDefinitionOutputSchema,
} from '@nabolag/schema';
import type { z } from 'zod';
import type { LngLat } from '../../../lib/lng-lat.ts';
import { defaultCategories } from './default-categories.ts';

/**
 * The project editor's form: the project definition (`projectDefinitionSchema`) in the shape
 * the inputs hold it — numbers and dates as the text typed, the area as corners being drawn,
 * categories with a stable id for React and for error messages. `definitionFromForm` turns it
 * back into a definition; the schema stays the judge of what is valid.
 */

export type StoredDefinition = z.infer<typeof projectDefinitionOutputSchema>;

/**
 * The project area while it is edited: corners drawn on the map (an open ring, `[longitude,
 * latitude]` in degrees, the closing corner implied), or a geometry that cannot be edited corner
 * by corner (an uploaded or stored MultiPolygon, or a polygon with holes).
 */
export type AreaValue =
  | { kind: 'outline'; vertices: LngLat[] }
  | { kind: 'geometry'; geometry: AreaGeometry; fileName: string | null };

export type BasemapChoice = 'kartverket' | 'raster' | 'style' | 'none';

export interface BasemapForm {
  choice: BasemapChoice;
  /** The XYZ tile template of a `raster` basemap. */
  tiles: string;
  attribution: string;
  /** Kept from a stored raster basemap (pixels, zoom level). */
  tileSize: number;
  maxZoom: number;
  styleUrl: string;
}

export interface CategoryForm extends Category {
  /** Stable while the category is edited and moved: the key of a stored one, or made up. */
  uid: string;
  /** Whether the category is already saved (its key is then fixed). */
  stored: boolean;
}

export interface ProjectForm {
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  area: AreaValue;
  /** Metres, as typed. */
  areaMarginMetres: string;
  analysisSrid: number;
  languages: string[];
  defaultLanguage: string;
  /** The project's own order for texts missing in the reader's language; null: the default. */
  textFallback: string[] | null;
  basemap: BasemapForm;
  moderation: 'before' | 'after';
  /** Days background answers are kept after the project closes, as typed. */
  retentionDays: string;
  /** Whom residents contact about their data. */
  privacyContact: string;
  backgroundQuestions: BackgroundQuestion[];
  /** As typed. */
  k: string;
  /** `YYYY-MM-DDTHH:mm` in the browser's time zone (an `<input type="datetime-local">`), or ''. */
  opensAt: string;
  closesAt: string;
  categories: CategoryForm[];
  /**
   * Settings of the stored definition that this form does not show (added to the contract
   * after it), sent back unchanged so that a save never wipes them.
   */
  passthrough: Record<string, unknown>;
}

/** The definition's settings the form edits; anything else rides along in `passthrough`. */
const FORM_KEYS = new Set([
  'slug',
  'title',
  'description',
  'area',
  'areaMarginMetres',
  'analysisSrid',
  'languages',
  'defaultLanguage',
  'textFallback',
  'basemap',
  'moderation',
  'k',
  'opensAt',
  'closesAt',
  'retentionDays',
  'privacyContact',
  'backgroundQuestions',
  'categories',
]);

/** The geometry types a category may allow, in the order the editor shows them. */
export const GEOMETRY_TYPES: readonly ContributionGeometryType[] = ['Point', 'LineString', 'Polygon'];

/** Metric CRSs planners in Norway use (DESIGN.md): ETRS89 / UTM zones 32, 33 and 35. */
export const ANALYSIS_SRIDS = [25832, 25833, 25835] as const;

const pad = (value: number) => String(value).padStart(2, '0');

/** An ISO date-time as the value of a `datetime-local` input, in the browser's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return '';
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(
    moment.getHours(),
  )}:${pad(moment.getMinutes())}`;
}

/** A `datetime-local` value as an ISO date-time (UTC), `null` when empty; unparsable text stays as is. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? value : moment.toISOString();
}

/** The outline's ring, closed, or `null` with fewer than three corners. */
export function outlinePolygon(vertices: readonly LngLat[]): AreaGeometry | null {
  if (vertices.length < 3) return null;
  const first = vertices[0] as LngLat;
  return { type: 'Polygon', coordinates: [[...vertices.map((vertex) => [...vertex] as LngLat), [...first]]] };
}

/** The area as a geometry, or `null` while it is not one yet. */
export function areaGeometry(area: AreaValue): AreaGeometry | null {
  return area.kind === 'outline' ? outlinePolygon(area.vertices) : area.geometry;
}

/** A stored area as corners to edit when it is one ring; otherwise as a fixed geometry. */
export function areaValueOf(area: AreaGeometry): AreaValue {
  // The database may hand back a single polygon as a MultiPolygon of one.
  const rings =
    area.type === 'Polygon'
      ? area.coordinates
      : area.coordinates.length === 1
        ? area.coordinates[0]
        : undefined;
  if (rings?.length === 1) {
    const ring = rings[0] ?? [];
    return {
      kind: 'outline',
      vertices: ring.slice(0, -1).map(([longitude, latitude]) => [longitude, latitude]),
    };
  }
  return { kind: 'geometry', geometry: area, fileName: null };
}

const sameBasemap = (a: Basemap, b: Basemap) => JSON.stringify(a) === JSON.stringify(b);

/** The form of a stored basemap; Kartverket's greyscale map (the default) when there is none. */
export function basemapFormOf(basemap: Basemap | null | undefined): BasemapForm {
  const empty: BasemapForm = {
    choice: 'kartverket',
    tiles: '',
    attribution: '',
    tileSize: 256,
    maxZoom: 19,
    styleUrl: '',
  };
  if (!basemap || sameBasemap(basemap, KARTVERKET_GREYSCALE)) return empty;
  switch (basemap.kind) {
    case 'raster':
      return {
        ...empty,
        choice: 'raster',
        tiles: basemap.tiles[0] ?? '',
        attribution: basemap.attribution,
        tileSize: basemap.tileSize,
        maxZoom: basemap.maxZoom,
      };
    case 'style':
      return { ...empty, choice: 'style', styleUrl: basemap.url };
    case 'none':
      return { ...empty, choice: 'none' };
  }
}

/** The basemap the form describes; `undefined` leaves the server's default (Kartverket greyscale). */
export function basemapOf(form: BasemapForm): Basemap | undefined {
  switch (form.choice) {
    case 'kartverket':
      return undefined;
    case 'raster':
      return {
        kind: 'raster',
        tiles: [form.tiles.trim()],
        attribution: form.attribution.trim(),
        tileSize: form.tileSize,
        maxZoom: form.maxZoom,
      };
    case 'style':
      return { kind: 'style', url: form.styleUrl.trim() };
    case 'none':
      return { kind: 'none' };
  }
}

/** The basemap to show under the area while it is drawn (Kartverket when left to the default). */
export const previewBasemap = (form: BasemapForm): Basemap => basemapOf(form) ?? KARTVERKET_GREYSCALE;

let uidCounter = 0;
/** A made-up id for a category that has no key yet. */
export const newCategoryUid = () => {
  uidCounter += 1;
  return `new-${uidCounter}`;
};

const categoryForm = (category: Category, stored: boolean): CategoryForm => ({
  ...structuredClone(category),
  uid: stored ? category.key : `${category.key}-${newCategoryUid()}`,
  stored,
});

/** What an organisation gives a new project of its own (`organisationSchema`'s defaults). */
export interface OrganisationDefaults {
  organisation: string;
  defaultLanguages: string[];
  defaultLanguage: string;
  defaultBasemap: Basemap | null;
}

/**
 * A new project's form: the method's eight categories, published after moderation, in the
 * organisation's default languages and on its default basemap (nb/nn/en and Kartverket without one).
 */
export function newProjectForm(defaults?: OrganisationDefaults): ProjectForm {
  const form = blankProjectForm();
  if (!defaults) return form;
  return {
    ...form,
    languages: [...defaults.defaultLanguages],
    defaultLanguage: defaults.defaultLanguage,
    basemap: basemapFormOf(defaults.defaultBasemap),
    // Rides along into the definition. With a default basemap of its own, the server would use
    // that for a project sent without one: choosing Kartverket must then be said outright.
    passthrough: {
      organisation: defaults.organisation,
      ...(defaults.defaultBasemap ? { basemap: KARTVERKET_GREYSCALE } : {}),
    },
  };
}

function blankProjectForm(): ProjectForm {
  return {
    slug: '',
    title: {},
    description: {},
    area: { kind: 'outline', vertices: [] },
    areaMarginMetres: '1000',
    analysisSrid: 25832,
    languages: ['nb', 'nn', 'en'],
    defaultLanguage: 'nb',
    textFallback: null,
    basemap: basemapFormOf(null),
    moderation: 'after',
    retentionDays: '365',
    privacyContact: '',
    backgroundQuestions: [...ALL_BACKGROUND_QUESTIONS],
    k: '5',
    opensAt: '',
    closesAt: '',
    categories: defaultCategories().map((category) => categoryForm(category, false)),
    passthrough: {},
  };
}

/** The form for a stored project. */
export function formFromDefinition(definition: StoredDefinition): ProjectForm {
  return {
    slug: definition.slug,
    title: { ...definition.title },
    description: { ...definition.description },
    area: areaValueOf(definition.area),
    areaMarginMetres: String(definition.areaMarginMetres),
    analysisSrid: definition.analysisSrid,
    languages: [...definition.languages],
    defaultLanguage: definition.defaultLanguage,
    textFallback: definition.textFallback ? [...definition.textFallback] : null,
    basemap: basemapFormOf(definition.basemap),
    moderation: definition.moderation,
    retentionDays: String(definition.retentionDays),
    privacyContact: definition.privacyContact,
    backgroundQuestions: [...definition.backgroundQuestions],
    k: String(definition.k),
    opensAt: toLocalInput(definition.opensAt),
    closesAt: toLocalInput(definition.closesAt),
    categories: definition.categories.map((category) => categoryForm(category, true)),
    passthrough: Object.fromEntries(Object.entries(definition).filter(([key]) => !FORM_KEYS.has(key))),
  };
}

/** Texts in the offered languages only, trimmed; empty ones left out. */
function textsIn(text: LocalizedText, languages: readonly string[]): LocalizedText {
  return Object.fromEntries(
    languages
      .map((language) => [language, (text[language] ?? '').trim()] as const)
      .filter(([, value]) => value.length > 0),
  );
}

/**
 * The project's own fallback order as saved: the chosen languages still offered; none left (or
 * none chosen) is the default order (null).
 */
function textFallbackOf(form: ProjectForm): string[] | null {
  const order = (form.textFallback ?? []).filter((language) => form.languages.includes(language));
  return order.length > 0 ? order : null;
}

const numberFrom = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The definition the form describes, for `projectDefinitionSchema` to judge. Texts in languages
 * no longer offered are left out; an area with fewer than three corners is left out (and the
 * schema says it is missing).
 */
export function definitionFromForm(form: ProjectForm): ProjectDefinition {
  const area = areaGeometry(form.area);
  const basemap = basemapOf(form.basemap);
  return {
    ...form.passthrough,
    slug: form.slug.trim(),
    title: textsIn(form.title, form.languages),
    description: textsIn(form.description, form.languages),
    ...(area ? { area } : {}),
    areaMarginMetres: numberFrom(form.areaMarginMetres),
    analysisSrid: form.analysisSrid,
    languages: [...form.languages],
    defaultLanguage: form.defaultLanguage,
    textFallback: textFallbackOf(form),
    ...(basemap ? { basemap } : {}),
    moderation: form.moderation,
    retentionDays: numberFrom(form.retentionDays),
    privacyContact: form.privacyContact.trim(),
    backgroundQuestions: ALL_BACKGROUND_QUESTIONS.filter((question) =>
      form.backgroundQuestions.includes(question),
    ),
    k: numberFrom(form.k),
    opensAt: fromLocalInput(form.opensAt),
    closesAt: fromLocalInput(form.closesAt),
    categories: form.categories.map(({ uid: _uid, stored: _stored, icon, ...category }) => ({
      // Category settings this form does not know ride along unchanged.
      ...category,
      key: category.key.trim(),
      labels: textsIn(category.labels, form.languages),
      prompts: textsIn(category.prompts, form.languages),
      geometryTypes: GEOMETRY_TYPES.filter((type) => category.geometryTypes.includes(type)),
      colour: category.colour,
      ...(icon?.trim() ? { icon: icon.trim() } : {}),
    })),
  } as ProjectDefinition;
}

/**
 * A project slug suggested from a title: lower case, Norwegian letters spelt out, words joined
 * with hyphens ("Områdesatsing Torstrand" → "omradesatsing-torstrand").
 */
export function suggestSlug(title: string): string {
  return title
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** A category key suggested from its label, the same way as a slug. */
export const suggestCategoryKey = suggestSlug;
