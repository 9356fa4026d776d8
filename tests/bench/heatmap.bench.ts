// The heatmap at scale: 1,000,000 contributions in a Torstrand-sized area (the demo project's
// own boundary, 2.5 km²), loaded with one set-based INSERT … SELECT on PostGIS, then in the same
// run, side by side: our public endpoint (whole area and a 2 km viewport, cold and cached)
// against the naive query that joins a freshly made ST_HexagonGrid to every contribution.
//
// Run from `pnpm bench` (PostGIS only; BENCH_HEATMAP=off skips it), or alone:
//   BENCH_DATABASE_URL=postgres://… pnpm --filter @nabolag/tests exec tsx bench/heatmap.bench.ts
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../e2e/server.ts';
import type { Recorder } from './table.ts';

/** Contributions loaded (BENCH_HEATMAP_ROWS to try fewer). */
const ROWS = Number(process.env.BENCH_HEATMAP_ROWS ?? 1_000_000);
/** Distinct participants the rows are spread over (about 20 pins each). */
const PARTICIPANTS = Math.max(1, Math.round(ROWS / 20));
/** Hex size of the measured requests, metres (the public default). */
const CELL_METRES = 200;
/** Repetitions per measurement; the median is reported. */
const REPEAT = 7;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Makes a copy of the demo project (area, categories, k) under a new slug; returns its id. */
async function createBenchProject(pool: pg.Pool, slug: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO projects (slug, title, description, area, area_margin_m, analysis_srid, languages,
                           default_language, moderation, k_anonymity, organisation_id)
     SELECT $1, title, description, area, area_margin_m, analysis_srid, languages, default_language,
            moderation, k_anonymity, organisation_id
     FROM projects WHERE slug = 'torstrand' RETURNING id`,
    [slug],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('bench: the demo project torstrand is missing (NABOLAG_SEED_DEMO off?)');
  await pool.query(
    `INSERT INTO categories (project_id, key, position, labels, prompts, geometry_types, colour)
     SELECT $1, key, position, labels, prompts, geometry_types, colour
     FROM categories WHERE project_id = (SELECT id FROM projects WHERE slug = 'torstrand')`,
    [id],
  );
  return id;
}

/** One bulk statement each: participants, then the contributions at random points in the area. */
async function load(pool: pg.Pool, projectId: string): Promise<void> {
  await pool.query(
    `INSERT INTO participants (project_id, token_hash, age_band, relation)
     SELECT $1, sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
            (ARRAY['18-29','30-44','45-66','67-79'])[1 + n % 4],
            CASE WHEN n % 3 = 0 THEN ARRAY['visitor'] ELSE ARRAY['lives'] END
     FROM generate_series(1, $2::int) AS n`,
    [projectId, PARTICIPANTS],
  );
  // Points drawn uniformly inside the boundary; each gets a participant and a category at random.
  await pool.query(
    `WITH who AS (SELECT array_agg(id) AS ids FROM participants WHERE project_id = $1),
          kinds AS (SELECT array_agg(key ORDER BY position) AS keys FROM categories WHERE project_id = $1),
          points AS (SELECT (ST_Dump(ST_GeneratePoints(area, $2::int))).geom AS geometry
                     FROM projects WHERE id = $1)
     INSERT INTO contributions (id, project_id, participant_id, category_key, geometry, story)
     SELECT gen_random_uuid(), $1, who.ids[1 + floor(random() * cardinality(who.ids))::int],
            kinds.keys[1 + floor(random() * cardinality(kinds.keys))::int], points.geometry, NULL
     FROM points, who, kinds`,
    [projectId, ROWS],
  );
  // Fresh visibility maps, so the heatmap's index-only scan needs no heap visits (autovacuum
  // does this in a running installation).
  await pool.query('VACUUM ANALYZE contributions');
  await pool.query('VACUUM ANALYZE contribution_cells');
  await pool.query('VACUUM ANALYZE participants');
}

/** The query the heatmap used before (grid made per request and joined to every contribution). */
async function naiveHeatmap(pool: pg.Pool, projectId: string, viewport: string | null) {
  return pool.query(
    `WITH project AS (
       SELECT CASE WHEN $4::text IS NULL
                   THEN ST_Transform(ST_Buffer(area::geography, area_margin_m)::geometry, analysis_srid)
                   ELSE ST_Transform(ST_GeomFromText($4::text, 4326), analysis_srid) END AS bounds,
              analysis_srid AS srid
       FROM projects WHERE id = $1),
     picked AS (
       SELECT c.participant_id, ST_Transform(c.geometry, project.srid) AS geometry
       FROM contributions c, project
       WHERE c.project_id = $1 AND c.status = 'published'),
     cells AS (SELECT hex.geom FROM project, ST_HexagonGrid($2::float8, project.bounds) AS hex)
     SELECT ST_AsGeoJSON(ST_Transform(cells.geom, 4326), 7)::json AS geometry,
            count(*)::int AS count, count(DISTINCT picked.participant_id)::int AS participants
     FROM cells JOIN picked ON ST_Intersects(cells.geom, picked.geometry)
     GROUP BY cells.geom
     HAVING count(DISTINCT picked.participant_id) >= $3::int`,
    [projectId, CELL_METRES, 5, viewport],
  );
}

/** Measures; the project is removed afterwards. */
export async function heatmapAtScale(record: Recorder, baseUrl: string, databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const slug = `bench-heatmap-${randomUUID().slice(0, 8)}`;
  const projectId = await createBenchProject(pool, slug);
  try {
    const loadMs = await timed(() => load(pool, projectId));
    record(
      `heatmap: load ${ROWS.toLocaleString('en')} contributions (one INSERT … SELECT) (s)`,
      (loadMs / 1000).toFixed(1),
    );
    // The insert trigger only appended per-cell changes (migration 0014); the first reader folds
    // them into the totals. Done here, timed on its own, so the cold requests below measure reads.
    const { rows: pending } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cell_total_deltas WHERE project_id = $1',
      [projectId],
    );
    const foldMs = await timed(() =>
      pool.query('SELECT nabolag_fold_cell_totals($1::uuid[])', [[projectId]]),
    );
    record(
      `heatmap: fold the load's ${(pending[0]?.n ?? 0).toLocaleString('en')} pending cell changes into the totals (s)`,
      (foldMs / 1000).toFixed(1),
    );
    // The fold deleted millions of delta rows; autovacuum would clear them within a minute or so.
    // Vacuum now, as the load above does, so the cold requests are not timing dead-row scans.
    await pool.query('VACUUM ANALYZE cell_total_deltas');
    await pool.query('VACUUM ANALYZE cell_totals');
    await pool.query('VACUUM ANALYZE cell_participant_counts');
    // A 2 km × 2 km viewport around the middle of the area.
    const { rows } = await pool.query<{ wkt: string; bbox: string }>(
      `SELECT ST_AsText(v.g) AS wkt, concat_ws(',', ST_XMin(v.g), ST_YMin(v.g), ST_XMax(v.g), ST_YMax(v.g)) AS bbox
       FROM projects p, LATERAL (SELECT ST_Transform(ST_Expand(ST_Centroid(ST_Transform(p.area, p.analysis_srid)), 1000), 4326) AS g) v
       WHERE p.id = $1`,
      [projectId],
    );
    const viewport = rows[0] as { wkt: string; bbox: string };
    const requests = {
      'whole area': `${baseUrl}/api/projects/${slug}/heatmap?cell=${CELL_METRES}`,
      '2 km viewport': `${baseUrl}/api/projects/${slug}/heatmap?cell=${CELL_METRES}&bbox=${viewport.bbox}`,
    };
    const get = async (url: string) => {
      const response = await fetch(url);
      if (response.status !== 200)
        throw new Error(`bench: ${url} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { features: unknown[] };
    };
    // Ours for both requests first, then the naive queries: a naive query runs for minutes, and
    // the server's pool closes idle connections meanwhile (a new backend pays PROJ's start-up,
    // ~50 ms, on its first transform), which would be measured as the heatmap's cost.
    /** Median cold time of ours per request (ms), for the ratio. */
    const oursCold = new Map<string, number>();
    for (const [name, url] of Object.entries(requests)) {
      const cold: number[] = [];
      for (let index = 0; index < REPEAT; index += 1) {
        // What a write does to the cache: the project's data version moves.
        await pool.query('INSERT INTO analysis_changes (project_id) VALUES ($1)', [projectId]);
        cold.push(await timed(() => get(url)));
      }
      const cached: number[] = [];
      for (let index = 0; index < REPEAT * 3; index += 1) cached.push(await timed(() => get(url)));
      const cells = (await get(url)).features.length;
      oursCold.set(name, median(cold));
      record(
        `heatmap ${name} (${CELL_METRES} m, ${cells} cells): ours cold / cached, median (ms)`,
        `${median(cold).toFixed(0)} / ${median(cached).toFixed(1)}`,
      );
    }
    for (const name of Object.keys(requests)) {
      const naive = await timed(() =>
        naiveHeatmap(pool, projectId, name === 'whole area' ? null : viewport.wkt),
      );
      record(`heatmap ${name}: naive ST_HexagonGrid join (ms)`, naive.toFixed(0));
      record(`heatmap ${name}: naive ÷ ours cold`, `${(naive / (oursCold.get(name) ?? 1)).toFixed(0)}×`);
    }
  } finally {
    await pool.query('DELETE FROM projects WHERE id = $1', [projectId]);
    await pool.end();
  }
}

// Alone: start a server on BENCH_DATABASE_URL (or TEST_DATABASE_URL) and print the numbers.
if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('Set BENCH_DATABASE_URL to a PostGIS database.');
  process.env.LOG_LEVEL = 'warn';
  const server = await startServer({ databaseUrl, webDistDirectory: join(process.cwd(), 'no-web-app') });
  try {
    await heatmapAtScale(
      (measurement, value) => console.log(`${measurement}  ${value}`),
      server.baseUrl,
      databaseUrl,
    );
  } finally {
    await server.stop();
  }
}
