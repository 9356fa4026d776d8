-- Which of the optional background questions a project asks, and an icon (an emoji) per category.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS background_questions text[] NOT NULL
  DEFAULT '{ageBand,relation,yearsInArea}'
  CHECK (background_questions <@ ARRAY['ageBand', 'relation', 'yearsInArea']);
ALTER TABLE categories ADD COLUMN IF NOT EXISTS icon text CHECK (char_length(icon) <= 16);
