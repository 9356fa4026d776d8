import type { PlaceNameSource } from '@nabolag/schema';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Queryable } from '../../db/queryable.ts';

/** A labelled reference feature this close to a cell's centre names the place, metres. */
const LABEL_RADIUS_METRES = 150;
/** Lookups sent to the address service at once (it is a shared public service). */
const LOOKUP_CONCURRENCY = 4;
/** A lookup may take this many times as long as a page waits for it (it finishes in the background). */
const LOOKUP_PATIENCE = 4;

/** Where the nearest address comes from: Kartverket's `punktsok` (or a stand-in in tests). */
export interface AddressSearchOptions {
  /** The `punktsok` endpoint, e.g. `https://ws.geonorge.no/adresser/v1/punktsok`. */
  url: string;
  /**
   * How long a page waits for addresses, ms. Lookups still running afterwards finish in the
   * background and are stored for the next reader.
   */
  timeoutMs: number;
  /** After a failed lookup, how long to ask nobody (so an offline server does not wait on every page), ms. */
  retryAfterMs?: number;
}

/** A place to name: a hexagon at `size` metres (`q,r`) and its centre `[longitude, latitude]`. */
export interface PlaceToName {
  size: number;
  cell: string;
  centre: readonly [number, number];
}

export interface PlaceName {
  label: string | null;
  labelSource: PlaceNameSource | null;
}

/** Names places; one per app (it remembers when the address service last failed). */
export interface PlaceNamer {
  name(
    db: Queryable,
    projectId: string,
    places: readonly PlaceToName[],
    log?: FastifyBaseLogger,
  ): Promise<PlaceName[]>;
}

/** The part of a `punktsok` answer we read. */
const punktsokAnswerSchema = z.object({
  adresser: z.array(
    z.object({
      adressetekst: z.string().trim().min(1).max(200),
      meterDistanseTilPunkt: z.number().optional(),
    }),
  ),
});

/** `q,r` as two numbers. */
const axial = (cell: string) => cell.split(',').map(Number) as [number, number];

/**
 * The nearest address to `centre` within `radius` metres from `punktsok`: its text, or null when
 * there is none. Throws when the service does not answer in time or answers something unreadable.
 */
export async function nearestAddress(
  options: AddressSearchOptions,
  centre: readonly [number, number],
  radius: number,
): Promise<string | null> {
  const query = new URL(options.url);
  query.searchParams.set('lat', centre[1].toFixed(6));
  query.searchParams.set('lon', centre[0].toFixed(6));
  query.searchParams.set('radius', String(Math.round(radius)));
  query.searchParams.set('treffPerSide', '1');
  const response = await fetch(query, {
    // Longer than a page waits: a slow answer still names the place for the next reader.
    signal: AbortSignal.timeout(options.timeoutMs * LOOKUP_PATIENCE),
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`address search answered ${response.status}`);
  const answer = punktsokAnswerSchema.parse(await response.json());
  const nearest = [...answer.adresser].sort(
    (x, y) => (x.meterDistanseTilPunkt ?? 0) - (y.meterDistanseTilPunkt ?? 0),
  )[0];
  return nearest?.adressetekst ?? null;
}

/** Runs `work` over `items`, at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

/**
 * The label of the nearest labelled feature of the project's visible reference layers within
 * LABEL_RADIUS_METRES of each centre, or null.
 */
async function referenceLabels(
  db: Queryable,
  projectId: string,
  centres: ReadonlyArray<readonly [number, number]>,
): Promise<Array<string | null>> {
  if (centres.length === 0) return [];
  const { rows } = await db.query<{ label: string | null }>(
    `SELECT (SELECT f.label FROM reference_features f JOIN reference_layers l ON l.id = f.layer_id
             WHERE l.project_id = $1 AND l.visible AND btrim(coalesce(f.label, '')) <> ''
               AND ST_DWithin(f.geometry::geography, centre.point::geography, $4::float8)
             ORDER BY ST_Distance(f.geometry::geography, centre.point::geography), f.layer_id, f.position
             LIMIT 1) AS label
     FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS cell(x, y, n)
     CROSS JOIN LATERAL ST_SetSRID(ST_MakePoint(cell.x, cell.y), 4326) AS centre(point)
     ORDER BY cell.n`,
    [projectId, centres.map((centre) => centre[0]), centres.map((centre) => centre[1]), LABEL_RADIUS_METRES],
  );
  return rows.map((row) => row.label);
}

/** The stored names of the places: `size|q,r|source` -> name (null: looked up, no address near). */
async function storedNames(db: Queryable, projectId: string, places: readonly PlaceToName[]) {
  const { rows } = await db.query<{ key: string; name: string | null }>(
    `SELECT n.size_m || '|' || n.q || ',' || n.r || '|' || n.source AS key, n.name
     FROM place_names n
     JOIN unnest($2::int[], $3::int[], $4::int[]) AS wanted(size_m, q, r)
       ON n.size_m = wanted.size_m AND n.q = wanted.q AND n.r = wanted.r
     WHERE n.project_id = $1`,
    [
      projectId,
      places.map((place) => place.size),
      places.map((place) => axial(place.cell)[0]),
      places.map((place) => axial(place.cell)[1]),
    ],
  );
  return new Map(rows.map((row) => [row.key, row.name]));
}

/** Keeps a looked-up address (or that there is none); the first lookup stored wins. */
async function storeAddress(db: Queryable, projectId: string, place: PlaceToName, name: string | null) {
  const [q, r] = axial(place.cell);
  await db.query(
    `INSERT INTO place_names (project_id, size_m, q, r, source, name) VALUES ($1, $2, $3, $4, 'address', $5)
     ON CONFLICT (project_id, size_m, q, r, source) DO NOTHING`,
    [projectId, place.size, q, r, name],
  );
}

/**
 * Names places: a planner's name, else the nearest address (stored after the first lookup; looked
 * up when `addressSearch` is given), else the nearest labelled reference feature, else nothing
 * (the page describes the place in the reader's language). A slow or failing address service
 * never fails the page: it gets `timeoutMs`, then the page is answered with what is known.
 */
export function createPlaceNamer(addressSearch: AddressSearchOptions | undefined): PlaceNamer {
  let unavailableUntil = 0;
  /** Lookups under way, so that two readers of a fresh page do not both ask for the same place. */
  const underWay = new Map<string, Promise<void>>();

  function lookUp(db: Queryable, projectId: string, place: PlaceToName, log?: FastifyBaseLogger) {
    const key = `${projectId}|${place.size}|${place.cell}`;
    const running = underWay.get(key);
    if (running) return running;
    const options = addressSearch as AddressSearchOptions;
    const lookup = (async () => {
      if (Date.now() < unavailableUntil) return;
      try {
        const address = await nearestAddress(options, place.centre, place.size);
        await storeAddress(db, projectId, place, address);
      } catch (error) {
        unavailableUntil = Date.now() + (options.retryAfterMs ?? 60_000);
        log?.warn({ err: error }, 'address search failed; places are named without addresses for now');
      }
    })().finally(() => underWay.delete(key));
    underWay.set(key, lookup);
    return lookup;
  }

  return {
    async name(db, projectId, places, log) {
      if (places.length === 0) return [];
      let stored = await storedNames(db, projectId, places);
      const storedKey = (place: PlaceToName, source: string) => `${place.size}|${place.cell}|${source}`;
      const missing = places.filter(
        (place) => !stored.has(storedKey(place, 'planner')) && !stored.has(storedKey(place, 'address')),
      );
      if (addressSearch && missing.length > 0 && Date.now() >= unavailableUntil) {
        const all = eachLimited(missing, LOOKUP_CONCURRENCY, (place) => lookUp(db, projectId, place, log));
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, addressSearch.timeoutMs + 50);
        });
        await Promise.race([all, deadline]);
        clearTimeout(timer);
        stored = await storedNames(db, projectId, places);
      }
      const unnamed = places.filter(
        (place) => !stored.get(storedKey(place, 'planner')) && !stored.get(storedKey(place, 'address')),
      );
      const references = await referenceLabels(
        db,
        projectId,
        unnamed.map((place) => place.centre),
      );
      const referenceOf = new Map(unnamed.map((place, index) => [place, references[index] ?? null]));
      return places.map((place) => {
        const planner = stored.get(storedKey(place, 'planner'));
        if (planner) return { label: planner, labelSource: 'planner' };
        const address = stored.get(storedKey(place, 'address'));
        if (address) return { label: address, labelSource: 'address' };
        const reference = referenceOf.get(place) ?? null;
        return reference
          ? { label: reference, labelSource: 'reference' }
          : { label: null, labelSource: null };
      });
    },
  };
}

/** Sets (or, with null, removes) a planner's name for a place. */
export async function setPlannerName(
  db: Queryable,
  options: { projectId: string; size: number; cell: string; name: string | null; userId: string },
): Promise<void> {
  const [q, r] = axial(options.cell);
  if (options.name === null) {
    await db.query(
      `DELETE FROM place_names WHERE project_id = $1 AND size_m = $2 AND q = $3 AND r = $4 AND source = 'planner'`,
      [options.projectId, options.size, q, r],
    );
    return;
  }
  await db.query(
    `INSERT INTO place_names (project_id, size_m, q, r, source, name, named_by)
     VALUES ($1, $2, $3, $4, 'planner', $5, $6)
     ON CONFLICT (project_id, size_m, q, r, source)
     DO UPDATE SET name = excluded.name, named_by = excluded.named_by, named_at = now()`,
    [options.projectId, options.size, q, r, options.name, options.userId],
  );
}

/** A planner's current name for a place, if any. */
export async function plannerName(
  db: Queryable,
  options: { projectId: string; size: number; cell: string },
): Promise<string | null> {
  const [q, r] = axial(options.cell);
  const { rows } = await db.query<{ name: string }>(
    `SELECT name FROM place_names
     WHERE project_id = $1 AND size_m = $2 AND q = $3 AND r = $4 AND source = 'planner'`,
    [options.projectId, options.size, q, r],
  );
  return rows[0]?.name ?? null;
}

/** The centre of hexagon `q,r` at `size` metres in the project's analysis CRS, `[longitude, latitude]`. */
export async function cellCentre(
  db: Queryable,
  options: { size: number; cell: string; srid: number },
): Promise<[number, number]> {
  const [q, r] = axial(options.cell);
  const { rows } = await db.query<{ x: number; y: number }>(
    `SELECT ST_X(centre) AS x, ST_Y(centre) AS y
     FROM ST_Transform(ST_Centroid(nabolag_hex_polygon($1::int, $2::int, $3::float8, $4::int)), 4326) AS centre`,
    [q, r, options.size, options.srid],
  );
  const row = rows[0] as { x: number; y: number };
  return [Number(row.x), Number(row.y)];
}
