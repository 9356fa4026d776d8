import type { ContributionGeometry, PublicContributionFeature } from '@nabolag/schema';
import type { Queryable } from '../../db/queryable.ts';
import { PHOTO_VERSION } from '../photos/photos.repository.ts';

export interface StoredContribution {
  id: string;
  projectId: string;
  participantId: string;
  category: string;
  story: string | null;
  status: 'published' | 'pending' | 'hidden';
}

/** What PostGIS says of a geometry before it is stored. */
export interface GeometryVerdict {
  valid: boolean;
  /** ST_IsValidReason, e.g. "Self-intersection[10.01 59.05]". */
  reason: string;
  /** Whether it lies within the project area plus its margin. */
  nearArea: boolean;
}

/**
 * Asks PostGIS whether `geometry` is valid and lies within `marginMetres` of the project's area
 * (distance on the spheroid, so the margin means metres anywhere).
 */
export async function checkGeometry(
  db: Queryable,
  projectId: string,
  geometry: ContributionGeometry,
  marginMetres: number,
): Promise<GeometryVerdict> {
  const { rows } = await db.query<GeometryVerdict>(
    `WITH g AS (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($2::text), 4326)) AS geometry)
     SELECT ST_IsValid(g.geometry) AS valid,
            ST_IsValidReason(g.geometry) AS reason,
            ST_IsValid(g.geometry) AND ST_DWithin(p.area::geography, g.geometry::geography, $3) AS "nearArea"
     FROM projects p, g WHERE p.id = $1`,
    [projectId, JSON.stringify(geometry), marginMetres],
  );
  return rows[0] as GeometryVerdict;
}

/** Finds a contribution by id, and whether `geometry`, `category` and `story` equal what is stored. */
export async function findContribution(
  db: Queryable,
  id: string,
  compareWith?: { category: string; geometry: ContributionGeometry; story: string | null },
): Promise<(StoredContribution & { sameContent: boolean }) | undefined> {
  const { rows } = await db.query<StoredContribution & { sameContent: boolean }>(
    `SELECT id, project_id AS "projectId", participant_id AS "participantId", category_key AS category,
            story, status,
            COALESCE(category_key = $2 AND story IS NOT DISTINCT FROM $3
              AND ST_OrderingEquals(geometry, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326))), false)
              AS "sameContent"
     FROM contributions WHERE id = $1`,
    [
      id,
      compareWith?.category ?? null,
      compareWith?.story ?? null,
      compareWith ? JSON.stringify(compareWith.geometry) : null,
    ],
  );
  return rows[0];
}

export async function updateContribution(
  db: Queryable,
  id: string,
  changes: { category?: string; geometry?: ContributionGeometry; story?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE contributions SET
       category_key = COALESCE($2, category_key),
       geometry = COALESCE(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4326)), geometry),
       story = CASE WHEN $4::boolean THEN $5 ELSE story END,
       -- A changed story is not the quote staff picked for the results page.
       featured = featured AND NOT ($4::boolean AND $5 IS DISTINCT FROM story),
       updated_at = now()
     WHERE id = $1`,
    [
      id,
      changes.category ?? null,
      changes.geometry ? JSON.stringify(changes.geometry) : null,
      changes.story !== undefined,
      changes.story ?? null,
    ],
  );
}

export async function deleteContribution(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM contributions WHERE id = $1', [id]);
}

/**
 * Published contributions of a project as GeoJSON features: no participant, no profile, the day
 * of creation only. Coordinates are rounded to 7 decimals (about 1 cm).
 */
export async function listPublicContributions(
  db: Queryable,
  projectId: string,
  filter: { bbox?: [number, number, number, number]; categories?: string[]; limit: number },
): Promise<{ features: PublicContributionFeature[]; truncated: boolean }> {
  const { rows } = await db.query<{
    id: string;
    category: string;
    story: string | null;
    created: string;
    geometry: PublicContributionFeature['geometry'];
    photoVersion: string | null;
  }>(
    `SELECT c.id, c.category_key AS category, c.story,
            to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created,
            ST_AsGeoJSON(c.geometry, 7)::json AS geometry,
            (SELECT ${PHOTO_VERSION} FROM photos ph WHERE ph.contribution_id = c.id) AS "photoVersion"
     FROM contributions c
     WHERE c.project_id = $1 AND c.status = 'published'
       AND ($2::float8[] IS NULL OR c.geometry && ST_MakeEnvelope($2[1], $2[2], $2[3], $2[4], 4326))
       AND ($3::text[] IS NULL OR c.category_key = ANY($3))
     ORDER BY c.created_at, c.id
     LIMIT $4`,
    [projectId, filter.bbox ?? null, filter.categories ?? null, filter.limit + 1],
  );
  const truncated = rows.length > filter.limit;
  return {
    truncated,
    features: rows.slice(0, filter.limit).map((row) => ({
      type: 'Feature',
      id: row.id,
      geometry: row.geometry,
      properties: {
        id: row.id,
        category: row.category,
        story: row.story,
        created: row.created,
        photo: row.photoVersion ? `/api/contributions/${row.id}/photo?v=${row.photoVersion}` : null,
      },
    })),
  };
}
