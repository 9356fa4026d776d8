-- Projects, their categories, participants, workshop sessions and contributions.
-- Geometries are stored in EPSG:4326 (longitude, latitude); metric analysis transforms to the
-- project's analysis CRS (EPSG:25832 by default).

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE IF NOT EXISTS projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  title jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object'),
  description jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(description) = 'object'),
  area geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(area)),
  -- How far outside the area a contribution may lie, in metres (people name the school or the
  -- shop just outside the boundary).
  area_margin_m integer NOT NULL DEFAULT 1000 CHECK (area_margin_m BETWEEN 0 AND 100000),
  analysis_srid integer NOT NULL DEFAULT 25832,
  languages text[] NOT NULL DEFAULT '{nb,nn,en}' CHECK (cardinality(languages) > 0),
  default_language text NOT NULL DEFAULT 'nb',
  basemap jsonb,
  moderation text NOT NULL DEFAULT 'after' CHECK (moderation IN ('before', 'after')),
  -- Fewest distinct participants a public aggregate may show; 5 is the floor.
  k_anonymity integer NOT NULL DEFAULT 5 CHECK (k_anonymity >= 5),
  opens_at timestamptz,
  closes_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS categories (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position integer NOT NULL,
  labels jsonb NOT NULL CHECK (jsonb_typeof(labels) = 'object'),
  prompts jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(prompts) = 'object'),
  geometry_types text[] NOT NULL
    CHECK (cardinality(geometry_types) > 0 AND geometry_types <@ ARRAY['Point', 'LineString', 'Polygon']),
  colour text NOT NULL CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  PRIMARY KEY (project_id, key)
);

-- A participant is a secret token held by the browser; only its SHA-256 is kept.
CREATE TABLE IF NOT EXISTS participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  token_hash bytea NOT NULL,
  age_band text,
  relation text[],
  years_in_area integer CHECK (years_in_area BETWEEN 0 AND 120),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, token_hash)
);

CREATE TABLE IF NOT EXISTS sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{4,12}$'),
  title text NOT NULL,
  place text,
  held_on date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS contributions (
  id uuid PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  category_key text NOT NULL,
  geometry geometry(Geometry, 4326) NOT NULL
    CHECK (ST_IsValid(geometry) AND GeometryType(geometry) IN ('POINT', 'LINESTRING', 'POLYGON')),
  story text CHECK (char_length(story) <= 4000),
  session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
  -- published: public; pending: waits for a moderator; hidden: removed by a moderator.
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'pending', 'hidden')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (project_id, category_key) REFERENCES categories (project_id, key) ON UPDATE CASCADE
);

CREATE INDEX IF NOT EXISTS contributions_geometry_idx ON contributions USING gist (geometry);
CREATE INDEX IF NOT EXISTS contributions_project_status_idx ON contributions (project_id, status, category_key);
CREATE INDEX IF NOT EXISTS contributions_participant_idx ON contributions (participant_id);

-- Staff accounts (roles admin, planner, facilitator). Passwords are scrypt hashes.
CREATE TABLE IF NOT EXISTS users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  password_hash text NOT NULL,
  name text NOT NULL DEFAULT '',
  roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['admin', 'planner', 'facilitator']),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users (lower(email));

-- Which one-off seeds have run (the demo project is seeded once, on an empty database).
CREATE TABLE IF NOT EXISTS seed_runs (
  name text PRIMARY KEY,
  ran_at timestamptz NOT NULL DEFAULT now()
);
