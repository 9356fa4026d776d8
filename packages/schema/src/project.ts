import { z } from 'zod';
import { followUpQuestionListSchema } from './follow-up.ts';
import { areaGeometrySchema, contributionGeometryTypeSchema } from './geojson.ts';
import { languageTagSchema, localizedTextSchema } from './i18n.ts';
import { PROJECT_SLUG_PATTERN } from './plain.ts';

export const projectSlugSchema = z
  .string()
  .regex(PROJECT_SLUG_PATTERN, 'a project slug is 2–63 lower-case letters, digits and hyphens');

export const categoryKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a category key is lower-case letters, digits and hyphens');

/** `#rrggbb` */
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

export const categorySchema = z.object({
  key: categoryKeySchema,
  /** Short name shown on buttons and legends, per language. */
  labels: localizedTextSchema,
  /** The question asked of the resident, per language. */
  prompts: localizedTextSchema,
  /** What may be drawn in this category; always at least one. */
  geometryTypes: z.array(contributionGeometryTypeSchema).min(1),
  colour: colourSchema,
  /**
   * The symbol shown beside the label: one of `CATEGORY_ICON_NAMES` (`users`, `landmark`, …).
   * Projects saved before the set existed may hold an emoji ("☕"), which is still shown as text.
   */
  icon: z.string().trim().max(16).optional(),
  /**
   * Follow-up questions asked right after a place in this category is put on the map, in order.
   * Left out when saving a project: the category's questions stay as they are.
   */
  questions: followUpQuestionListSchema.optional(),
  /**
   * Set by the server: the version of `questions` (each change makes a new one; 0 = never any).
   * A client sends it back with its answers, so answers given offline still fit.
   */
  questionsVersion: z.number().int().min(0).optional(),
});
export type Category = z.infer<typeof categorySchema>;

/**
 * The project's background map. `raster`: an XYZ tile template (`{z}/{x}/{y}` or `{z}/{y}/{x}`)
 * with its attribution; `style`: a MapLibre style URL. With no network the map still shows the
 * project's own layers on a plain background.
 */
export const basemapSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('raster'),
    tiles: z.array(z.string().min(1)).min(1),
    attribution: z.string(),
    tileSize: z.number().int().positive().default(256),
    maxZoom: z.number().int().min(0).max(24).default(20),
  }),
  z.object({
    kind: z.literal('style'),
    url: z.string().min(1),
  }),
  z.object({ kind: z.literal('none') }),
]);
export type Basemap = z.infer<typeof basemapSchema>;

/** Kartverket's open greyscale topographic map (WMTS as XYZ; note row `{y}` before column `{x}`). */
export const KARTVERKET_GREYSCALE: Basemap = {
  kind: 'raster',
  tiles: ['https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png'],
  attribution: '© Kartverket',
  tileSize: 256,
  maxZoom: 18,
};

export const moderationModeSchema = z.enum(['before', 'after']);

/** The optional background questions a project may ask (each skippable by the resident). */
export const backgroundQuestionSchema = z.enum(['ageBand', 'relation', 'yearsInArea']);
export type BackgroundQuestion = z.infer<typeof backgroundQuestionSchema>;
export const ALL_BACKGROUND_QUESTIONS: BackgroundQuestion[] = ['ageBand', 'relation', 'yearsInArea'];

/** An organisation's slug: 2–63 lower-case letters, digits and hyphens (`larvik`, `indre-ostfold`). */
export const organisationSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an organisation slug is 2–63 lower-case letters, digits and hyphens');

/**
 * What the public sees of the organisation that runs a project: its name, logo and colours, so
 * the resident pages carry the municipality's look. `logoUrl` is null without a logo.
 */
export const organisationBrandSchema = z.object({
  slug: organisationSlugSchema,
  name: z.string(),
  logoUrl: z.string().nullable(),
  primaryColour: colourSchema.nullable(),
  accentColour: colourSchema.nullable(),
});
export type OrganisationBrand = z.infer<typeof organisationBrandSchema>;

/** A project as the public sees it (`GET /api/projects/:slug`). */
export const projectSchema = z.object({
  slug: projectSlugSchema,
  /** The organisation (municipality) that runs the project. */
  organisation: organisationBrandSchema,
  title: localizedTextSchema,
  description: localizedTextSchema,
  area: areaGeometrySchema,
  /** `[minLon, minLat, maxLon, maxLat]` of the area, in degrees, for fitting the map. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  categories: z.array(categorySchema),
  languages: z.array(languageTagSchema).min(1),
  defaultLanguage: languageTagSchema,
  basemap: basemapSchema,
  /** `before`: a moderator publishes each contribution; `after`: published at once, moderated later. */
  moderation: moderationModeSchema,
  /** Fewest distinct participants a public aggregate cell may show. */
  k: z.number().int().min(5),
  open: z.boolean(),
  opensAt: z.string().datetime({ offset: true }).nullable(),
  closesAt: z.string().datetime({ offset: true }).nullable(),
  /** Days after closing that background answers are kept; then they are deleted. */
  retentionDays: z.number().int().min(0).max(3650),
  /** Who residents contact about their data (the municipality's data protection contact). */
  privacyContact: z.string().max(500),
  /** The background questions this project asks; answers to others are not stored. */
  backgroundQuestions: z.array(backgroundQuestionSchema),
});
export type Project = z.infer<typeof projectSchema>;

export const projectSummarySchema = projectSchema
  .pick({
    slug: true,
    title: true,
    description: true,
    open: true,
    languages: true,
    bounds: true,
  })
  .extend({
    /** Whether the results page ("What we heard") has something to show. */
    hasResults: z.boolean(),
  });
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const projectListSchema = z.object({ projects: z.array(projectSummarySchema) });

export const projectParamsSchema = z.object({ slug: projectSlugSchema });

/**
 * What it takes to create a project (the seed, and later project admin). The stored project adds
 * what the server derives (bounds, open).
 */
export const projectDefinitionSchema = z.object({
  slug: projectSlugSchema,
  /**
   * The organisation that owns the project. On creation it may be left out when the caller is an
   * admin of exactly one organisation; it never changes afterwards.
   */
  organisation: organisationSlugSchema.optional(),
  title: localizedTextSchema,
  description: localizedTextSchema.default({}),
  area: areaGeometrySchema,
  /** How far outside the area a contribution may lie, in metres. */
  areaMarginMetres: z.number().int().min(0).max(100_000).default(1000),
  /** EPSG code of the metric CRS used for analysis (hex cells in metres). */
  analysisSrid: z.number().int().default(25832),
  languages: z.array(languageTagSchema).min(1).default(['nb', 'nn', 'en']),
  defaultLanguage: languageTagSchema.default('nb'),
  basemap: basemapSchema.optional(),
  moderation: moderationModeSchema.default('after'),
  k: z.number().int().min(5).default(5),
  opensAt: z.string().datetime({ offset: true }).nullable().default(null),
  closesAt: z.string().datetime({ offset: true }).nullable().default(null),
  retentionDays: z.number().int().min(0).max(3650).default(365),
  privacyContact: z.string().trim().max(500).default(''),
  backgroundQuestions: z.array(backgroundQuestionSchema).default(ALL_BACKGROUND_QUESTIONS),
  categories: z.array(categorySchema).min(1),
});
export type ProjectDefinition = z.input<typeof projectDefinitionSchema>;

/** `GET /api/staff/projects`: the projects a staff member may work on, with counts. */
export const staffProjectListSchema = z.object({
  projects: z.array(
    projectSummarySchema.extend({
      /** The owning organisation's slug. */
      organisation: organisationSlugSchema,
      contributions: z.number().int(),
      pending: z.number().int(),
      participants: z.number().int(),
    }),
  ),
});

/** `GET /api/staff/projects/:slug`: the stored definition, as the project editor edits it. */
export const projectDefinitionOutputSchema = projectDefinitionSchema.extend({
  organisation: organisationSlugSchema,
  basemap: basemapSchema.nullable(),
});
