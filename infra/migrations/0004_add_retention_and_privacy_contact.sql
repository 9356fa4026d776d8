-- Data protection per project: how long background answers are kept after the project closes,
-- who to contact about one's data, and when the answers were purged.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS retention_days integer NOT NULL DEFAULT 365
  CHECK (retention_days BETWEEN 0 AND 3650);
ALTER TABLE projects ADD COLUMN IF NOT EXISTS privacy_contact text NOT NULL DEFAULT ''
  CHECK (char_length(privacy_contact) <= 500);
ALTER TABLE projects ADD COLUMN IF NOT EXISTS personal_data_purged_at timestamptz;
