import type { Queryable } from '../../db/queryable.ts';

export interface AuditEvent {
  userId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  projectId?: string | null;
  /** The organisation acted in; taken from the project when left out. Null: instance-wide. */
  organisationId?: string | null;
  details?: Record<string, unknown>;
}

/** Records a staff action. Call it in the same transaction as the action where there is one. */
export async function recordAudit(db: Queryable, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (user_id, action, target_type, target_id, project_id, details, organisation_id)
     VALUES ($1, $2, $3, $4, $5::uuid, $6,
             COALESCE($7::uuid, (SELECT organisation_id FROM projects WHERE id = $5::uuid)))`,
    [
      event.userId,
      event.action,
      event.targetType,
      event.targetId ?? null,
      event.projectId ?? null,
      JSON.stringify(event.details ?? {}),
      event.organisationId ?? null,
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
  organisation: string | null;
  details: Record<string, unknown>;
}

/**
 * The newest entries first. `organisationIds` limits them to those organisations (an
 * organisation's admins); left out, every entry (the operator).
 */
export async function listAudit(
  db: Queryable,
  filter: { projectIds?: string[]; organisationIds?: string[]; limit: number; before?: string },
): Promise<AuditEntry[]> {
  const { rows } = await db.query<AuditEntry>(
    `SELECT a.id::text, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, u.email AS user,
            a.action, a.target_type AS "targetType", a.target_id AS "targetId", p.slug AS project,
            o.slug AS organisation, a.details
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN projects p ON p.id = a.project_id
       LEFT JOIN organisations o ON o.id = a.organisation_id
     WHERE ($1::uuid[] IS NULL OR a.project_id = ANY($1))
       AND ($4::uuid[] IS NULL OR a.organisation_id = ANY($4))
       AND ($3::bigint IS NULL OR a.id < $3)
     ORDER BY a.id DESC LIMIT $2`,
    [filter.projectIds ?? null, filter.limit, filter.before ?? null, filter.organisationIds ?? null],
  );
  return rows;
}
