import { z } from 'zod';
import {
  ageBandSchema,
  MAX_CELL_METRES,
  MIN_CELL_METRES,
  relationSchema,
  sessionCodeSchema,
} from './contribution.ts';
import { answerFilterSchema } from './follow-up.ts';
import { bboxQuerySchema, pointSchema } from './geojson.ts';
import { languageTagSchema } from './i18n.ts';
import { categoryKeySchema, projectSlugSchema } from './project.ts';

/**
 * Hexagon sizes (edge length in metres, in the project's analysis CRS) whose cell ids are stored
 * with every contribution: heatmaps at these sizes are cheap. Other sizes in 50–500 m work too,
 * computed per request (and cached).
 */
export const ANALYSIS_CELL_SIZES = [50, 100, 200, 250, 500] as const;

/** Significance classes of a Gi* z-score: ±3 = 99 %, ±2 = 95 %, ±1 = 90 %, 0 = not significant. */
export const hotSpotClassSchema = z.union([
  z.literal(-3),
  z.literal(-2),
  z.literal(-1),
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
]);
export type HotSpotClass = z.infer<typeof hotSpotClassSchema>;

const commaList = <T extends z.ZodType<string, string>>(item: T, max = 50) =>
  z
    .string()
    .transform((value) => value.split(',').filter((part) => part.length > 0))
    .pipe(z.array(item).min(1).max(max))
    .optional();

const dateSchema = z.iso.date({ message: 'a date is YYYY-MM-DD' });

const cellSchema = z.coerce
  .number()
  .int()
  .min(MIN_CELL_METRES, `cell must be at least ${MIN_CELL_METRES} metres`)
  .max(MAX_CELL_METRES, `cell must be at most ${MAX_CELL_METRES} metres`)
  .default(200);

/** Most answer filters one view takes. */
export const MAX_ANSWER_FILTERS = 10;

/**
 * Filters on follow-up answers, all of which must hold: `answer=how_often:daily,weekly;safe:4..5`
 * (filters joined by `;`, or the parameter repeated). See `answerFilterSchema`.
 */
const answerFiltersSchema = z.preprocess(
  (value) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value]).flatMap((part) =>
          String(part)
            .split(';')
            .filter((filter) => filter.length > 0),
        ),
  z
    .array(answerFilterSchema)
    .min(1, 'answer needs at least one question:value filter')
    .max(MAX_ANSWER_FILTERS, `at most ${MAX_ANSWER_FILTERS} answer filters`)
    .optional(),
);

/**
 * The filters every staff analysis takes
 * (`?category=&relation=&ageBand=&session=&group=&from=&to=&answer=`).
 */
export const analysisFilterQuerySchema = z
  .object({
    category: commaList(categoryKeySchema),
    /** Participants who gave one of these relations to the area. */
    relation: commaList(relationSchema),
    ageBand: commaList(ageBandSchema),
    /** Workshop sessions by join code. */
    session: commaList(sessionCodeSchema),
    /** Workshop groups (tables) by name. */
    group: commaList(z.string().min(1).max(60)),
    /** First and last day, inclusive (the server's calendar, Europe/Oslo in practice). */
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    /** Contributions whose follow-up answers match (e.g. meeting places visited daily). */
    answer: answerFiltersSchema,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type AnalysisFilterQuery = z.infer<typeof analysisFilterQuerySchema>;
/** The filters as the repositories take them. */
export type AnalysisFilter = AnalysisFilterQuery;

/** `GET /api/staff/projects/:slug/analysis/heatmap` */
export const staffHeatmapQuerySchema = z.intersection(
  analysisFilterQuerySchema,
  z.object({
    cell: cellSchema,
    bbox: bboxQuerySchema.optional(),
    /** `true`: leave out cells under k, as public outputs do (to preview what residents see). */
    suppress: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .default(false),
  }),
);

const hexGeometrySchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.array(z.number()))),
});
/** A hex cell's stable id: `q,r` axial coordinates at its size. */
const cellIdSchema = z.string().regex(/^-?\d+,-?\d+$/);

export const staffHeatmapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: cellIdSchema,
      geometry: hexGeometrySchema,
      properties: z.object({ cell: cellIdSchema, count: z.number().int(), participants: z.number().int() }),
    }),
  ),
  cell: z.number().int(),
  k: z.number().int(),
  /** Whether cells under k were left out. */
  suppressed: z.boolean(),
});
export type StaffHeatmap = z.infer<typeof staffHeatmapSchema>;

/** `GET …/analysis/points`: the raw points (lines and areas by a point on them) for a kernel-density view. */
export const densityPointsSchema = z.object({
  /** `[longitude, latitude]` pairs, degrees, 6 decimals (about 0.1 m). */
  points: z.array(z.tuple([z.number(), z.number()])),
  /** Contributions that matched; above 100,000 the points are a random sample. */
  total: z.number().int(),
});
export type DensityPoints = z.infer<typeof densityPointsSchema>;

/** `GET …/analysis/hot-spots`: Getis–Ord Gi* over the hex grid covering the project area. */
export const hotSpotsQuerySchema = z.intersection(
  analysisFilterQuerySchema,
  z.object({
    cell: cellSchema,
    /** Neighbours: cells within this many rings of hexagons (1 = the six around, and the cell itself). */
    rings: z.coerce.number().int().min(1, 'rings must be 1–5').max(5, 'rings must be 1–5').default(1),
  }),
);
export const hotSpotsSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: cellIdSchema,
      geometry: hexGeometrySchema,
      properties: z.object({
        cell: cellIdSchema,
        count: z.number().int(),
        /** Gi* z-score; null where it is undefined (no variation, or every cell a neighbour). */
        z: z.number().nullable(),
        class: hotSpotClassSchema,
      }),
    }),
  ),
  cell: z.number().int(),
  rings: z.number().int(),
});
export type HotSpots = z.infer<typeof hotSpotsSchema>;

/** `GET …/analysis/compare?a.category=…&b.relation=…`: two filtered sets side by side, per cell. */
export const compareCellSchema = z.object({
  type: z.literal('Feature'),
  id: cellIdSchema,
  geometry: hexGeometrySchema,
  properties: z.object({
    cell: cellIdSchema,
    a: z.number().int(),
    b: z.number().int(),
    aParticipants: z.number().int(),
    bParticipants: z.number().int(),
    /** The cell's share of A's contributions minus its share of B's, −1…1. */
    difference: z.number(),
    /** High in both: min(shareA / top shareA, shareB / top shareB), 0…1. */
    contested: z.number(),
  }),
});
export const compareSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(compareCellSchema),
  cell: z.number().int(),
  totals: z.object({ a: z.number().int(), b: z.number().int() }),
});
export type Compare = z.infer<typeof compareSchema>;

/** `GET …/analysis/stories?cell=&q=&r=` or `?contribution=`, with the filters and `search`. */
export const storiesQuerySchema = z.intersection(
  analysisFilterQuerySchema,
  z.object({
    /** The stories in one hex cell: size and `q,r`. */
    cell: z.coerce.number().int().min(MIN_CELL_METRES).max(MAX_CELL_METRES).optional(),
    at: cellIdSchema.optional(),
    /** The story of one contribution (a clicked pin). */
    contribution: z.uuid({ message: 'contribution must be a UUID' }).optional(),
    /** Words to look for in the stories. */
    search: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  }),
);
export const storySummarySchema = z.object({
  id: z.uuid(),
  category: categoryKeySchema,
  story: z.string(),
  createdAt: z.string(),
  status: z.enum(['published', 'pending']),
  /** A point on the contribution (its own point for a pin), for "show on map". */
  point: pointSchema,
  session: z.string().nullable(),
  group: z.string().nullable(),
  relation: z.array(relationSchema).nullable(),
  ageBand: ageBandSchema.nullable(),
  featured: z.boolean(),
});
export const storiesSchema = z.object({ stories: z.array(storySummarySchema), total: z.number().int() });
export type StorySummary = z.infer<typeof storySummarySchema>;

/**
 * Where a place's name comes from: a planner named it, the nearest address (Kartverket's address
 * register), or the nearest labelled feature of the project's reference layers.
 */
export const placeNameSourceSchema = z.enum(['planner', 'address', 'reference']);
export type PlaceNameSource = z.infer<typeof placeNameSourceSchema>;

/** `PUT /api/staff/projects/:slug/place-names`: a planner names a place (a cell at a size); null forgets the name. */
export const placeNameInputSchema = z.object({
  size: z.number().refine((value) => (ANALYSIS_CELL_SIZES as readonly number[]).includes(value), {
    message: `size must be one of ${ANALYSIS_CELL_SIZES.join(', ')} metres`,
  }),
  /** Axial `q,r` of the hexagon at `size` metres. */
  cell: z.string().regex(/^-?\d{1,7},-?\d{1,7}$/, 'cell must be q,r (two whole numbers)'),
  name: z
    .string()
    .trim()
    .min(1, 'a name must not be empty (send null to remove it)')
    .max(120, 'a name is at most 120 characters')
    .nullable(),
});
export type PlaceNameInput = z.input<typeof placeNameInputSchema>;
export const placeNameSchema = z.object({
  size: z.number().int(),
  cell: z.string(),
  /** The name shown now (the planner's, or what the place is called without it). */
  label: z.string().nullable(),
  labelSource: placeNameSourceSchema.nullable(),
});

/** `GET …/analysis/stats`: the dashboard's counts. */
const countRowSchema = z.object({
  key: z.string(),
  contributions: z.number().int(),
  participants: z.number().int(),
});
export const analysisStatsSchema = z.object({
  total: z.object({ contributions: z.number().int(), participants: z.number().int() }),
  byCategory: z.array(countRowSchema),
  /** Per day (`YYYY-MM-DD`). */
  byDay: z.array(countRowSchema),
  /** A participant with several relations counts under each; `unknown` = not answered. */
  byRelation: z.array(countRowSchema),
  byAgeBand: z.array(countRowSchema),
  /** Per workshop session code; `online` = not in a session. */
  bySession: z.array(countRowSchema),
  /** The places named most often per category (cells at `cell` metres with at least k participants). */
  topPlaces: z.array(
    z.object({
      category: categoryKeySchema,
      cell: cellIdSchema,
      centre: z.tuple([z.number(), z.number()]),
      contributions: z.number().int(),
      participants: z.number().int(),
      /** The place's name (see `placeNameSourceSchema`), or null: the reader describes it. */
      label: z.string().nullable(),
      labelSource: placeNameSourceSchema.nullable(),
    }),
  ),
});
export type AnalysisStats = z.infer<typeof analysisStatsSchema>;

/** Planners' updates for residents ("what happens next"), dated, in the project's languages. */
export const projectUpdateInputSchema = z.object({
  /** The day the update speaks for (shown to residents), YYYY-MM-DD. */
  publishedOn: dateSchema,
  /** Per language tag; at least the project's default language (checked against the project). */
  title: z
    .record(languageTagSchema, z.string().trim().min(1, 'a title must not be empty').max(200))
    .refine((value) => Object.keys(value).length > 0, { message: 'title needs at least one language' }),
  body: z.record(languageTagSchema, z.string().max(4000, 'a text is at most 4,000 characters')).default({}),
  /** Residents see published updates only; the rest are drafts. */
  published: z.boolean().default(false),
});
export type ProjectUpdateInput = z.input<typeof projectUpdateInputSchema>;
export const projectUpdateSchema = z.object({
  id: z.uuid(),
  publishedOn: z.string(),
  title: z.record(z.string(), z.string()),
  body: z.record(z.string(), z.string()),
  published: z.boolean(),
  /** When it was last changed (ISO 8601). */
  updatedAt: z.string(),
});
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;
export const projectUpdateListSchema = z.object({ updates: z.array(projectUpdateSchema) });
export const projectUpdateParamsSchema = z.object({
  slug: projectSlugSchema,
  id: z.uuid({ message: 'id must be a UUID' }),
});

/** `POST /api/staff/contributions/:id/featured`: pick (or drop) a published story for the results page. */
export const featuredInputSchema = z.object({ featured: z.boolean() });
export const featuredSchema = z.object({ id: z.uuid(), featured: z.boolean() });

/** The results page's hexagon size unless asked otherwise, metres. */
export const RESULTS_CELL_METRES = 200;

/** `GET /api/projects/:slug/results?cell=`: hexagon size, one of the stored sizes (metres). */
export const resultsQuerySchema = z.object({
  cell: z.coerce
    .number()
    .refine((value) => (ANALYSIS_CELL_SIZES as readonly number[]).includes(value), {
      message: `cell must be one of ${ANALYSIS_CELL_SIZES.join(', ')} metres`,
    })
    .default(RESULTS_CELL_METRES),
});

/** A featured story as residents see it: the words and the category, nothing about the person. */
export const quoteSchema = z.object({ id: z.uuid(), category: categoryKeySchema, story: z.string() });
export type Quote = z.infer<typeof quoteSchema>;

/** `GET /api/projects/:slug/results`: what residents see of the analysis ("What we heard"). */
export const projectResultsSchema = z.object({
  k: z.number().int(),
  cell: z.number().int(),
  /** Published contributions and the people behind them. */
  total: z.object({ contributions: z.number().int(), participants: z.number().int() }),
  categories: z.array(
    z.object({
      key: categoryKeySchema,
      /** Published contributions in the category (not per place, so no one is singled out). */
      contributions: z.number().int(),
      /** The k-anonymous heatmap of the category: cells with fewer than k people are left out. */
      cells: z.array(
        z.object({
          /** Axial `q,r` of the hexagon at `cell` metres. */
          id: cellIdSchema,
          geometry: hexGeometrySchema,
          count: z.number().int(),
          participants: z.number().int(),
        }),
      ),
      /** The most-named places of the category, most people first (cell centres, `[longitude, latitude]`). */
      topPlaces: z.array(
        z.object({
          id: cellIdSchema,
          centre: z.tuple([z.number(), z.number()]),
          contributions: z.number().int(),
          participants: z.number().int(),
          /**
           * The place's name: a planner's, else the nearest address (Kartverket), else the nearest
           * labelled feature of the project's reference layers; null when none is known.
           */
          label: z.string().nullable(),
          labelSource: placeNameSourceSchema.nullable(),
        }),
      ),
    }),
  ),
  quotes: z.array(quoteSchema),
  /** Published updates, newest first. */
  updates: z.array(projectUpdateSchema),
});
export type ProjectResults = z.infer<typeof projectResultsSchema>;

/** Splits `a.category=…&b.relation=…` into `{ a: { category }, b: { relation } }`. */
function splitSides(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  const sides: Record<string, unknown> = { a: {}, b: {} };
  for (const [key, value] of Object.entries(query)) {
    const side = /^([ab])\.(.+)$/.exec(key);
    if (side) (sides[side[1] as 'a' | 'b'] as Record<string, unknown>)[side[2] as string] = value;
    else sides[key] = value;
  }
  return sides;
}

/** `GET …/analysis/compare?cell=&a.relation=lives&b.relation=visitor`: two filtered sets. */
export const compareQuerySchema = z.preprocess(
  splitSides,
  z.object({ cell: cellSchema, a: analysisFilterQuerySchema, b: analysisFilterQuerySchema }),
);
/** `GET …/analysis/contested?cell=&…filters`: liked places (every category but least-liked) against least-liked. */
export const contestedQuerySchema = z.intersection(analysisFilterQuerySchema, z.object({ cell: cellSchema }));
/** The category of places people like least (the method's fixed key). */
export const LEAST_LIKED_CATEGORY = 'least-liked';
