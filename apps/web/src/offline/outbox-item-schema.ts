// The stored form of an outbox item, checked with zod when items are read back from IndexedDB.
// A module of its own, loaded only when there is something to read (outbox-store.ts), so that
// zod is not in the first download of every page.
import { contributionCreateSchema, participantTokenSchema, projectSlugSchema } from '@nabolag/schema';
import { z } from 'zod';

/**
 * One contribution on its way to the server, as it is kept in the browser (IndexedDB) until the
 * server has acknowledged it — and its photo, if any, until that is uploaded too. Stored items
 * carry `version`, so that a later app can still read what an older one left behind.
 */
export const outboxItemSchema = z
  .object({
    version: z.literal(1),
    /** The contribution's id (made by the client): the server's idempotency key. */
    id: z.uuid(),
    projectSlug: projectSlugSchema,
    /** The request body, exactly as it will be sent (again). */
    body: contributionCreateSchema,
    /** Sent as `Authorization: Bearer`, so that a reply lost on the way loses nothing. */
    participantToken: participantTokenSchema,
    /** Uploaded once the server has the contribution (`PUT /api/contributions/:id/photo`). */
    photo: z.instanceof(Blob).nullable(),
    /** What is still to send: the contribution, or (after it was acknowledged) its photo. */
    stage: z.enum(['contribution', 'photo']),
    /** `failed`: the server refused it for good (a 4xx); it waits for the person to act. */
    state: z.enum(['waiting', 'failed']),
    /** Tries so far of the current stage. */
    attempts: z.number().int().min(0),
    /** When the next try is due, in milliseconds since the epoch. */
    nextAttemptAt: z.number(),
    lastError: z.object({ code: z.string(), status: z.number().int().nullable() }).nullable(),
    /** When it was put in the outbox, in milliseconds since the epoch. */
    createdAt: z.number(),
  })
  .refine((item) => item.body.id === item.id, { message: 'the body must carry the item’s id' });
