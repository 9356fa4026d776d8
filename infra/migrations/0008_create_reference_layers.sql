-- Reference layers: files a planner uploads for a project (planned building sites, school
-- routes…) and shows on the resident and staff maps beside the contributions. Features are stored
-- reprojected to EPSG:4326; each keeps a label (from its name-like attribute) and its scalar
-- attributes.
CREATE TABLE IF NOT EXISTS reference_layers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  names jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object'),
  colour text NOT NULL CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  visible boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0,
  source_format text NOT NULL CHECK (source_format IN ('geojson', 'gpkg', 'kml')),
  source_name text CHECK (char_length(source_name) <= 255),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS reference_layers_project_idx ON reference_layers (project_id, position);

CREATE TABLE IF NOT EXISTS reference_features (
  layer_id uuid NOT NULL REFERENCES reference_layers (id) ON DELETE CASCADE,
  position integer NOT NULL,
  geometry geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geometry)),
  label text CHECK (char_length(label) <= 500),
  properties jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(properties) = 'object'),
  PRIMARY KEY (layer_id, position)
);
CREATE INDEX IF NOT EXISTS reference_features_geometry_idx ON reference_features USING gist (geometry);
