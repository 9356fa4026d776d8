import { z } from 'zod';

export const databaseKindSchema = z.enum(['embedded', 'postgres']);
export type DatabaseKind = z.infer<typeof databaseKindSchema>;

/** `GET /api/health` */
export const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.object({ kind: databaseKindSchema, postgis: z.string() }),
});
export type Health = z.infer<typeof healthSchema>;

/** `GET /api/health/live`: the process is running and its event loop answers (no database check). */
export const livenessSchema = z.object({
  status: z.literal('ok'),
  /** Seconds since the process started. */
  uptimeSeconds: z.number().nonnegative(),
});
export type Liveness = z.infer<typeof livenessSchema>;

/**
 * `GET /api/health/ready`: 200 when this process should get traffic — the database answers and
 * every migration the process knows is applied — else 503 with the same shape saying which check
 * failed (a proxy or orchestrator sends traffic elsewhere meanwhile).
 */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['ok', 'pending', 'unknown']),
  }),
  /** Migrations this process expects that the database does not have yet. */
  pendingMigrations: z.array(z.string()).optional(),
});
export type Readiness = z.infer<typeof readinessSchema>;
