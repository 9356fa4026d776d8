-- Organisations: several municipalities on one instance, each owning its projects and staff.
--
-- Roles hold within an organisation (organisation_members.roles: admin, planner or facilitator
-- in every project of the organisation) or within one project (project_members, as before).
-- users.operator marks the instance operator, who creates and manages organisations but reads no
-- organisation's raw data unless also a member of it.
--
-- An existing single-organisation database moves into one default organisation: every project,
-- every user with the instance-wide roles they had (users.roles, kept as it was but no longer
-- read), and the audit log. Instance admins also become operators, so whoever ran the instance
-- before still can.

CREATE TABLE IF NOT EXISTS organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Brand colours, #rrggbb in lower case.
  primary_colour text CHECK (primary_colour ~ '^#[0-9a-f]{6}$'),
  accent_colour text CHECK (accent_colour ~ '^#[0-9a-f]{6}$'),
  -- Prefill for new projects.
  default_languages text[] NOT NULL DEFAULT '{nb,nn,en}' CHECK (cardinality(default_languages) > 0),
  default_language text NOT NULL DEFAULT 'nb',
  default_basemap jsonb,
  -- The logo, re-encoded by the server as a PNG (no SVG: it could carry script).
  logo bytea,
  logo_updated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS organisation_members (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- Roles across every project of the organisation; empty for someone with project roles only.
  roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['admin', 'planner', 'facilitator']),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX IF NOT EXISTS organisation_members_user_idx ON organisation_members (user_id);

ALTER TABLE users ADD COLUMN IF NOT EXISTS operator boolean NOT NULL DEFAULT false;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS organisation_id uuid REFERENCES organisations (id);
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS organisation_id uuid
  REFERENCES organisations (id) ON DELETE SET NULL;

-- The default organisation exists on every instance, a fresh one too: the operator renames it.
INSERT INTO organisations (slug, name) VALUES ('default', 'Default organisation')
ON CONFLICT (slug) DO NOTHING;

UPDATE projects SET organisation_id = (SELECT id FROM organisations WHERE slug = 'default')
WHERE organisation_id IS NULL;
ALTER TABLE projects ALTER COLUMN organisation_id SET NOT NULL;
CREATE INDEX IF NOT EXISTS projects_organisation_idx ON projects (organisation_id);

INSERT INTO organisation_members (organisation_id, user_id, roles)
SELECT o.id, u.id, u.roles FROM users u CROSS JOIN organisations o WHERE o.slug = 'default'
ON CONFLICT (organisation_id, user_id) DO NOTHING;

UPDATE users SET operator = true WHERE 'admin' = ANY (roles);

UPDATE audit_log a SET organisation_id = p.organisation_id
FROM projects p WHERE p.id = a.project_id AND a.organisation_id IS NULL;
-- Entries without a project (users, tokens, sign-ins) were all the one organisation's.
UPDATE audit_log SET organisation_id = (SELECT id FROM organisations WHERE slug = 'default')
WHERE organisation_id IS NULL;
CREATE INDEX IF NOT EXISTS audit_log_organisation_idx ON audit_log (organisation_id, at DESC);

COMMENT ON COLUMN users.roles IS
  'Instance-wide roles before organisations (0013); copied into organisation_members, no longer read.';
