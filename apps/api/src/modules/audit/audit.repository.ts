import type { Queryable } from '../../db/queryable.ts';

export interface AuditEvent {
  userId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  projectId?: string | null;
  details?: Record<string, unknown>;
}

/** Records a staff action. Call it in the same transaction as the action where there is one. */
export async function recordAudit(db: Queryable, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (user_id, action, target_type, target_id, project_id, details)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      event.userId,
      event.action,
      event.targetType,
      event.targetId ?? null,
      event.projectId ?? null,
      JSON.stringify(event.details ?? {}),
    ],
  );
}

export interface AuditEntry {
  id: string;
  at: string;
  user: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  project: string | null;
  details: Record<string, unknown>;
}

export async function listAudit(
  db: Queryable,
  filter: { projectIds?: string[]; limit: number; before?: string },
): Promise<AuditEntry[]> {
  const { rows } = await db.query<AuditEntry>(
    `SELECT a.id::text, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, u.email AS user,
            a.action, a.target_type AS "targetType", a.target_id AS "targetId", p.slug AS project, a.details
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN projects p ON p.id = a.project_id
     WHERE ($1::uuid[] IS NULL OR a.project_id = ANY($1))
       AND ($3::bigint IS NULL OR a.id < $3)
     ORDER BY a.id DESC LIMIT $2`,
    [filter.projectIds ?? null, filter.limit, filter.before ?? null],
  );
  return rows;
}
