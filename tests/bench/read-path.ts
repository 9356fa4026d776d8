// The read path: what a map, a planner's GIS and the web app ask for most. Each GET runs under
// load (autocannon, a fixed number of connections) and reports requests per second and latency.
import type { Project } from '@nabolag/schema';
import autocannon from 'autocannon';
import type { Recorder } from './table.ts';

/** The XYZ tile (Web Mercator) that holds a point at zoom `z`. */
export function tileOf(longitude: number, latitude: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((longitude + 180) / 360) * n);
  const radians = (latitude * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * n);
  return { x, y };
}

interface ReadCase {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

async function load(
  record: Recorder,
  baseUrl: string,
  readCase: ReadCase,
  options: { seconds: number; connections: number },
) {
  // One request first: a route that fails is reported as such, not as a fast stream of errors.
  const probe = await fetch(`${baseUrl}${readCase.path}`, { headers: readCase.headers ?? {} });
  if (probe.status !== 200) {
    record(`${readCase.name}`, `not measured: ${probe.status} ${(await probe.text()).slice(0, 80)}`);
    return;
  }
  const result = await autocannon({
    url: `${baseUrl}${readCase.path}`,
    connections: options.connections,
    duration: options.seconds,
    headers: readCase.headers ?? {},
  });
  record(
    `${readCase.name}: req/s, p50 / p99 (ms)`,
    `${(result['2xx'] / options.seconds).toFixed(0)}, ${result.latency.p50} / ${result.latency.p99}` +
      (result.non2xx > 0 ? ` (${result.non2xx} non-2xx)` : ''),
  );
}

/**
 * The public list by bbox (the resident map), OGC API items (QGIS: the public hexagon aggregate
 * and a planner's raw layer), and vector tiles of contributions and of the heatmap at the zoom a
 * neighbourhood map shows (z 15) — tiles only when the server has the route.
 */
export async function readPath(
  record: Recorder,
  baseUrl: string,
  project: Project,
  staffCookie: string,
  options: { seconds: number; connections: number },
): Promise<void> {
  const [west, south, east, north] = project.bounds;
  const bbox = [west, south, (west + east) / 2, (south + north) / 2].join(',');
  const centre = tileOf((west + east) / 2, (south + north) / 2, 15);
  const cases: ReadCase[] = [
    {
      name: 'GET list by bbox (≤1000)',
      path: `/api/projects/torstrand/contributions?bbox=${bbox}&limit=1000`,
    },
    { name: 'OGC items, public hexagons (100)', path: '/ogc/collections/torstrand.heatmap/items?limit=100' },
    {
      name: 'OGC items, planner layer (100)',
      path: `/ogc/collections/torstrand.meeting-places/items?limit=100&bbox=${bbox}`,
      headers: { cookie: staffCookie },
    },
    { name: 'tile z15 contributions', path: `/tiles/torstrand/contributions/15/${centre.x}/${centre.y}.mvt` },
    { name: 'tile z15 heatmap', path: `/tiles/torstrand/heatmap/15/${centre.x}/${centre.y}.mvt` },
  ];
  for (const readCase of cases) await load(record, baseUrl, readCase, options);
}
