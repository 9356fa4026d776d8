-- Follow-up questions per category ("How often are you here?") and the answers to them.
--
-- Questions are versioned: each project save that changes a category's questions adds a version,
-- and answers record the version they reply to, so old answers stay readable (labels, options)
-- when the questions change later. A question set is a JSON array checked by the API against
-- packages/schema (followUpQuestionListSchema) before it is stored.
CREATE TABLE IF NOT EXISTS follow_up_question_sets (
  project_id uuid NOT NULL,
  category_key text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  questions jsonb NOT NULL CHECK (jsonb_typeof(questions) = 'array'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, category_key, version),
  FOREIGN KEY (project_id, category_key) REFERENCES categories (project_id, key)
    ON DELETE CASCADE ON UPDATE CASCADE
);

-- One row per contribution that has answers: a document of answers keyed by question key
-- (`{"how_often": "daily", "who": ["friends"], "safe": 4}`), validated as a whole against its
-- version's questions (conditions span questions). jsonb containment with the GIN index keeps
-- analysis filters one lookup (`answers @> '{"how_often": "daily"}'`); exports turn the document
-- into typed columns with followUpColumns/followUpRowValues (packages/schema).
CREATE TABLE IF NOT EXISTS contribution_answers (
  contribution_id uuid PRIMARY KEY REFERENCES contributions (id) ON DELETE CASCADE,
  project_id uuid NOT NULL,
  category_key text NOT NULL,
  version integer NOT NULL,
  answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (project_id, category_key, version)
    REFERENCES follow_up_question_sets (project_id, category_key, version) ON UPDATE CASCADE
);

CREATE INDEX IF NOT EXISTS contribution_answers_project_idx ON contribution_answers (project_id, category_key);
CREATE INDEX IF NOT EXISTS contribution_answers_answers_idx ON contribution_answers USING gin (answers jsonb_path_ops);
