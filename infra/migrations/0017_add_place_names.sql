-- Names for the places of the results page and the report (hexagon cells of a project at one cell
-- size): the nearest address, looked up once from Kartverket's address API and kept here so the
-- results page works offline and asks Kartverket at most once per place, and a planner's own
-- name, which wins over the address. `name` NULL with source 'address' = looked up, nothing near.
CREATE TABLE IF NOT EXISTS place_names (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  size_m smallint NOT NULL,
  q integer NOT NULL,
  r integer NOT NULL,
  source text NOT NULL CHECK (source IN ('address', 'planner')),
  name text CHECK (name IS NULL OR char_length(name) BETWEEN 1 AND 200),
  -- Who named it (planner names only); kept when the user is deleted, as the audit log is.
  named_by uuid REFERENCES users (id) ON DELETE SET NULL,
  named_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, size_m, q, r, source)
);
