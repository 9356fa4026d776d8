-- Per-cell totals without shared rows on the write path. Migration 0012 kept `cell_totals` and
-- `cell_participant_counts` in the contributions triggers: every insert updated about ten shared
-- rows (one per cell size and category) and held their locks until commit, so concurrent inserts
-- queued on one another (`Lock:transactionid`; raw INSERTs fell from ~1,560 to ~200 rows/s, see
-- docs/benchmarks.md). Now the triggers only append each statement's change per (cell, category,
-- participant) to `cell_total_deltas`, an insert-only table without a unique key: writers touch no
-- common row and cannot conflict. Readers fold the pending changes into the totals first
-- (`nabolag_fold_cell_totals`, one project at a time under an advisory lock), deleting what they
-- folded; a change whose transaction has not committed is not visible yet and is folded next time.

-- Pending changes: `n` is the change of a participant's count of published contributions in a
-- cell (negative for removals). Several rows may share a key; their sum is what counts.
CREATE TABLE IF NOT EXISTS cell_total_deltas (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  size_m smallint NOT NULL,
  category text NOT NULL,
  q integer NOT NULL,
  r integer NOT NULL,
  participant_id uuid NOT NULL,
  n integer NOT NULL
);
CREATE INDEX IF NOT EXISTS cell_total_deltas_project_idx ON cell_total_deltas (project_id);

-- The advisory lock that serialises the folds (and rebuilds) of one project's totals. A hash: two
-- projects may share a key, which only makes their folds wait for each other.
CREATE OR REPLACE FUNCTION nabolag_cell_totals_lock_key(project_id uuid)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT hashtextextended('nabolag_cell_totals ' || project_id::text, 0)
$$;

-- Takes the fold locks of these projects, in key order (two folds of overlapping sets of projects
-- cannot deadlock), until the end of the transaction.
CREATE OR REPLACE FUNCTION nabolag_lock_cell_totals(project_ids uuid[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lock_key bigint;
BEGIN
  FOR lock_key IN
    SELECT DISTINCT nabolag_cell_totals_lock_key(id) FROM unnest(project_ids) AS id ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(lock_key);
  END LOOP;
END
$$;

-- Folds the committed pending changes of these projects (NULL: of every project) into the totals;
-- returns the number of change rows folded. `wait` false: projects whose fold lock another
-- transaction holds are skipped, not waited for (a list of every project must not wait minutes
-- behind one project's large backlog). Two steps:
--   pairs:  cell_participant_counts.n += the change per (cell, category, participant);
--   totals: contributions += change; participants += (n after > 0) - (n before > 0): the
--           participant count of a cell moves only when a participant's n goes 0 <-> more.
-- The lock is taken before the DELETE, whose snapshot (a new one per statement: this function is
-- VOLATILE, the transaction READ COMMITTED) therefore sees what an earlier fold deleted. Only the
-- rows this DELETE saw are folded and removed, in one statement, so none is counted twice.
CREATE OR REPLACE FUNCTION nabolag_fold_cell_totals(project_ids uuid[], wait boolean DEFAULT true)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  pending uuid[];
  folded integer;
BEGIN
  SELECT array_agg(p.id ORDER BY p.id) INTO pending
  FROM projects p
  WHERE (project_ids IS NULL OR p.id = ANY (project_ids))
    AND EXISTS (SELECT 1 FROM cell_total_deltas d WHERE d.project_id = p.id);
  IF pending IS NULL THEN
    RETURN 0;
  END IF;
  IF wait THEN
    PERFORM nabolag_lock_cell_totals(pending);
  ELSE
    -- Try-locks never wait, so their order does not matter.
    SELECT array_agg(id) INTO pending FROM unnest(pending) AS id
    WHERE pg_try_advisory_xact_lock(nabolag_cell_totals_lock_key(id));
    IF pending IS NULL THEN
      RETURN 0;
    END IF;
  END IF;
  WITH taken AS (
    DELETE FROM cell_total_deltas d WHERE d.project_id = ANY (pending)
    RETURNING d.project_id, d.size_m, d.category, d.q, d.r, d.participant_id, d.n),
  delta AS (
    SELECT project_id, size_m, category, q, r, participant_id, sum(n)::int AS n
    FROM taken GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0),
  -- n before the change, read under the fold lock (nothing else writes these rows): a join with
  -- the table's key, not with another CTE, so a large backlog is no nested loop over two scans.
  paired AS (
    SELECT d.*, coalesce(pc.n, 0) AS before
    FROM delta d
    LEFT JOIN cell_participant_counts pc USING (project_id, size_m, category, q, r, participant_id)),
  pairs AS (
    INSERT INTO cell_participant_counts AS pc (project_id, size_m, category, q, r, participant_id, n)
    SELECT project_id, size_m, category, q, r, participant_id, n FROM paired ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (project_id, size_m, category, q, r, participant_id) DO UPDATE SET n = pc.n + excluded.n),
  totals AS (
    INSERT INTO cell_totals AS t (project_id, size_m, category, q, r, contributions, participants)
    SELECT project_id, size_m, category, q, r, sum(n), sum((before + n > 0)::int - (before > 0)::int)
    FROM paired
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, size_m, category, q, r) DO UPDATE
      SET contributions = t.contributions + excluded.contributions,
          participants = t.participants + excluded.participants)
  SELECT count(*)::int INTO folded FROM taken;
  -- Pairs back at zero (the partial index of 0012 finds them).
  DELETE FROM cell_participant_counts WHERE project_id = ANY (pending) AND n <= 0;
  RETURN folded;
END
$$;

-- The changes a statement makes, appended. Cells of deleted projects (a cascade) are skipped, as
-- in 0012: the totals go with the project.
CREATE OR REPLACE FUNCTION nabolag_contributions_inserted()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH written AS (
    INSERT INTO contribution_cells
      (contribution_id, size_m, q, r, project_id, participant_id, category_key, status, session_id,
       session_group, created_at)
    SELECT c.id, size.size_m, cell.q, cell.r, c.project_id, c.participant_id, c.category_key, c.status,
           c.session_id, c.session_group, c.created_at
    FROM changed_rows c
    JOIN projects p ON p.id = c.project_id
    CROSS JOIN LATERAL ST_Transform(c.geometry, p.analysis_srid) AS metric(geometry)
    CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
    CROSS JOIN LATERAL nabolag_cells_at(metric.geometry, size.size_m) AS cell
    RETURNING project_id, size_m, q, r, participant_id, category_key, status)
  INSERT INTO cell_total_deltas (project_id, size_m, category, q, r, participant_id, n)
  SELECT w.project_id, w.size_m, k.category, w.q, w.r, w.participant_id, count(*)::int
  FROM written w CROSS JOIN LATERAL (VALUES (''::text), (w.category_key)) AS k(category)
  WHERE w.status = 'published'
  GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO analysis_changes (project_id) SELECT DISTINCT project_id FROM changed_rows;
  RETURN NULL;
END
$$;

-- Only contributions whose cell-relevant columns changed move cells (a story edit or a featured
-- flag does not); their old cells count -1, their new ones +1.
CREATE OR REPLACE FUNCTION nabolag_contributions_updated()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.project_id, n.participant_id, n.category_key, n.status, n.session_id, n.session_group, n.created_at)
            IS DISTINCT FROM
          (o.project_id, o.participant_id, o.category_key, o.status, o.session_id, o.session_group, o.created_at)
       OR ST_AsEWKB(n.geometry) <> ST_AsEWKB(o.geometry)),
  removed AS (
    DELETE FROM contribution_cells cc USING moved WHERE cc.contribution_id = moved.id
    RETURNING cc.project_id, cc.size_m, cc.q, cc.r, cc.participant_id, cc.category_key, cc.status, -1 AS sign),
  added AS (
    SELECT c.project_id, size.size_m, cell.q, cell.r, c.participant_id, c.category_key, c.status, 1 AS sign
    FROM new_rows c
    JOIN moved ON moved.id = c.id
    JOIN projects p ON p.id = c.project_id
    CROSS JOIN LATERAL ST_Transform(c.geometry, p.analysis_srid) AS metric(geometry)
    CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
    CROSS JOIN LATERAL nabolag_cells_at(metric.geometry, size.size_m) AS cell
    WHERE c.status = 'published')
  INSERT INTO cell_total_deltas (project_id, size_m, category, q, r, participant_id, n)
  SELECT change.project_id, change.size_m, k.category, change.q, change.r, change.participant_id,
         sum(change.sign)::int
  FROM (SELECT * FROM removed UNION ALL SELECT * FROM added) AS change
  JOIN projects p ON p.id = change.project_id
  CROSS JOIN LATERAL (VALUES (''::text), (change.category_key)) AS k(category)
  WHERE change.status = 'published'
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(change.sign) <> 0;

  -- The new cells (after the old ones are gone: same keys).
  INSERT INTO contribution_cells
    (contribution_id, size_m, q, r, project_id, participant_id, category_key, status, session_id,
     session_group, created_at)
  SELECT c.id, size.size_m, cell.q, cell.r, c.project_id, c.participant_id, c.category_key, c.status,
         c.session_id, c.session_group, c.created_at
  FROM new_rows c
  JOIN old_rows o ON o.id = c.id
  JOIN projects p ON p.id = c.project_id
  CROSS JOIN LATERAL ST_Transform(c.geometry, p.analysis_srid) AS metric(geometry)
  CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
  CROSS JOIN LATERAL nabolag_cells_at(metric.geometry, size.size_m) AS cell
  WHERE (c.project_id, c.participant_id, c.category_key, c.status, c.session_id, c.session_group, c.created_at)
          IS DISTINCT FROM
        (o.project_id, o.participant_id, o.category_key, o.status, o.session_id, o.session_group, o.created_at)
     OR ST_AsEWKB(c.geometry) <> ST_AsEWKB(o.geometry);

  -- Every update moves the version (stories and featured quotes are on the results page too).
  INSERT INTO analysis_changes (project_id)
  SELECT DISTINCT n.project_id FROM new_rows n JOIN projects p ON p.id = n.project_id;
  RETURN NULL;
END
$$;

-- The cells of deleted contributions left with them (ON DELETE CASCADE, which has run by now), so
-- the cells to take off the totals are computed again from the geometry, as they were written.
CREATE OR REPLACE FUNCTION nabolag_contributions_deleted()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cell_total_deltas (project_id, size_m, category, q, r, participant_id, n)
  SELECT c.project_id, size.size_m, k.category, cell.q, cell.r, c.participant_id, -count(*)::int
  FROM changed_rows c
  JOIN projects p ON p.id = c.project_id
  CROSS JOIN LATERAL ST_Transform(c.geometry, p.analysis_srid) AS metric(geometry)
  CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
  CROSS JOIN LATERAL nabolag_cells_at(metric.geometry, size.size_m) AS cell
  CROSS JOIN LATERAL (VALUES (''::text), (c.category_key)) AS k(category)
  WHERE c.status = 'published'
  GROUP BY 1, 2, 3, 4, 5, 6;
  -- A project being deleted takes its change log with it, so only surviving projects are logged.
  INSERT INTO analysis_changes (project_id)
  SELECT DISTINCT d.project_id FROM changed_rows d JOIN projects p ON p.id = d.project_id;
  RETURN NULL;
END
$$;

-- Nothing is pruned on the write path any more (nabolag_fold_cell_totals does it).
DROP FUNCTION IF EXISTS nabolag_cell_counts_prune(uuid[]);

-- Recounts the totals of these projects from their stored cells (a project whose analysis CRS
-- changed), under the fold lock. The pending changes are dropped in the same statement that reads
-- the cells, so both come from one snapshot: a change is either in the cells read or left pending.
CREATE OR REPLACE FUNCTION nabolag_rebuild_cell_totals(project_ids uuid[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nabolag_lock_cell_totals(project_ids);
  DELETE FROM cell_participant_counts WHERE project_id = ANY (project_ids);
  DELETE FROM cell_totals WHERE project_id = ANY (project_ids);
  WITH dropped AS (DELETE FROM cell_total_deltas WHERE project_id = ANY (project_ids))
  INSERT INTO cell_participant_counts (project_id, size_m, category, q, r, participant_id, n)
  SELECT cc.project_id, cc.size_m, k.category, cc.q, cc.r, cc.participant_id, count(*)
  FROM contribution_cells cc CROSS JOIN LATERAL (VALUES (''::text), (cc.category_key)) AS k(category)
  WHERE cc.project_id = ANY (project_ids) AND cc.status = 'published'
  GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO cell_totals (project_id, size_m, category, q, r, contributions, participants)
  SELECT project_id, size_m, category, q, r, sum(n), count(*)
  FROM cell_participant_counts WHERE project_id = ANY (project_ids)
  GROUP BY 1, 2, 3, 4, 5;
END
$$;
