import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { REPOSITORY_ROOT } from '../config.ts';

export const MIGRATIONS_DIRECTORY = path.join(REPOSITORY_ROOT, 'infra/migrations');

const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;
/** Serialises migrations when several API processes start at once on one database. */
const MIGRATION_LOCK_KEY = 7_351_202_611;

export class MigrationError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Applies `infra/migrations/NNNN_what_it_does.sql` in order, each in its own transaction, and
 * records it in `schema_migrations`. An applied migration whose file has since changed stops the
 * start: migrations are history, to be amended by a new file, not edited.
 *
 * @returns the names of the migrations applied now.
 */
export async function migrate(
  pool: pg.Pool,
  { directory = MIGRATIONS_DIRECTORY, table = 'schema_migrations' } = {},
): Promise<string[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
  const misnamed = files.filter((name) => !MIGRATION_NAME.test(name));
  if (misnamed.length > 0) {
    throw new MigrationError(`Migration files must be named NNNN_what_it_does.sql: ${misnamed.join(', ')}`);
  }
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${client.escapeIdentifier(table)} (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM ${client.escapeIdentifier(table)}`,
    );
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const name of files) {
      const sql = await readFile(path.join(directory, name), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new MigrationError(
            `Migration ${name} was changed after it was applied. Restore the file and add a new migration instead.`,
          );
        }
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query(`INSERT INTO ${client.escapeIdentifier(table)} (name, checksum) VALUES ($1, $2)`, [
          name,
          checksum,
        ]);
        await client.query('COMMIT');
        applied.push(name);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}
