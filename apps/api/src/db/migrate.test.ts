import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { MigrationError, migrate } from './migrate.ts';

describe('migrate', () => {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
  let directory: string;
  let table: string;
  let suffix: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'nabolag-migrations-'));
    suffix = randomUUID().replaceAll('-', '').slice(0, 10);
    table = `test_migrations_${suffix}`;
  });

  afterAll(async () => {
    await pool.end();
    await rm(directory, { recursive: true, force: true });
  });

  it('applies new migrations in order once and records them', async () => {
    await writeFile(path.join(directory, '0001_create_a.sql'), `CREATE TABLE a_${suffix} (n int);`);
    await writeFile(path.join(directory, '0002_fill_a.sql'), `INSERT INTO a_${suffix} VALUES (1);`);
    expect(await migrate(pool, { directory, table })).toEqual(['0001_create_a.sql', '0002_fill_a.sql']);
    expect(await migrate(pool, { directory, table })).toEqual([]);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM a_${suffix}`);
    expect(rows[0].n).toBe(1);
  });

  it('stops with a clear message and rolls back when a migration fails', async () => {
    await writeFile(
      path.join(directory, '0001_half_done.sql'),
      `CREATE TABLE b_${suffix} (n int); SELECT no_such_function();`,
    );
    await expect(migrate(pool, { directory, table })).rejects.toThrow(/Migration 0001_half_done\.sql failed/);
    const { rows } = await pool.query('SELECT to_regclass($1) AS name', [`b_${suffix}`]);
    expect(rows[0].name).toBeNull();
  });

  it('refuses to start when an applied migration was edited', async () => {
    const file = path.join(directory, '0001_create_c.sql');
    await writeFile(file, `CREATE TABLE c_${suffix} (n int);`);
    await migrate(pool, { directory, table });
    await writeFile(file, `CREATE TABLE c_${suffix} (n bigint);`);
    await expect(migrate(pool, { directory, table })).rejects.toThrow(MigrationError);
    await expect(migrate(pool, { directory, table })).rejects.toThrow(/was changed after it was applied/);
  });

  it('refuses files not named NNNN_what_it_does.sql', async () => {
    await writeFile(path.join(directory, 'spooky.sql'), 'SELECT 1;');
    await expect(migrate(pool, { directory, table })).rejects.toThrow(/must be named/);
  });
});
