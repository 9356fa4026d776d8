-- A project's own order of languages to show its texts in when the reader's language lacks one
-- (issue #16: a Somali reader of a project written in bokmål and English gets English first).
-- NULL: the default order, English then the project's default language, so a project whose
-- default language changes follows it without an edit here.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS text_fallback text[]
  CHECK (text_fallback IS NULL OR cardinality(text_fallback) BETWEEN 1 AND 20);
