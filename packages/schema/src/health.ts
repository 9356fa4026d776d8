import { z } from 'zod';

export const databaseKindSchema = z.enum(['embedded', 'postgres']);
export type DatabaseKind = z.infer<typeof databaseKindSchema>;

/** `GET /api/health` */
export const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.object({ kind: databaseKindSchema, postgis: z.string() }),
});
export type Health = z.infer<typeof healthSchema>;
