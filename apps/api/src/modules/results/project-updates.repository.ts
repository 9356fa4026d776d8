import type { ProjectUpdate, projectUpdateInputSchema } from '@nabolag/schema';
import type { z } from 'zod';
import type { Queryable } from '../../db/queryable.ts';
import { UPDATE_COLUMNS } from './results.repository.ts';

/** An update as the route has parsed it (defaults applied). */
export type ParsedUpdateInput = z.output<typeof projectUpdateInputSchema>;

/** Every update of the project, drafts too, newest date first. */
export async function listUpdates(db: Queryable, projectId: string): Promise<ProjectUpdate[]> {
  const { rows } = await db.query<ProjectUpdate>(
    `SELECT ${UPDATE_COLUMNS} FROM project_updates u
     WHERE u.project_id = $1
     ORDER BY u.published_on DESC, u.created_at DESC, u.id`,
    [projectId],
  );
  return rows;
}

/** One update with its project (for the role check), or undefined. */
export async function findUpdate(
  db: Queryable,
  id: string,
): Promise<(ProjectUpdate & { projectId: string }) | undefined> {
  const { rows } = await db.query<ProjectUpdate & { projectId: string }>(
    `SELECT ${UPDATE_COLUMNS}, u.project_id AS "projectId" FROM project_updates u WHERE u.id = $1`,
    [id],
  );
  return rows[0];
}

export async function insertUpdate(
  db: Queryable,
  projectId: string,
  userId: string,
  input: ParsedUpdateInput,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO project_updates (project_id, published_on, title, body, published, created_by, updated_by)
     VALUES ($1, $2::date, $3::jsonb, $4::jsonb, $5, $6, $6)
     RETURNING id`,
    [
      projectId,
      input.publishedOn,
      JSON.stringify(input.title),
      JSON.stringify(input.body),
      input.published,
      userId,
    ],
  );
  return (rows[0] as { id: string }).id;
}

export async function replaceUpdate(
  db: Queryable,
  id: string,
  userId: string,
  input: ParsedUpdateInput,
): Promise<void> {
  await db.query(
    `UPDATE project_updates SET published_on = $2::date, title = $3::jsonb, body = $4::jsonb, published = $5,
       updated_by = $6, updated_at = now()
     WHERE id = $1`,
    [id, input.publishedOn, JSON.stringify(input.title), JSON.stringify(input.body), input.published, userId],
  );
}

export async function deleteUpdate(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM project_updates WHERE id = $1', [id]);
}
