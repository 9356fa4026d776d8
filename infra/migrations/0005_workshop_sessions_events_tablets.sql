-- Workshops: sessions get groups (tables) and a creator; contributions remember the group and
-- the tablet; every public-safe event of a session is logged with an increasing id, which is
-- the server-sent events' id (a client resumes with Last-Event-ID); tablets report in.
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS groups text[] NOT NULL DEFAULT '{}';
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS created_by uuid REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE contributions ADD COLUMN IF NOT EXISTS session_group text CHECK (char_length(session_group) <= 60);
ALTER TABLE contributions ADD COLUMN IF NOT EXISTS tablet text CHECK (char_length(tablet) <= 60);
-- Entered by a facilitator from a paper map, on behalf of a participant.
ALTER TABLE contributions ADD COLUMN IF NOT EXISTS entered_by uuid REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE IF NOT EXISTS session_events (
  id bigserial PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  type text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS session_events_session_idx ON session_events (session_id, id);

CREATE TABLE IF NOT EXISTS session_tablets (
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  tablet text NOT NULL CHECK (char_length(tablet) BETWEEN 1 AND 60),
  session_group text,
  pending integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, tablet)
);
