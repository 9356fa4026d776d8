-- The place analysis: hex cell ids of every contribution at the cell sizes the analysis offers,
-- written when a contribution is stored or changed, so that a heatmap is a GROUP BY over
-- integers instead of a join against a freshly made grid. A per-project change log tells every
-- API process when its cached aggregates are stale. Planners' updates ("what happens next") for
-- the public results page.

-- Axial coordinates (q, r) of the flat-topped hexagon with edges of `size` metres that holds the
-- point (x, y) given in a metric CRS. The grid is the one ST_HexagonGrid lays (anchored at the
-- CRS origin; column i = q, row j = r + floor(q / 2)), so cells agree with PostGIS's own.
-- Cube rounding: https://www.redblobgames.com/grids/hexagons/#rounding
CREATE OR REPLACE FUNCTION nabolag_hex_of(x float8, y float8, size float8, OUT q integer, OUT r integer)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  fq float8 := (2.0 / 3.0 * x) / size;
  fr float8 := (-1.0 / 3.0 * x + sqrt(3.0) / 3.0 * y) / size;
  fs float8 := -fq - fr;
  rq float8 := round(fq);
  rr float8 := round(fr);
  rs float8 := round(fs);
BEGIN
  IF abs(rq - fq) > abs(rr - fr) AND abs(rq - fq) > abs(rs - fs) THEN
    rq := -rr - rs;
  ELSIF abs(rr - fr) > abs(rs - fs) THEN
    rr := -rq - rs;
  END IF;
  q := rq::integer;
  r := rr::integer;
END
$$;

-- The hexagon (q, r) of edge `size` metres as a polygon in `srid`, corners in ST_HexagonGrid's order.
CREATE OR REPLACE FUNCTION nabolag_hex_polygon(q integer, r integer, size float8, srid integer)
RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[
    ST_MakePoint(cx - size, cy), ST_MakePoint(cx - size / 2, cy - h / 2),
    ST_MakePoint(cx + size / 2, cy - h / 2), ST_MakePoint(cx + size, cy),
    ST_MakePoint(cx + size / 2, cy + h / 2), ST_MakePoint(cx - size / 2, cy + h / 2),
    ST_MakePoint(cx - size, cy)])), srid)
  FROM (SELECT 1.5 * size * q AS cx, sqrt(3.0) * size * (r + q / 2.0) AS cy, sqrt(3.0) * size AS h) AS centre
$$;

-- Every hexagon of edge `size` metres that a geometry (in a metric CRS) touches: one for a point,
-- all the cells a line or an area crosses (as ST_Intersects with ST_HexagonGrid would find).
-- plpgsql, not SQL: a set-returning SQL function that cannot be inlined is planned on every call.
CREATE OR REPLACE FUNCTION nabolag_hex_cells(g geometry, size float8)
RETURNS TABLE (q integer, r integer)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  cell record;
  column_q integer;
  row_r integer;
BEGIN
  IF GeometryType(g) = 'POINT' THEN
    cell := nabolag_hex_of(ST_X(g), ST_Y(g), size);
    q := cell.q;
    r := cell.r;
    RETURN NEXT;
    RETURN;
  END IF;
  -- Every hexagon whose centre lies within one cell of the bounding box is a candidate.
  FOR column_q IN floor(ST_XMin(g) / (1.5 * size))::integer - 1 .. ceil(ST_XMax(g) / (1.5 * size))::integer + 1 LOOP
    FOR row_r IN floor(ST_YMin(g) / (sqrt(3.0) * size) - column_q / 2.0)::integer - 1
              .. ceil(ST_YMax(g) / (sqrt(3.0) * size) - column_q / 2.0)::integer + 1 LOOP
      IF ST_Intersects(nabolag_hex_polygon(column_q, row_r, size, ST_SRID(g)), g) THEN
        q := column_q;
        r := row_r;
        RETURN NEXT;
      END IF;
    END LOOP;
  END LOOP;
END
$$;

-- The cell sizes (hexagon edge, metres) that have stored cell ids; others are computed per request.
CREATE OR REPLACE FUNCTION nabolag_analysis_cell_sizes()
RETURNS smallint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT '{50,100,200,250,500}'::smallint[] $$;

-- nabolag_hex_cells with a fast path for points (nearly every contribution), written so the planner
-- inlines it: no function call per row and cell size for a point.
CREATE OR REPLACE FUNCTION nabolag_cells_at(g geometry, size float8)
RETURNS TABLE (q integer, r integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (nabolag_hex_of(ST_X(g), ST_Y(g), size)).* WHERE GeometryType(g) = 'POINT'
  UNION ALL
  SELECT cell.q, cell.r FROM nabolag_hex_cells(g, size) AS cell WHERE GeometryType(g) <> 'POINT'
$$;

-- One row per contribution, cell size and cell it touches, with what the filters need copied
-- from the contribution so that aggregation reads this narrow table only.
CREATE TABLE IF NOT EXISTS contribution_cells (
  contribution_id uuid NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  size_m smallint NOT NULL,
  q integer NOT NULL,
  r integer NOT NULL,
  project_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  category_key text NOT NULL,
  status text NOT NULL,
  session_id uuid,
  session_group text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (contribution_id, size_m, q, r)
);
-- Heatmaps scan this index only (q then r: a viewport is a range of q).
CREATE INDEX IF NOT EXISTS contribution_cells_grid_idx
  ON contribution_cells (project_id, size_m, q, r, participant_id) INCLUDE (category_key, status);

-- Which writes each project has seen: the newest id is the version its cached aggregates are
-- keyed on. Append-only, so concurrent writers never wait on one another; maintenance keeps
-- only the newest row per project.
CREATE TABLE IF NOT EXISTS analysis_changes (
  id bigserial PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS analysis_changes_project_idx ON analysis_changes (project_id, id DESC);

-- Writes the cells of the contributions in `contribution_cells_new` (a transition table).
CREATE OR REPLACE FUNCTION nabolag_contribution_cells_write()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM contribution_cells cc USING changed_rows c WHERE cc.contribution_id = c.id;
  END IF;
  INSERT INTO contribution_cells
    (contribution_id, size_m, q, r, project_id, participant_id, category_key, status, session_id,
     session_group, created_at)
  SELECT c.id, size.size_m, cell.q, cell.r, c.project_id, c.participant_id, c.category_key, c.status,
         c.session_id, c.session_group, c.created_at
  FROM changed_rows c
  JOIN projects p ON p.id = c.project_id
  CROSS JOIN LATERAL ST_Transform(c.geometry, p.analysis_srid) AS metric(geometry)
  CROSS JOIN unnest(nabolag_analysis_cell_sizes()) AS size(size_m)
  CROSS JOIN LATERAL nabolag_cells_at(metric.geometry, size.size_m) AS cell;
  INSERT INTO analysis_changes (project_id) SELECT DISTINCT project_id FROM changed_rows;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION nabolag_contribution_cells_deleted()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The cells go with the contribution (ON DELETE CASCADE); only the version moves. A project
  -- being deleted takes its change log with it, so only surviving projects are logged.
  INSERT INTO analysis_changes (project_id)
  SELECT DISTINCT d.project_id FROM changed_rows d JOIN projects p ON p.id = d.project_id;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS contribution_cells_insert ON contributions;
CREATE TRIGGER contribution_cells_insert AFTER INSERT ON contributions
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_contribution_cells_write();
DROP TRIGGER IF EXISTS contribution_cells_update ON contributions;
CREATE TRIGGER contribution_cells_update AFTER UPDATE ON contributions
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_contribution_cells_write();
DROP TRIGGER IF EXISTS contribution_cells_delete ON contributions;
CREATE TRIGGER contribution_cells_delete AFTER DELETE ON contributions
  REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_contribution_cells_deleted();

-- A participant's background answers filter staff analyses: a change makes them stale.
CREATE OR REPLACE FUNCTION nabolag_participants_changed()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analysis_changes (project_id)
  SELECT DISTINCT n.project_id FROM changed_rows n JOIN projects p ON p.id = n.project_id;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS participants_analysis_update ON participants;
CREATE TRIGGER participants_analysis_update AFTER UPDATE ON participants
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION nabolag_participants_changed();

-- Backfill what was stored before this migration.
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
ON CONFLICT DO NOTHING;

-- What the planners tell residents happens next, dated, in the project's languages.
CREATE TABLE IF NOT EXISTS project_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  published_on date NOT NULL,
  title jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object'),
  body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS project_updates_project_idx ON project_updates (project_id, published_on DESC);

-- Quotes planners pick for the public results page (published stories only).
ALTER TABLE contributions ADD COLUMN IF NOT EXISTS featured boolean NOT NULL DEFAULT false;
