// The data the README's screenshots show: places from a dozen neighbours, clustered around a few
// spots so that the k-anonymous heatmaps and results have something to show, stories in several
// languages, and a workshop session with a table. Written through the public API, as residents
// and a facilitator would.
import { randomUUID } from 'node:crypto';
import { type Project, projectSchema, sessionSchema, staffSessionSchema } from '@nabolag/schema';
import { isInsideArea, type LngLat } from '../e2e/area.ts';

/** Staff credentials the server was started with (`NABOLAG_ADMIN_EMAIL`, `…_PASSWORD`). */
export interface Credentials {
  email: string;
  password: string;
}

/** What a staff write sends: JSON, the session cookie and the CSRF token. */
export async function staffHeaders(
  baseUrl: string,
  credentials: Credentials,
): Promise<Record<string, string>> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (login.status !== 200) throw new Error(`staff sign-in answered ${login.status}`);
  const { csrfToken } = staffSessionSchema.parse(await login.json());
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };
}

/** Stories the showcase tells, by category; several languages, as in a real neighbourhood. */
const STORIES: Record<string, string[]> = {
  'meeting-places': [
    'Benken ved kirka, der vi møtes om kvelden etter jobb.',
    'Kafeen på hjørnet – her treffer jeg naboene hver lørdag.',
    'نلتقي هنا بعد المدرسة، الأطفال يلعبون ونحن نتحدث.',
  ],
  'great-value': [
    'Strandpromenaden. Havet, lyset og lufta – det beste med å bo her.',
    'Parken med de gamle trærne. Barna mine lærte å sykle her.',
  ],
  'least-liked': [
    'Undergangen er mørk og skummel om kvelden, jeg går heller en omvei.',
    'Krysset uten fotgjengerfelt – bilene kjører altfor fort.',
  ],
  'attached-to': ['Huset der bestemor bodde. Vi spiste vafler i hagen hver søndag.'],
  'show-visitors': ['Utsikten fra toppen av bakken – hit tar jeg alle som besøker meg.'],
  community: ['Dugnaden i borettslaget hver vår samler hele gata.'],
  'most-time': ['Biblioteket. Jeg gjør lekser her nesten hver dag.'],
  landmarks: ['Det gamle tollhuset med rødt tak.'],
};

/**
 * Spots (fractions of the area's bounding box) where several neighbours mark places, and the
 * category most of them choose there: enough distinct people per cell to pass k.
 */
const SPOTS: { at: [number, number]; category: string }[] = [
  { at: [0.35, 0.45], category: 'meeting-places' },
  { at: [0.6, 0.55], category: 'great-value' },
  { at: [0.5, 0.3], category: 'least-liked' },
  { at: [0.7, 0.7], category: 'attached-to' },
];

/** A participant token the client makes itself (as the outbox does). */
const participantToken = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

function boundingBox(project: Project): { west: number; east: number; south: number; north: number } {
  const positions = (
    project.area.type === 'Polygon' ? project.area.coordinates : project.area.coordinates.flat()
  ).flat();
  const longitudes = positions.map((position) => position[0]);
  const latitudes = positions.map((position) => position[1]);
  return {
    west: Math.min(...longitudes),
    east: Math.max(...longitudes),
    south: Math.min(...latitudes),
    north: Math.max(...latitudes),
  };
}

/** A point near `spot` (within ~60 m), inside the area. Deterministic in `index`. */
function pointNear(project: Project, spot: [number, number], index: number): LngLat {
  const box = boundingBox(project);
  for (let attempt = 0; attempt < 50; attempt++) {
    const angle = (index * 2.399 + attempt) % (2 * Math.PI); // golden angle: spread, not random
    const radius = 0.0004 * (((index * 7 + attempt) % 10) / 10);
    const point: LngLat = [
      box.west + spot[0] * (box.east - box.west) + radius * Math.cos(angle) * 2,
      box.south + spot[1] * (box.north - box.south) + radius * Math.sin(angle),
    ];
    if (isInsideArea(point, project.area)) return point;
  }
  throw new Error(`no point near ${spot.join(',')} is inside the area of ${project.slug}`);
}

export interface Showcase {
  project: Project;
  /** A workshop session's join code. */
  sessionCode: string;
  /** The token of one neighbour, for "My places". */
  residentToken: string;
  contributions: number;
}

/**
 * Fills `slug` (which must exist) with the showcase's places and a workshop session.
 * @param neighbours how many participants (each with a few places); ≥ the project's k so that
 *   the public heatmap and results show cells.
 */
export async function seedShowcase(
  baseUrl: string,
  slug: string,
  credentials: Credentials,
  neighbours = 12,
): Promise<Showcase> {
  const project = projectSchema.parse(await (await fetch(`${baseUrl}/api/projects/${slug}`)).json());
  const staff = await staffHeaders(baseUrl, credentials);
  const created = await fetch(`${baseUrl}/api/projects/${slug}/sessions`, {
    method: 'POST',
    headers: staff,
    body: JSON.stringify({ title: 'Verksted på Torstrand skole', groups: ['Bord 1', 'Bord 2', 'Bord 3'] }),
  });
  if (created.status !== 201)
    throw new Error(`creating a session answered ${created.status}: ${await created.text()}`);
  const session = sessionSchema.parse(await created.json());

  const categories = Object.keys(STORIES).filter((key) => project.categories.some((c) => c.key === key));
  const tokens = Array.from({ length: neighbours }, participantToken);
  let contributions = 0;
  for (const [person, token] of tokens.entries()) {
    // Most neighbours mark each spot in its category; every fifth one picks another category.
    for (const [spotIndex, spot] of SPOTS.entries()) {
      if ((person + spotIndex) % 4 === 3) continue;
      const category =
        person % 5 === 4 ? (categories[(person + spotIndex) % categories.length] as string) : spot.category;
      const stories = STORIES[category] ?? [''];
      const body: Record<string, unknown> = {
        id: randomUUID(),
        category,
        geometry: { type: 'Point', coordinates: pointNear(project, spot.at, person * 4 + spotIndex) },
        story: stories[person % stories.length],
      };
      if (person % 3 === 0) {
        body.session = session.code;
        body.sessionGroup = session.groups[person % session.groups.length];
      }
      const response = await fetch(`${baseUrl}/api/projects/${slug}/contributions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) {
        throw new Error(`a showcase place was refused (${response.status}): ${await response.text()}`);
      }
      contributions += 1;
    }
  }
  return { project, sessionCode: session.code, residentToken: tokens[0] as string, contributions };
}
