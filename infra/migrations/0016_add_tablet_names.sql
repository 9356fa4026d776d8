-- Workshop tablets get human names. A facilitator may name a tablet ("Vindusbordet"); without a
-- name the console calls it by its table and its place in the order tablets joined that table
-- ("Bord 2 · Nettbrett B"), which needs the time a tablet first reported in (last_seen_at moves).
ALTER TABLE session_tablets ADD COLUMN IF NOT EXISTS name text
  CHECK (char_length(name) BETWEEN 1 AND 40);
ALTER TABLE session_tablets ADD COLUMN IF NOT EXISTS joined_at timestamptz NOT NULL DEFAULT now();
