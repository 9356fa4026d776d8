import { z } from 'zod';
import { contributionGeometrySchema } from './geojson.ts';
import { categoryKeySchema } from './project.ts';

export const contributionStatusSchema = z.enum(['published', 'pending', 'hidden']);

export const flagSchema = z.object({
  source: z.enum(['automatic', 'report']),
  reason: z.string(),
  createdAt: z.string(),
});

/** A contribution as a moderator sees it: the story, photo, flags and status, still no personal data. */
export const moderationItemSchema = z.object({
  id: z.uuid(),
  category: categoryKeySchema,
  geometry: contributionGeometrySchema,
  story: z.string().nullable(),
  photo: z.string().nullable(),
  status: contributionStatusSchema,
  moderationReason: z.string().nullable(),
  session: z.string().nullable(),
  createdAt: z.string(),
  flags: z.array(flagSchema),
  /** Picked as a quote for the public results page. */
  featured: z.boolean(),
});
export type ModerationItem = z.infer<typeof moderationItemSchema>;

export const moderationQueueQuerySchema = z.object({
  /** pending: waits to be published; flagged: has open flags; hidden; all. */
  queue: z.enum(['pending', 'flagged', 'hidden', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const moderationListSchema = z.object({ items: z.array(moderationItemSchema) });

/** `POST /api/staff/contributions/:id/moderation` */
export const moderationActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('publish') }).strict(),
  z.object({ action: z.literal('restore') }).strict(),
  z
    .object({
      action: z.literal('hide'),
      reason: z.string().trim().min(3, 'say why it is hidden (at least 3 characters)').max(500),
    })
    .strict(),
]);
export type ModerationAction = z.infer<typeof moderationActionSchema>;

/** `POST /api/contributions/:id/report`: a resident reports a public story. */
export const reportSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
