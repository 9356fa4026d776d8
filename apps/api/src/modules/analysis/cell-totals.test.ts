import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, createTestProject } from '../../testing/test-app.ts';
import { foldCellTotals } from './cell-totals.ts';

// The per-cell totals (migration 0012; the triggers append changes that readers fold in,
// migration 0014) must always equal a fresh count over the contributions once folded. A seeded random sequence of the writes the product makes — pins, lines and
// areas, moves, category edits, moderation, story edits, featuring, deletion, erasure of a
// participant, multi-row statements, a change of the analysis CRS — is checked against a
// GROUP BY computed from scratch from the geometries.

let app: FastifyInstance;
let projectId: string;
let slug: string;

/** mulberry32: a small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CATEGORIES = ['meeting-places', 'landmarks', 'least-liked', 'community'];
const STATUSES = ['published', 'published', 'published', 'pending', 'hidden'];
// A few spots about 60–400 m apart, so that pins share cells at every size.
const SPOTS: Array<[number, number]> = [
  [10.0152, 59.0481],
  [10.0158, 59.0483],
  [10.0161, 59.0478],
  [10.0201, 59.0465],
  [10.0251, 59.0449],
  [10.0102, 59.0501],
];

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
  const { rows } = await app.pg.pool.query<{ id: string }>('SELECT id FROM projects WHERE slug = $1', [slug]);
  projectId = rows[0]?.id as string;
});
afterAll(async () => {
  await app.close();
});

/**
 * Totals as a reader sees them, pending changes folded in first (rows at zero are allowed to stay
 * and are left out).
 */
async function keptTotals() {
  await foldCellTotals(app.pg.pool, [projectId]);
  const { rows } = await app.pg.pool.query<{ key: string; contributions: number; participants: number }>(
    `SELECT size_m || '|' || category || '|' || q || ',' || r AS key, contributions, participants
     FROM cell_totals WHERE project_id = $1 AND (contributions <> 0 OR participants <> 0)
     ORDER BY 1`,
    [projectId],
  );
  return rows;
}

/** Totals counted afresh from the published contributions' geometries. */
async function freshTotals() {
  const { rows } = await app.pg.pool.query<{ key: string; contributions: number; participants: number }>(
    `WITH cells AS (
       SELECT c.participant_id, c.category_key, size.size_m, cell.q, cell.r
       FROM contributions c JOIN projects p ON p.id = c.project_id
       CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
       CROSS JOIN LATERAL nabolag_hex_cells(ST_Transform(c.geometry, p.analysis_srid), size.size_m) AS cell
       WHERE c.project_id = $1 AND c.status = 'published')
     SELECT size_m || '|' || category || '|' || q || ',' || r AS key,
            count(*)::int AS contributions, count(DISTINCT participant_id)::int AS participants
     FROM cells CROSS JOIN LATERAL (VALUES (''), (category_key)) AS k(category)
     GROUP BY size_m, category, q, r
     ORDER BY 1`,
    [projectId],
  );
  return rows;
}

async function expectConsistent(step: string) {
  const kept = await keptTotals();
  expect(kept, `totals after ${step}`).toEqual(await freshTotals());
  const { rows } = await app.pg.pool.query<{
    negative: number;
    pending: number;
    stored: number;
    computed: number;
  }>(
    `SELECT (SELECT count(*)::int FROM cell_participant_counts WHERE project_id = $1 AND n <= 0)
              + (SELECT count(*)::int FROM cell_totals WHERE project_id = $1 AND (contributions < 0 OR participants < 0)) AS negative,
            (SELECT count(*)::int FROM cell_total_deltas WHERE project_id = $1) AS pending,
            (SELECT count(*)::int FROM contribution_cells WHERE project_id = $1) AS stored,
            (SELECT count(*)::int FROM contributions c JOIN projects p ON p.id = c.project_id
             CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
             CROSS JOIN LATERAL nabolag_hex_cells(ST_Transform(c.geometry, p.analysis_srid), size.size_m) AS cell
             WHERE c.project_id = $1) AS computed`,
    [projectId],
  );
  const counts = rows[0] as { negative: number; pending: number; stored: number; computed: number };
  expect(counts.negative, `negative (or zero) counts after ${step}`).toBe(0);
  // Folding deletes what it folded (nothing else writes this project meanwhile).
  expect(counts.pending, `pending changes after folding, ${step}`).toBe(0);
  expect(counts.stored, `stored cell ids after ${step}`).toBe(counts.computed);
}

describe('cell totals kept by the triggers', () => {
  it('equal a fresh GROUP BY after a random sequence of writes', async () => {
    const random = generator(20_240_611);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const pool = app.pg.pool;
    const participants: string[] = [];
    const newParticipant = async () => {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO participants (project_id, token_hash) VALUES ($1, sha256($2::bytea)) RETURNING id`,
        [projectId, Buffer.from(randomUUID())],
      );
      participants.push(rows[0]?.id as string);
    };
    for (let index = 0; index < 7; index += 1) await newParticipant();
    const jitter = () => (random() - 0.5) * 0.0008;
    const geometry = () => {
      const [x, y] = pick(SPOTS);
      const shape = random();
      if (shape < 0.75) return { type: 'Point', coordinates: [x + jitter(), y + jitter()] };
      if (shape < 0.9)
        return {
          type: 'LineString',
          coordinates: [
            [x, y],
            [x + 0.003 + jitter(), y + 0.001],
          ],
        };
      return {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.002, y],
            [x + 0.002, y + 0.001],
            [x, y + 0.001],
            [x, y],
          ],
        ],
      };
    };
    const someContribution = async () => {
      const { rows } = await pool.query<{ id: string }>(
        'SELECT id FROM contributions WHERE project_id = $1 ORDER BY id',
        [projectId],
      );
      return rows.length === 0 ? undefined : pick(rows).id;
    };
    const insert = (count: number) => {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const base = values.length;
        tuples.push(
          `($${base + 1}::uuid, $${base + 2}::uuid, $${base + 3}::uuid, $${base + 4}::text,
            ST_SetSRID(ST_GeomFromGeoJSON($${base + 5}::text), 4326), $${base + 6}::text, 'a story')`,
        );
        values.push(
          randomUUID(),
          projectId,
          pick(participants),
          pick(CATEGORIES),
          JSON.stringify(geometry()),
          pick(STATUSES),
        );
      }
      return pool.query(
        `INSERT INTO contributions (id, project_id, participant_id, category_key, geometry, status, story)
         VALUES ${tuples.join(', ')}`,
        values,
      );
    };
    const operations: Array<[string, () => Promise<unknown>]> = [
      ['insert one', () => insert(1)],
      ['insert one', () => insert(1)],
      ['insert three in one statement', () => insert(3)],
      [
        'move',
        async () =>
          pool.query(
            'UPDATE contributions SET geometry = ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) WHERE id = $1',
            [await someContribution(), JSON.stringify(geometry())],
          ),
      ],
      [
        'change category',
        async () =>
          pool.query('UPDATE contributions SET category_key = $2 WHERE id = $1', [
            await someContribution(),
            pick(CATEGORIES),
          ]),
      ],
      [
        'moderate',
        async () =>
          pool.query('UPDATE contributions SET status = $2 WHERE id = $1', [
            await someContribution(),
            pick(['published', 'pending', 'hidden']),
          ]),
      ],
      [
        'edit story and feature',
        async () =>
          pool.query(`UPDATE contributions SET story = 'edited', featured = NOT featured WHERE id = $1`, [
            await someContribution(),
          ]),
      ],
      [
        "hide a participant's contributions in one statement",
        () =>
          pool.query(`UPDATE contributions SET status = 'hidden' WHERE participant_id = $1`, [
            pick(participants),
          ]),
      ],
      [
        'publish every pending contribution in one statement',
        () =>
          pool.query(
            `UPDATE contributions SET status = 'published' WHERE project_id = $1 AND status = 'pending'`,
            [projectId],
          ),
      ],
      [
        'give a contribution to another participant',
        async () =>
          pool.query('UPDATE contributions SET participant_id = $2 WHERE id = $1', [
            await someContribution(),
            pick(participants),
          ]),
      ],
      [
        'delete',
        async () => pool.query('DELETE FROM contributions WHERE id = $1', [await someContribution()]),
      ],
    ];
    for (let step = 0; step < 160; step += 1) {
      if (step === 70) {
        // Erasure: the participant and, by cascade, all they gave.
        const erased = participants.splice(Math.floor(random() * participants.length), 1)[0];
        await pool.query('DELETE FROM participants WHERE id = $1', [erased]);
        await newParticipant();
        await expectConsistent(`step ${step}: erasure of a participant`);
        continue;
      }
      if (step === 110) {
        // Another analysis CRS lays another grid: every cell is made again.
        await pool.query('UPDATE projects SET analysis_srid = 25833 WHERE id = $1', [projectId]);
        await expectConsistent(`step ${step}: analysis CRS changed`);
        continue;
      }
      const [name, operation] = pick(operations);
      await operation();
      if (step % 10 === 9) await expectConsistent(`step ${step}: ${name}`);
    }
    await expectConsistent('the whole sequence');
    const { rows } = await pool.query<{ cells: number }>(
      `SELECT count(*)::int AS cells FROM cell_totals WHERE project_id = $1 AND participants > 1`,
      [projectId],
    );
    // The sequence did make shared cells (the check above is not about empty tables).
    expect(rows[0]?.cells).toBeGreaterThan(10);
  });

  it('count concurrent writes of one participant in one cell once', async () => {
    const { rows } = await app.pg.pool.query<{ id: string }>(
      `INSERT INTO participants (project_id, token_hash) VALUES ($1, sha256($2::bytea)) RETURNING id`,
      [projectId, Buffer.from(randomUUID())],
    );
    const participant = rows[0]?.id as string;
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        app.pg.pool.query(
          `INSERT INTO contributions (id, project_id, participant_id, category_key, geometry)
           VALUES ($1, $2, $3, 'community', ST_SetSRID(ST_MakePoint($4::float8, 59.0481), 4326))`,
          [randomUUID(), projectId, participant, 10.0152 + index * 1e-6],
        ),
      ),
    );
    await expectConsistent('concurrent inserts');
    await app.pg.pool.query('DELETE FROM contributions WHERE participant_id = $1', [participant]);
    await expectConsistent('deleting them');
  });

  it('go with a deleted project, sessions and all', async () => {
    const other = await createTestProject(app);
    const { rows } = await app.pg.pool.query<{ id: string }>('SELECT id FROM projects WHERE slug = $1', [
      other,
    ]);
    const otherId = rows[0]?.id as string;
    const response = await app.inject({
      method: 'POST',
      url: `/api/projects/${other}/contributions`,
      payload: {
        id: randomUUID(),
        category: 'community',
        geometry: { type: 'Point', coordinates: SPOTS[0] },
      },
    });
    expect(response.statusCode).toBe(201);
    await app.pg.pool.query(
      `WITH s AS (INSERT INTO sessions (project_id, code, title) VALUES ($1, $2, 'x') RETURNING id)
       UPDATE contributions SET session_id = (SELECT id FROM s) WHERE project_id = $1`,
      [otherId, `T${randomUUID().replaceAll('-', '').slice(0, 8).toUpperCase()}`],
    );
    // One change pending (the session move changes no cell), folded into the totals; then another.
    await foldCellTotals(app.pg.pool, [otherId]);
    expect(
      (await app.pg.pool.query('SELECT 1 FROM cell_totals WHERE project_id = $1', [otherId])).rowCount,
    ).toBeGreaterThan(0);
    await app.pg.pool.query(
      `INSERT INTO contributions (id, project_id, participant_id, category_key, geometry)
       SELECT $1, project_id, participant_id, 'community', geometry FROM contributions WHERE project_id = $2 LIMIT 1`,
      [randomUUID(), otherId],
    );
    await app.pg.pool.query('DELETE FROM projects WHERE id = $1', [otherId]);
    const left = await app.pg.pool.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM cell_totals WHERE project_id = $1)
              + (SELECT count(*) FROM cell_participant_counts WHERE project_id = $1)
              + (SELECT count(*) FROM cell_total_deltas WHERE project_id = $1) AS n`,
      [otherId],
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
  });
});

// Two sessions at once: only a server has them (the embedded database is one session).
if (inject('databaseKind') === 'postgres') {
  describe('cell totals under concurrent writers (PostgreSQL)', () => {
    const connect = async () => {
      const client = new pg.Client({ connectionString: inject('databaseUrl') });
      await client.connect();
      // A wait on another writer's row lock fails the statement instead of hanging the test.
      await client.query(`SET lock_timeout = '3s'`);
      return client;
    };
    const insertPin = (client: pg.Client, participant: string) =>
      client.query(
        `INSERT INTO contributions (id, project_id, participant_id, category_key, geometry)
         VALUES ($1, $2, $3, 'community', ST_SetSRID(ST_MakePoint(10.0152, 59.0481), 4326))`,
        [randomUUID(), projectId, participant],
      );

    /** The participant's folded count in the cell of their pins (500 m, all categories). */
    const pinsInCell = async (participant: string) => {
      const { rows } = await app.pg.pool.query<{ n: number }>(
        `SELECT n FROM cell_participant_counts
         WHERE project_id = $1 AND participant_id = $2 AND size_m = 500 AND category = ''`,
        [projectId, participant],
      );
      return rows[0]?.n;
    };

    it('let an insert commit while another transaction that inserted in the same cells is open', async () => {
      const { rows } = await app.pg.pool.query<{ id: string }>(
        `INSERT INTO participants (project_id, token_hash) VALUES ($1, sha256($2::bytea)) RETURNING id`,
        [projectId, Buffer.from(randomUUID())],
      );
      // One participant in one spot: the same (cell, category, participant) keys at every size,
      // the rows migration 0012's triggers locked until commit.
      const participant = rows[0]?.id as string;
      await foldCellTotals(app.pg.pool, [projectId]);
      const first = await connect();
      const second = await connect();
      try {
        await first.query('BEGIN');
        await insertPin(first, participant);
        // Neither the second writer nor a reader waits for the open transaction.
        await second.query('BEGIN');
        await insertPin(second, participant);
        await second.query('COMMIT');
        await second.query('SELECT nabolag_fold_cell_totals($1::uuid[])', [[projectId]]);
        const { rows: pending } = await app.pg.pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM cell_total_deltas WHERE project_id = $1',
          [projectId],
        );
        // The open transaction's changes are not visible: left for the next fold.
        expect(pending[0]?.n).toBe(0);
        expect(await pinsInCell(participant)).toBe(1);
        await first.query('COMMIT');
      } finally {
        await first.query('ROLLBACK').catch(() => undefined);
        await Promise.all([first.end(), second.end()]);
      }
      await expectConsistent('two concurrent inserts in the same cells');
      expect(await pinsInCell(participant)).toBe(2);
    });

    it('let a list skip a project another transaction is folding, and a reader of it wait', async () => {
      const [holder, lister, reader] = await Promise.all([connect(), connect(), connect()]);
      try {
        const { rows } = await holder.query<{ id: string }>(
          `INSERT INTO participants (project_id, token_hash) VALUES ($1, sha256($2::bytea)) RETURNING id`,
          [projectId, Buffer.from(randomUUID())],
        );
        await insertPin(holder, rows[0]?.id as string);
        // A fold in progress elsewhere: its lock, held to the end of its transaction.
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock(nabolag_cell_totals_lock_key($1::uuid))', [
          projectId,
        ]);
        const skipped = await lister.query<{ folded: number }>(
          'SELECT nabolag_fold_cell_totals($1::uuid[], false) AS folded',
          [[projectId]],
        );
        expect(skipped.rows[0]?.folded).toBe(0);
        // A reader of this project's totals waits for it (here: until lock_timeout).
        await expect(
          reader.query('SELECT nabolag_fold_cell_totals($1::uuid[])', [[projectId]]),
        ).rejects.toThrow(/lock timeout/);
        await holder.query('COMMIT');
        const folded = await lister.query<{ folded: number }>(
          'SELECT nabolag_fold_cell_totals($1::uuid[], false) AS folded',
          [[projectId]],
        );
        expect(folded.rows[0]?.folded).toBe(10);
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        await Promise.all([holder.end(), lister.end(), reader.end()]);
      }
      await expectConsistent('a skipped fold');
    });

    it('fold the same changes once when two readers fold at once', async () => {
      const writer = await connect();
      try {
        const { rows } = await writer.query<{ id: string }>(
          `INSERT INTO participants (project_id, token_hash) VALUES ($1, sha256($2::bytea)) RETURNING id`,
          [projectId, Buffer.from(randomUUID())],
        );
        for (let index = 0; index < 20; index += 1) await insertPin(writer, rows[0]?.id as string);
      } finally {
        await writer.end();
      }
      const readers = await Promise.all([connect(), connect(), connect()]);
      try {
        const folded = await Promise.all(
          readers.map(async (reader) => {
            const { rows } = await reader.query<{ folded: number }>(
              'SELECT nabolag_fold_cell_totals($1::uuid[]) AS folded',
              [[projectId]],
            );
            return rows[0]?.folded ?? 0;
          }),
        );
        // 20 statements × 5 sizes × 2 categories, each folded by exactly one reader.
        expect(folded.reduce((sum, n) => sum + n, 0)).toBe(200);
      } finally {
        await Promise.all(readers.map((reader) => reader.end()));
      }
      await expectConsistent('three concurrent folds');
    });
  });
}
