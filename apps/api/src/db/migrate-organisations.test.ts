// Migration 0013 (organisations) on a database that holds data from before it: a fresh database
// migrated to 0012, filled the way the application wrote data then (instance-wide users.roles,
// project_members, no organisations), then migrated to the newest schema. Nothing may be lost,
// and the single organisation of old becomes the `default` organisation.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type PrivateDatabase,
  privateServerUnavailable,
  startPrivateDatabase,
} from '../testing/private-database.ts';
import { MIGRATIONS_DIRECTORY, migrate } from './migrate.ts';

const ORGANISATIONS_MIGRATION = '0013_add_organisations.sql';
const kind = inject('databaseKind');

/** On the PostGIS run the test needs PostgreSQL's programs; in CI their absence is a failure. */
function canRun(): boolean {
  if (kind === 'embedded') return true;
  const missing = privateServerUnavailable();
  if (!missing) return true;
  if (process.env.CI === 'true')
    throw new Error(`The organisations migration test needs a private server: ${missing}`);
  console.warn(`Skipping the organisations migration test: ${missing}`);
  return false;
}

describe.runIf(canRun())('migration 0013: a single-organisation database moves into `default`', () => {
  let database: PrivateDatabase;
  let pool: pg.Pool;
  let oldMigrations: string;

  beforeAll(async () => {
    database = await startPrivateDatabase(kind);
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    // Every migration before 0013, and only those.
    oldMigrations = await mkdtemp(path.join(os.tmpdir(), 'nabolag-migrations-0012-'));
    for (const name of await readdir(MIGRATIONS_DIRECTORY)) {
      if (name.endsWith('.sql') && name < ORGANISATIONS_MIGRATION) {
        await copyFile(path.join(MIGRATIONS_DIRECTORY, name), path.join(oldMigrations, name));
      }
    }
  });

  afterAll(async () => {
    await pool?.end();
    await database?.stop();
    if (oldMigrations) await rm(oldMigrations, { recursive: true, force: true });
  });

  it('keeps every row and gives the default organisation the projects, staff and audit log', async () => {
    const applied = await migrate(pool, { directory: oldMigrations });
    expect(applied.at(-1)).toBe('0012_add_cell_totals_and_update_publishing.sql');
    expect(applied).not.toContain(ORGANISATIONS_MIGRATION);

    const old = await insertOldData(pool);
    const before = await snapshot(pool);
    // The data is really there (a snapshot of empty tables would prove nothing).
    expect(before.counts.contributions).toBe(7);
    expect(before.counts.contribution_cells).toBeGreaterThan(0);
    expect(before.counts.audit_log).toBe(4);

    const newer = await migrate(pool);
    expect(newer[0]).toBe(ORGANISATIONS_MIGRATION);

    // No data lost or changed: the same rows, column for column, in every table that existed.
    const after = await snapshot(pool, before.columns);
    expect(after.counts).toEqual(before.counts);
    expect(after.checksums).toEqual(before.checksums);

    const { rows: organisations } = await pool.query<{ id: string; slug: string }>(
      'SELECT id, slug FROM organisations',
    );
    const defaultOrganisation = organisations.find((organisation) => organisation.slug === 'default');
    expect(defaultOrganisation).toBeDefined();
    const defaultId = defaultOrganisation?.id;

    const { rows: projects } = await pool.query<{ id: string; organisation_id: string }>(
      'SELECT id, organisation_id FROM projects ORDER BY id',
    );
    expect(projects.map((project) => project.id)).toEqual([...old.projectIds].sort());
    for (const project of projects) expect(project.organisation_id).toBe(defaultId);

    // Every user is a member of `default`, once, with exactly the instance-wide roles they had.
    const { rows: members } = await pool.query<{ email: string; organisation_id: string; roles: string[] }>(
      `SELECT u.email, m.organisation_id, m.roles
       FROM organisation_members m JOIN users u ON u.id = m.user_id ORDER BY u.email`,
    );
    expect(members.map((member) => member.email)).toEqual(Object.keys(old.userRoles).sort());
    for (const member of members) {
      expect(member.organisation_id).toBe(defaultId);
      expect([...member.roles].sort()).toEqual([...(old.userRoles[member.email] ?? [])].sort());
    }

    // Instance admins become operators; nobody else does.
    const { rows: users } = await pool.query<{ email: string; operator: boolean }>(
      'SELECT email, operator FROM users ORDER BY email',
    );
    for (const user of users) {
      expect({ email: user.email, operator: user.operator }).toEqual({
        email: user.email,
        operator: (old.userRoles[user.email] ?? []).includes('admin'),
      });
    }
    expect(users.filter((user) => user.operator)).toHaveLength(2);

    // Audit entries with and without a project all belong to the one organisation there was.
    const { rows: audit } = await pool.query<{ organisation_id: string | null }>(
      'SELECT organisation_id FROM audit_log',
    );
    expect(audit).toHaveLength(4);
    for (const entry of audit) expect(entry.organisation_id).toBe(defaultId);

    // A second start applies nothing, and running the migration's SQL again (an operator
    // replaying it by hand) neither fails nor duplicates members or organisations.
    expect(await migrate(pool)).toEqual([]);
    const sql = await readFile(path.join(MIGRATIONS_DIRECTORY, ORGANISATIONS_MIGRATION), 'utf8');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(sql);
      const { rows } = await client.query<{ organisations: number; members: number }>(
        `SELECT (SELECT count(*)::int FROM organisations) AS organisations,
                (SELECT count(*)::int FROM organisation_members) AS members`,
      );
      expect(rows[0]).toEqual({ organisations: organisations.length, members: members.length });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

interface OldData {
  projectIds: string[];
  /** Instance-wide roles (users.roles) by e-mail. */
  userRoles: Record<string, string[]>;
}

/** Two projects with staff, participants, contributions, a workshop and audit entries, as 0012 stored them. */
async function insertOldData(pool: pg.Pool): Promise<OldData> {
  const query = async (sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows;
  const userRoles: Record<string, string[]> = {
    'admin@old.test': ['admin'],
    'admin-planner@old.test': ['admin', 'planner'],
    'planner@old.test': ['planner'],
    'facilitator@old.test': ['facilitator'],
    'project-only@old.test': [],
  };
  const userIds: Record<string, string> = {};
  for (const [email, roles] of Object.entries(userRoles)) {
    const [row] = await query(
      `INSERT INTO users (email, password_hash, name, roles, disabled)
       VALUES ($1::text, 'scrypt$old$hash', $2::text, $3::text[], $4::boolean) RETURNING id`,
      [email, `Name of ${email}`, roles, email.startsWith('facilitator')],
    );
    userIds[email] = row.id;
  }
  const projectIds: string[] = [];
  for (const [index, slug] of ['old-halden', 'old-skien'].entries()) {
    const west = 11.38 + index * 0.1;
    const [project] = await query(
      `INSERT INTO projects (slug, title, area, moderation, basemap)
       VALUES ($1::text, $2::jsonb,
               ST_Multi(ST_MakeEnvelope($3::float8, 59.11, $3::float8 + 0.03, 59.13, 4326)),
               $4::text, '{"style": "https://tiles.example/style.json"}'::jsonb)
       RETURNING id`,
      [slug, JSON.stringify({ nb: `Prosjekt ${slug}` }), west, index === 0 ? 'before' : 'after'],
    );
    const projectId: string = project.id;
    projectIds.push(projectId);
    await query(
      `INSERT INTO categories (project_id, key, position, labels, geometry_types, colour)
       VALUES ($1::uuid, 'safe', 0, '{"nb": "Trygt"}', '{Point,LineString,Polygon}', '#1b7837'),
              ($1::uuid, 'unsafe', 1, '{"nb": "Utrygt"}', '{Point}', '#b2182b')`,
      [projectId],
    );
    await query(
      `INSERT INTO project_members (project_id, user_id, role) VALUES ($1::uuid, $2::uuid, $3::text)`,
      [projectId, userIds['project-only@old.test'], index === 0 ? 'planner' : 'facilitator'],
    );
    const [session] = await query(
      `INSERT INTO sessions (project_id, code, title, place, held_on, groups, created_by)
       VALUES ($1::uuid, $2::text, 'Verksted', 'Biblioteket', '2024-05-02', '{A,B}', $3::uuid) RETURNING id`,
      [projectId, `OLD${index}CODE`, userIds['facilitator@old.test']],
    );
    await query(
      `INSERT INTO session_events (session_id, type, payload) VALUES ($1::uuid, 'contribution', '{"n": 1}')`,
      [session.id],
    );
    const participants: string[] = [];
    for (let n = 0; n < 2; n += 1) {
      const [participant] = await query(
        `INSERT INTO participants (project_id, token_hash, age_band, relation, years_in_area)
         VALUES ($1::uuid, sha256($2::bytea), '30-44', '{live}', $3::int) RETURNING id`,
        [projectId, Buffer.from(randomUUID()), 3 + n],
      );
      participants.push(participant.id);
    }
    const x = west + 0.01;
    const contributions: Array<[string, string, string, string | null]> = [
      ['safe', `POINT(${x} 59.12)`, 'published', null],
      ['safe', `LINESTRING(${x} 59.12, ${x + 0.005} 59.121)`, 'pending', null],
      [
        'safe',
        `POLYGON((${x} 59.12, ${x + 0.004} 59.12, ${x + 0.004} 59.123, ${x} 59.12))`,
        'published',
        session.id,
      ],
      ['unsafe', `POINT(${x + 0.002} 59.115)`, index === 0 ? 'hidden' : 'published', null],
    ].slice(0, index === 0 ? 4 : 3) as Array<[string, string, string, string | null]>;
    for (const [n, [category, wkt, status, sessionId]] of contributions.entries()) {
      const id = randomUUID();
      await query(
        `INSERT INTO contributions (id, project_id, participant_id, category_key, geometry, story, status,
                                    session_id, session_group, moderation_reason, featured)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4::text, ST_GeomFromText($5::text, 4326), $6::text, $7::text,
                 $8::uuid, $9::text, $10::text, $11::boolean)`,
        [
          id,
          projectId,
          participants[n % 2],
          category,
          wkt,
          `Historie ${n} æøå`,
          status,
          sessionId,
          sessionId ? 'A' : null,
          status === 'hidden' ? 'personal data' : null,
          n === 0,
        ],
      );
      if (n === 0) {
        await query(
          `INSERT INTO photos (contribution_id, content_type, bytes, width, height)
           VALUES ($1::uuid, 'image/jpeg', $2::bytea, 4, 3)`,
          [id, Buffer.from([0xff, 0xd8, 0xff, 0xe0, index])],
        );
        await query(
          `INSERT INTO contribution_flags (contribution_id, source, reason) VALUES ($1::uuid, 'report', 'Rude')`,
          [id],
        );
      }
    }
    await query(
      `INSERT INTO project_updates (project_id, published_on, title, body, created_by, published)
       VALUES ($1::uuid, '2024-06-01', '{"nb": "Nytt"}', '{"nb": "Tekst"}', $2::uuid, true)`,
      [projectId, userIds['planner@old.test']],
    );
    const [layer] = await query(
      `INSERT INTO reference_layers (project_id, names, colour, source_format, source_name, created_by)
       VALUES ($1::uuid, '{"nb": "Skoleveier"}', '#336699', 'geojson', 'veier.geojson', $2::uuid) RETURNING id`,
      [projectId, userIds['planner@old.test']],
    );
    await query(
      `INSERT INTO reference_features (layer_id, position, geometry, label, properties)
       VALUES ($1::uuid, 0, ST_GeomFromText($2::text, 4326), 'Skolevei', '{"lanes": 2}')`,
      [layer.id, `LINESTRING(${west} 59.11, ${west + 0.02} 59.12)`],
    );
    await query(
      `INSERT INTO audit_log (user_id, action, target_type, target_id, project_id, details)
       VALUES ($1::uuid, 'project.update', 'project', $2::text, $2::uuid, '{"fields": ["title"]}')`,
      [userIds['admin@old.test'], projectId],
    );
  }
  // Audit entries of the instance itself (no project), as user and token management wrote them.
  await query(
    `INSERT INTO audit_log (user_id, action, target_type, target_id, details)
     VALUES ($1::uuid, 'user.create', 'user', $2::text, '{}'),
            (NULL, 'auth.sign_in_failed', 'user', NULL, '{"email": "x@old.test"}')`,
    [userIds['admin@old.test'], userIds['planner@old.test']],
  );
  await query(
    `INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1::uuid, 'QGIS', sha256('token'::bytea))`,
    [userIds['planner@old.test']],
  );
  await query(
    `INSERT INTO staff_sessions (token_hash, user_id, expires_at)
     VALUES (sha256('cookie'::bytea), $1::uuid, now() + interval '1 day')`,
    [userIds['admin@old.test']],
  );
  return { projectIds, userRoles };
}

interface Snapshot {
  /** The columns of every table, by table (the after-snapshot reads only these). */
  columns: Record<string, string[]>;
  counts: Record<string, number>;
  /** md5 of every row (the listed columns, as text; geometries as hex EWKB), rows in a fixed order. */
  checksums: Record<string, string>;
}

/** Row counts and content checksums of every table in the public schema (migration bookkeeping aside). */
async function snapshot(pool: pg.Pool, columnsOf?: Record<string, string[]>): Promise<Snapshot> {
  let columns = columnsOf;
  if (!columns) {
    const { rows } = await pool.query<{ table_name: string; columns: string[] }>(
      `SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
       GROUP BY c.table_name`,
    );
    columns = Object.fromEntries(rows.map((row) => [row.table_name, row.columns]));
  }
  const counts: Record<string, number> = {};
  const checksums: Record<string, string> = {};
  for (const [table, names] of Object.entries(columns)) {
    const list = names.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ');
    const { rows } = await pool.query<{ count: number; checksum: string | null }>(
      `SELECT count(*)::int AS count, md5(string_agg(r::text, E'\\n' ORDER BY r::text)) AS checksum
       FROM (SELECT ${list} FROM "${table}") AS r`,
    );
    counts[table] = rows[0]?.count ?? -1;
    checksums[table] = rows[0]?.checksum ?? '';
  }
  return { columns, counts, checksums };
}
