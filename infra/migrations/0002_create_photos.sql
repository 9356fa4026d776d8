-- One photo per contribution, re-encoded by the server (EXIF and GPS removed) before it is
-- stored. Kept in the database so that backups and several API processes need nothing else.
CREATE TABLE IF NOT EXISTS photos (
  contribution_id uuid PRIMARY KEY REFERENCES contributions (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg')),
  bytes bytea NOT NULL,
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
