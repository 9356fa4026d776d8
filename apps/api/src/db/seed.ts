import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectDefinitionSchema } from '@nabolag/schema';
import type pg from 'pg';
import { REPOSITORY_ROOT } from '../config.ts';
import { insertProject } from '../modules/projects/projects.repository.ts';
import { withTransaction } from './queryable.ts';

export const DEMO_PROJECT_FILE = path.join(REPOSITORY_ROOT, 'infra/seed/torstrand.json');

/**
 * Seeds the demo project `torstrand` once, on a database that has no projects yet, in the
 * `default` organisation. The run is
 * recorded in `seed_runs`, so a demo project an operator deleted does not come back.
 *
 * @returns whether the demo project was created now.
 */
export async function seedDemoProject(pool: pg.Pool): Promise<boolean> {
  const definition = projectDefinitionSchema.parse(JSON.parse(await readFile(DEMO_PROJECT_FILE, 'utf8')));
  return withTransaction(pool, async (client) => {
    const recorded = await client.query(
      `INSERT INTO seed_runs (name) VALUES ('demo-project') ON CONFLICT (name) DO NOTHING RETURNING name`,
    );
    if (recorded.rowCount === 0) return false;
    const existing = await client.query('SELECT 1 FROM projects WHERE slug = $1', [definition.slug]);
    if ((existing.rowCount ?? 0) > 0) return false;
    await insertProject(client, definition);
    // The demo project is Larvik's: an unnamed default organisation takes that name (a renamed one keeps its own).
    await client.query(
      `UPDATE organisations SET name = 'Larvik kommune', updated_at = now()
       WHERE slug = 'default' AND name = 'Default organisation'`,
    );
    return true;
  });
}
