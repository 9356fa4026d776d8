import { z } from 'zod';

/**
 * `GET /api/projects/:slug/participation`: how many people have taken part, for the resident
 * map's welcome ("42 neighbours have taken part"). Counts published contributions only;
 * `participants` is `null` while fewer than the project's k people have taken part, so that a
 * count of one or two cannot point at a neighbour.
 */
export const projectParticipationSchema = z.object({
  participants: z.number().int().min(0).nullable(),
  contributions: z.number().int().min(0),
});
export type ProjectParticipation = z.infer<typeof projectParticipationSchema>;
