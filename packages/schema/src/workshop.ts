import { z } from 'zod';
import { contributionGeometrySchema } from './geojson.ts';
import { categoryKeySchema, projectSlugSchema } from './project.ts';

/**
 * Join codes use letters and digits that cannot be mistaken for each other when read aloud or
 * off a projector: no 0/O, 1/I/l.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export const sessionStatusSchema = z.enum(['open', 'paused', 'closed']);

export const groupNameSchema = z.string().trim().min(1).max(60);
export const tabletIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,60}$/, 'a tablet id is 1–60 letters, digits, - or _');

/**
 * A tablet's human name, given by the facilitator ("Vindusbordet", "Tablet by the door"): what
 * people in the room call it. At most 40 characters so it fits a table cell and a projector
 * line; no control characters (a pasted line break would break the console's rows).
 */
export const tabletNameSchema = z
  .string()
  .trim()
  .min(1, 'a tablet name needs at least one character')
  .max(40, 'a tablet name is at most 40 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'a tablet name cannot hold line breaks or control characters');

/** `PUT /api/staff/sessions/:code/tablets/:tablet` (facilitators): `null` goes back to the default name. */
export const tabletRenameSchema = z.object({ name: tabletNameSchema.nullable() }).strict();

/**
 * A tablet of a session as the console lists it. `name` is the facilitator's name for it, or
 * null; `ordinal` is its place (1, 2, …) among the tablets of its table in the order they
 * joined, from which the console makes the default name ("Tablet B").
 */
export const sessionTabletSchema = z.object({
  tablet: z.string(),
  name: z.string().nullable(),
  ordinal: z.number().int().min(1),
  group: z.string().nullable(),
  contributions: z.number().int(),
  pending: z.number().int(),
  lastSeenAt: z.string().nullable(),
});
export type SessionTablet = z.infer<typeof sessionTabletSchema>;

/** `POST /api/projects/:slug/sessions` (facilitators) */
export const sessionCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    place: z.string().trim().max(200).optional(),
    /** `YYYY-MM-DD` */
    heldOn: z.iso.date().optional(),
    /** Table or group names participants choose from, e.g. "Bord 1". */
    groups: z.array(groupNameSchema).max(30).default([]),
  })
  .strict();

/** `GET /api/sessions/:code`: what a tablet or projector needs to join. */
export const sessionSchema = z.object({
  code: z.string(),
  project: projectSlugSchema,
  title: z.string(),
  place: z.string().nullable(),
  heldOn: z.string().nullable(),
  status: sessionStatusSchema,
  groups: z.array(z.string()),
  createdAt: z.string(),
});
export type WorkshopSession = z.infer<typeof sessionSchema>;

export const sessionCodeParamsSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9]{4,12}$/, 'a session code is 4–12 letters and digits')
    .transform((code) => code.toUpperCase()),
});

/** `PATCH /api/sessions/:code` (facilitators): pause, reopen or close. */
export const sessionUpdateSchema = z.object({ status: sessionStatusSchema }).strict();

/** `POST /api/sessions/:code/tablets/:tablet`: a kiosk tablet reports in, with its unsent pins. */
export const tabletHeartbeatSchema = z
  .object({ group: groupNameSchema.optional(), pending: z.number().int().min(0).max(100_000) })
  .strict();

/** A contribution as the live views show it: no participant, story only once published. */
export const liveContributionSchema = z.object({
  id: z.uuid(),
  category: categoryKeySchema,
  geometry: contributionGeometrySchema,
  story: z.string().nullable(),
  status: z.enum(['published', 'pending', 'hidden']),
  group: z.string().nullable(),
  tablet: z.string().nullable(),
  createdAt: z.string(),
});

/** Events on `GET /api/sessions/:code/stream` (server-sent events; `event:` is the type). */
export const sessionEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('contribution'), contribution: liveContributionSchema }),
  z.object({ type: z.literal('contribution-hidden'), id: z.uuid() }),
  z.object({ type: z.literal('contribution-removed'), id: z.uuid() }),
  z.object({ type: z.literal('session'), status: sessionStatusSchema }),
  z.object({
    type: z.literal('tablet'),
    tablet: z.string(),
    group: z.string().nullable(),
    pending: z.number().int(),
    lastSeenAt: z.string(),
  }),
]);
export type SessionEvent = z.infer<typeof sessionEventSchema>;
