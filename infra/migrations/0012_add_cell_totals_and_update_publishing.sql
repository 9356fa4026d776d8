-- Per-cell totals for the public heatmap, kept at write time: a cold public heatmap reads a few
-- hundred rows of `cell_totals` instead of scanning every contribution's cell ids. Published
-- contributions only (what residents see), per cell size, per category and for all categories.
-- Filtered staff analyses keep reading `contribution_cells` (migration 0007).
-- Also: planners' updates get a published flag, and featured quotes an index.

-- How many of a participant's published contributions lie in a cell: the participant count of a
-- cell moves only when one of these goes from 0 to more, or back. `category` '' = all categories.
-- No foreign key to participants: an erased participant's contributions are deleted by cascade
-- and the delete trigger takes them off here; a cascade on this table could run first and leave
-- the trigger nothing to subtract from.
CREATE TABLE IF NOT EXISTS cell_participant_counts (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  size_m smallint NOT NULL,
  category text NOT NULL,
  q integer NOT NULL,
  r integer NOT NULL,
  participant_id uuid NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (project_id, size_m, category, q, r, participant_id)
);
-- Rows that fell to zero, removed by the triggers (and found quickly).
CREATE INDEX IF NOT EXISTS cell_participant_counts_zero_idx ON cell_participant_counts (project_id) WHERE n <= 0;

-- The public heatmap: published contributions (a line or an area in every cell it touches) and
-- distinct participants per cell. A row may stay behind at zero; readers ask for participants >= k.
CREATE TABLE IF NOT EXISTS cell_totals (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  size_m smallint NOT NULL,
  category text NOT NULL,
  q integer NOT NULL,
  r integer NOT NULL,
  contributions integer NOT NULL,
  participants integer NOT NULL,
  PRIMARY KEY (project_id, size_m, category, q, r)
);

-- The three trigger functions below end in the same two steps, written out in each because a
-- transition table cannot be handed to another function:
--   pairs:  cell_participant_counts.n += the statement's change per (cell, category, participant);
--           RETURNING gives n after the change, so n - change is n before it, read under the
--           row lock: correct when concurrent writers touch the same pair.
--   totals: contributions += change; participants += (n after > 0) - (n before > 0).
-- Rows are written in key order so that concurrent statements take their row locks in one order.

-- Deletes rows of cell_participant_counts at zero in these projects; rows another transaction
-- holds are left for a later statement (SKIP LOCKED: no waiting, so no deadlock).
CREATE OR REPLACE FUNCTION nabolag_cell_counts_prune(project_ids uuid[])
RETURNS void
LANGUAGE sql AS $$
  DELETE FROM cell_participant_counts x
  USING (SELECT project_id, size_m, category, q, r, participant_id FROM cell_participant_counts
         WHERE n <= 0 AND project_id = ANY (project_ids) FOR UPDATE SKIP LOCKED) AS zero
  WHERE x.project_id = zero.project_id AND x.size_m = zero.size_m AND x.category = zero.category
    AND x.q = zero.q AND x.r = zero.r AND x.participant_id = zero.participant_id AND x.n <= 0
$$;

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
    RETURNING project_id, size_m, q, r, participant_id, category_key, status),
  delta AS (
    SELECT w.project_id, w.size_m, k.category, w.q, w.r, w.participant_id, count(*)::int AS n
    FROM written w CROSS JOIN LATERAL (VALUES (''::text), (w.category_key)) AS k(category)
    WHERE w.status = 'published'
    GROUP BY 1, 2, 3, 4, 5, 6),
  pairs AS (
    INSERT INTO cell_participant_counts AS pc (project_id, size_m, category, q, r, participant_id, n)
    SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (project_id, size_m, category, q, r, participant_id) DO UPDATE SET n = pc.n + excluded.n
    RETURNING pc.project_id, pc.size_m, pc.category, pc.q, pc.r, pc.participant_id, pc.n)
  INSERT INTO cell_totals AS t (project_id, size_m, category, q, r, contributions, participants)
  SELECT d.project_id, d.size_m, d.category, d.q, d.r, sum(d.n), sum((p.n > 0)::int - (p.n - d.n > 0)::int)
  FROM delta d JOIN pairs p USING (project_id, size_m, category, q, r, participant_id)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (project_id, size_m, category, q, r) DO UPDATE
    SET contributions = t.contributions + excluded.contributions,
        participants = t.participants + excluded.participants;
  INSERT INTO analysis_changes (project_id) SELECT DISTINCT project_id FROM changed_rows;
  RETURN NULL;
END
$$;

-- An update rewrites the cells only of contributions whose cell-relevant columns changed (a story
-- edit or a featured flag leaves them), taking the old cells off the totals and the new ones on.
-- Rows of a project being deleted (a cascade) are skipped: its totals go with it.
CREATE OR REPLACE FUNCTION nabolag_contributions_updated()
RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  shrank boolean;
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
    WHERE c.status = 'published'),
  delta AS (
    SELECT change.project_id, change.size_m, k.category, change.q, change.r, change.participant_id,
           sum(change.sign)::int AS n
    FROM (SELECT * FROM removed UNION ALL SELECT * FROM added) AS change
    JOIN projects p ON p.id = change.project_id
    CROSS JOIN LATERAL (VALUES (''::text), (change.category_key)) AS k(category)
    WHERE change.status = 'published'
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(change.sign) <> 0),
  pairs AS (
    INSERT INTO cell_participant_counts AS pc (project_id, size_m, category, q, r, participant_id, n)
    SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (project_id, size_m, category, q, r, participant_id) DO UPDATE SET n = pc.n + excluded.n
    RETURNING pc.project_id, pc.size_m, pc.category, pc.q, pc.r, pc.participant_id, pc.n),
  totals AS (
    INSERT INTO cell_totals AS t (project_id, size_m, category, q, r, contributions, participants)
    SELECT d.project_id, d.size_m, d.category, d.q, d.r, sum(d.n), sum((p.n > 0)::int - (p.n - d.n > 0)::int)
    FROM delta d JOIN pairs p USING (project_id, size_m, category, q, r, participant_id)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, size_m, category, q, r) DO UPDATE
      SET contributions = t.contributions + excluded.contributions,
          participants = t.participants + excluded.participants)
  SELECT EXISTS (SELECT 1 FROM delta WHERE delta.n < 0) INTO shrank;

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

  IF shrank THEN
    PERFORM nabolag_cell_counts_prune(array(SELECT DISTINCT project_id FROM new_rows));
  END IF;
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
DECLARE
  shrank boolean;
BEGIN
  WITH removed AS (
    SELECT c.project_id, size.size_m, cell.q, cell.r, c.participant_id, c.category_key
    FROM changed_rows c
    JOIN projects p ON p.id = c.project_id
    CROSS JOIN LATERAL ST_Transform(c.geometry, p.analysis_srid) AS metric(geometry)
    CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
    CROSS JOIN LATERAL nabolag_cells_at(metric.geometry, size.size_m) AS cell
    WHERE c.status = 'published'),
  delta AS (
    SELECT w.project_id, w.size_m, k.category, w.q, w.r, w.participant_id, -count(*)::int AS n
    FROM removed w CROSS JOIN LATERAL (VALUES (''::text), (w.category_key)) AS k(category)
    GROUP BY 1, 2, 3, 4, 5, 6),
  pairs AS (
    INSERT INTO cell_participant_counts AS pc (project_id, size_m, category, q, r, participant_id, n)
    SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (project_id, size_m, category, q, r, participant_id) DO UPDATE SET n = pc.n + excluded.n
    RETURNING pc.project_id, pc.size_m, pc.category, pc.q, pc.r, pc.participant_id, pc.n),
  totals AS (
    INSERT INTO cell_totals AS t (project_id, size_m, category, q, r, contributions, participants)
    SELECT d.project_id, d.size_m, d.category, d.q, d.r, sum(d.n), sum((p.n > 0)::int - (p.n - d.n > 0)::int)
    FROM delta d JOIN pairs p USING (project_id, size_m, category, q, r, participant_id)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, size_m, category, q, r) DO UPDATE
      SET contributions = t.contributions + excluded.contributions,
          participants = t.participants + excluded.participants)
  SELECT EXISTS (SELECT 1 FROM delta) INTO shrank;
  IF shrank THEN
    PERFORM nabolag_cell_counts_prune(array(SELECT DISTINCT project_id FROM changed_rows));
  END IF;
  -- A project being deleted takes its change log with it, so only surviving projects are logged.
  INSERT INTO analysis_changes (project_id)
  SELECT DISTINCT d.project_id FROM changed_rows d JOIN projects p ON p.id = d.project_id;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS contribution_cells_insert ON contributions;
CREATE TRIGGER contribution_cells_insert AFTER INSERT ON contributions
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_contributions_inserted();
DROP TRIGGER IF EXISTS contribution_cells_update ON contributions;
CREATE TRIGGER contribution_cells_update AFTER UPDATE ON contributions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_contributions_updated();
DROP TRIGGER IF EXISTS contribution_cells_delete ON contributions;
CREATE TRIGGER contribution_cells_delete AFTER DELETE ON contributions
  REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_contributions_deleted();
-- Replaced by the functions above.
DROP FUNCTION IF EXISTS nabolag_contribution_cells_write();
DROP FUNCTION IF EXISTS nabolag_contribution_cells_deleted();

-- Recounts the totals of these projects from their stored cells (the backfill below; a project
-- whose analysis CRS changed).
CREATE OR REPLACE FUNCTION nabolag_rebuild_cell_totals(project_ids uuid[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM cell_participant_counts WHERE project_id = ANY (project_ids);
  DELETE FROM cell_totals WHERE project_id = ANY (project_ids);
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

-- Cells are laid in the project's analysis CRS: when a planner changes it, every stored cell id of
-- the project is wrong, so the cells and the totals are made again.
CREATE OR REPLACE FUNCTION nabolag_projects_updated()
RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved uuid[];
BEGIN
  SELECT array_agg(n.id) INTO moved
  FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.analysis_srid <> o.analysis_srid;
  IF moved IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM contribution_cells WHERE project_id = ANY (moved);
  INSERT INTO contribution_cells
    (contribution_id, size_m, q, r, project_id, participant_id, category_key, status, session_id,
     session_group, created_at)
  SELECT c.id, size.size_m, cell.q, cell.r, c.project_id, c.participant_id, c.category_key, c.status,
         c.session_id, c.session_group, c.created_at
  FROM contributions c
  JOIN projects p ON p.id = c.project_id
  CROSS JOIN LATERAL ST_Transform(c.geometry, p.analysis_srid) AS metric(geometry)
  CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
  CROSS JOIN LATERAL nabolag_cells_at(metric.geometry, size.size_m) AS cell
  WHERE c.project_id = ANY (moved);
  PERFORM nabolag_rebuild_cell_totals(moved);
  INSERT INTO analysis_changes (project_id) SELECT unnest(moved);
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS projects_analysis_srid_update ON projects;
CREATE TRIGGER projects_analysis_srid_update AFTER UPDATE ON projects
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_projects_updated();

-- Backfill what was stored before this migration.
SELECT nabolag_rebuild_cell_totals(array(SELECT id FROM projects));

-- Planners' updates (migration 0007) are drafts until published; who changed one last.
ALTER TABLE project_updates ADD COLUMN IF NOT EXISTS published boolean NOT NULL DEFAULT false;
ALTER TABLE project_updates ADD COLUMN IF NOT EXISTS updated_by uuid REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS project_updates_published_idx ON project_updates (project_id, published_on DESC) WHERE published;

-- The quotes picked for the results page, found without scanning the project's contributions.
CREATE INDEX IF NOT EXISTS contributions_featured_idx ON contributions (project_id) WHERE featured;
