-- The whole-project export (GET /api/projects/:slug/export) reads a project's contributions in
-- batches of 1,000 by keyset: WHERE project_id = $1 AND (created_at, id) > ($2, $3)
-- ORDER BY created_at, id LIMIT 1000. This index lets each batch start where the last one ended
-- instead of sorting the project's contributions again for every batch.
CREATE INDEX IF NOT EXISTS contributions_project_created_id_idx
  ON contributions (project_id, created_at, id);
