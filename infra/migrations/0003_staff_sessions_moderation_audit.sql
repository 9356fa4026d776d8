-- Staff sign-in, API tokens for GIS clients, per-project roles, moderation, the audit log and
-- rate-limit counters. Sessions and counters live here, not in process memory, so several API
-- processes behind a proxy share them.

-- A role a user holds in one project only (users.roles holds the instance-wide ones).
CREATE TABLE IF NOT EXISTS project_members (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'planner', 'facilitator')),
  PRIMARY KEY (project_id, user_id, role)
);

ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled boolean NOT NULL DEFAULT false;

-- A signed-in browser. Only the SHA-256 of the cookie's secret is kept.
CREATE TABLE IF NOT EXISTS staff_sessions (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_user_idx ON staff_sessions (user_id);

-- Long-lived tokens for GIS clients (QGIS: HTTP Basic with the e-mail and the token, or Bearer).
CREATE TABLE IF NOT EXISTS api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Moderation: why a contribution is hidden, and flags raised automatically or by residents.
ALTER TABLE contributions ADD COLUMN IF NOT EXISTS moderation_reason text;
CREATE TABLE IF NOT EXISTS contribution_flags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contribution_id uuid NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('automatic', 'report')),
  reason text NOT NULL CHECK (char_length(reason) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX IF NOT EXISTS contribution_flags_open_idx ON contribution_flags (contribution_id) WHERE resolved_at IS NULL;

-- Every staff action: who, what, on what, when.
CREATE TABLE IF NOT EXISTS audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  project_id uuid REFERENCES projects (id) ON DELETE SET NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at DESC);

-- Fixed-window request counters (see apps/api/src/http/rate-limit.ts).
CREATE TABLE IF NOT EXISTS rate_limits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
