import { z } from 'zod';
import { followUpAnswersInputSchema } from './follow-up.ts';
import { bboxQuerySchema, contributionGeometrySchema } from './geojson.ts';
import {
  AGE_BANDS,
  MAX_STORY_LENGTH,
  PARTICIPANT_TOKEN_PATTERN,
  RELATIONS,
  STAFF_TOKEN_PREFIX,
} from './plain.ts';
import { categoryKeySchema } from './project.ts';

/** Largest JSON body the API reads, in bytes. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

export const ageBandSchema = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof ageBandSchema>;

/** The participant's relation to the area; lets the analysis set residents' views beside others'. */
export const relationSchema = z.enum(RELATIONS);
export type Relation = z.infer<typeof relationSchema>;

/** Optional, skippable background answers. Never part of any public output. */
export const participantProfileSchema = z
  .object({
    ageBand: ageBandSchema.optional(),
    relation: z.array(relationSchema).max(4).optional(),
    yearsInArea: z.number().int().min(0).max(120).optional(),
  })
  .strict();
export type ParticipantProfile = z.infer<typeof participantProfileSchema>;

/**
 * A participant's secret: 32–128 characters of base64url or hex. The client may make its own
 * (so that an outbox can retry without losing the link between a person's contributions).
 */
export const participantTokenSchema = z
  .string()
  .regex(PARTICIPANT_TOKEN_PATTERN, 'a participant token is 32–128 characters of A–Z, a–z, 0–9, - or _')
  // Staff API tokens start with nbl_; a participant token must never be mistaken for one.
  .refine((token) => !token.startsWith(STAFF_TOKEN_PREFIX), 'a participant token may not start with nbl_');

export const sessionCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{4,12}$/, 'a session code is 4–12 letters and digits');

export const storySchema = z
  .string()
  .max(MAX_STORY_LENGTH, `a story may be at most ${MAX_STORY_LENGTH} characters`);

/** `POST /api/projects/:slug/contributions` */
export const contributionCreateSchema = z
  .object({
    /** Made by the client (UUID); the idempotency key: sending it again creates nothing. */
    id: z.uuid({ message: 'id must be a UUID made by the client' }),
    category: categoryKeySchema,
    geometry: contributionGeometrySchema,
    story: storySchema.optional(),
    participant: participantProfileSchema.optional(),
    /** Answers to the category's follow-up questions, keyed by question key. */
    answers: followUpAnswersInputSchema.optional(),
    /** The version of the category's questions the answers reply to (default: the current one). */
    questionsVersion: z.number().int().min(1).optional(),
    session: sessionCodeSchema.optional(),
    /** The table or group chosen on a workshop tablet. */
    sessionGroup: z.string().trim().min(1).max(60).optional(),
    /** The kiosk tablet's own id, so the console can count per tablet. */
    tablet: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,60}$/)
      .optional(),
  })
  .strict();
export type ContributionCreate = z.infer<typeof contributionCreateSchema>;

/** `201` for a new contribution; `200` (without `token`) when the same id was sent before. */
export const contributionCreatedSchema = z.object({
  id: z.uuid(),
  /** Present when the caller is the contribution's participant (or just became it). */
  participantId: z.uuid().optional(),
  /** Only on the first contribution sent without `Authorization`: keep it, it is shown once. */
  token: participantTokenSchema.optional(),
});
export type ContributionCreated = z.infer<typeof contributionCreatedSchema>;

/** `PATCH /api/contributions/:id`: any subset of what the participant gave. */
export const contributionUpdateSchema = z
  .object({
    category: categoryKeySchema.optional(),
    geometry: contributionGeometrySchema.optional(),
    story: storySchema.optional(),
    /**
     * All answers to the follow-up questions, replacing the earlier ones. Needed when the
     * category changes to one whose questions must be answered; left out otherwise: kept (or,
     * with a new category, dropped).
     */
    answers: followUpAnswersInputSchema.optional(),
    questionsVersion: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');
export type ContributionUpdate = z.infer<typeof contributionUpdateSchema>;

export const contributionParamsSchema = z.object({ id: z.uuid({ message: 'id must be a UUID' }) });

/** What the public may see of a contribution: no participant, no profile, the day only. */
export const publicContributionPropertiesSchema = z.object({
  id: z.uuid(),
  category: categoryKeySchema,
  story: z.string().nullable(),
  /** `YYYY-MM-DD`: the day, not the minute, so times cannot single out a person. */
  created: z.string(),
  /** Path of the photo (`/api/contributions/:id/photo`), or null. */
  photo: z.string().nullable(),
});

export const publicContributionFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.uuid(),
  geometry: contributionGeometrySchema,
  properties: publicContributionPropertiesSchema,
});
export type PublicContributionFeature = z.infer<typeof publicContributionFeatureSchema>;

export const publicContributionCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(publicContributionFeatureSchema),
  /** True when `limit` cut the list short. */
  truncated: z.boolean(),
});
export type PublicContributionCollection = z.infer<typeof publicContributionCollectionSchema>;

/** Largest `limit` for the public list. */
export const MAX_LIST_LIMIT = 10_000;

export const contributionListQuerySchema = z.object({
  bbox: bboxQuerySchema.optional(),
  /** One key or several, comma-separated. */
  category: z
    .string()
    .transform((value) => value.split(',').filter((key) => key.length > 0))
    .pipe(z.array(categoryKeySchema).min(1).max(50))
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(MAX_LIST_LIMIT),
});

/** `PUT /api/contributions/:id/photo` */
export const photoStoredSchema = z.object({
  url: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type PhotoStored = z.infer<typeof photoStoredSchema>;

/** One of the participant's own contributions, as they see it (`GET /api/projects/:slug/me`). */
export const ownContributionSchema = z.object({
  id: z.uuid(),
  category: categoryKeySchema,
  geometry: contributionGeometrySchema,
  story: z.string().nullable(),
  /** published; pending (waits for a moderator); hidden (a moderator took it down). */
  status: z.enum(['published', 'pending', 'hidden']),
  /** ISO 8601 time, to the second: the participant's own data. */
  createdAt: z.string(),
  photo: z.string().nullable(),
  /** The answers to the category's follow-up questions (none: `{}`). */
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).default({}),
  /** The version of the questions answered, or null when there are no answers. */
  questionsVersion: z.number().int().nullable().default(null),
});
export type OwnContribution = z.infer<typeof ownContributionSchema>;

/** `GET /api/projects/:slug/me`: what the holder of a participant token gave. */
export const participantDataSchema = z.object({
  /** null when this token has not contributed to the project yet. */
  participantId: z.uuid().nullable(),
  profile: participantProfileSchema,
  contributions: z.array(ownContributionSchema),
});
export type ParticipantData = z.infer<typeof participantDataSchema>;

/** Hex cell sizes a planner may choose, in metres (centre to centre across flats is about this). */
export const MIN_CELL_METRES = 50;
export const MAX_CELL_METRES = 500;

/** `GET /api/projects/:slug/heatmap?cell=&category=` */
export const heatmapQuerySchema = z.object({
  /** Hexagon size in metres, in the project's analysis CRS (EPSG:25832 by default). */
  cell: z.coerce
    .number()
    .int()
    .min(MIN_CELL_METRES, `cell must be at least ${MIN_CELL_METRES} metres`)
    .max(MAX_CELL_METRES, `cell must be at most ${MAX_CELL_METRES} metres`)
    .default(200),
  category: z
    .string()
    .transform((value) => value.split(',').filter((key) => key.length > 0))
    .pipe(z.array(categoryKeySchema).min(1).max(50))
    .optional(),
  /** Only one workshop session's contributions. */
  session: sessionCodeSchema.optional(),
  /** Only cells touching this box (a map viewport), degrees. */
  bbox: bboxQuerySchema.optional(),
});

/** A hex cell of the public heatmap: only cells with at least k distinct participants are present. */
export const heatmapCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
      properties: z.object({ count: z.number().int(), participants: z.number().int() }),
    }),
  ),
  /** The cell size in metres and the k that was applied. */
  cell: z.number().int(),
  k: z.number().int(),
});
export type HeatmapCollection = z.infer<typeof heatmapCollectionSchema>;
