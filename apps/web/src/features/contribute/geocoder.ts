import type { GeocoderConfig } from '../../app/web-config.ts';
import type { LngLat } from '../../lib/lng-lat.ts';

/** An address found by a search: what to show, and where it is (`[longitude, latitude]`). */
export interface GeocoderHit {
  id: string;
  label: string;
  position: LngLat;
}

/**
 * A search's outcome. `unreachable`: no answer (offline, blocked, timed out), so the person is
 * offered the project's own list of places instead; `unexpected`: an answer that could not be read.
 */
export type GeocodeOutcome =
  | { ok: true; hits: GeocoderHit[] }
  | { ok: false; reason: 'unreachable' | 'unexpected' };

/** Finds addresses from free text. Implementations resolve, never reject (except when aborted). */
export interface Geocoder {
  search(text: string, signal: AbortSignal): Promise<GeocodeOutcome>;
}

/** Hits asked of the search at once. */
export const HITS_PER_SEARCH = 8;
/** How long to wait for an answer, in ms. */
const TIMEOUT_MS = 8000;

let answerSchema: Promise<typeof import('./kartverket-answer.ts').kartverketAnswerSchema> | undefined;
/** Loaded with the first search, not with the resident map (see kartverket-answer.ts). */
const kartverketAnswerSchema = () =>
  (answerSchema ??= import('./kartverket-answer.ts').then(
    (module) => module.kartverketAnswerSchema,
    (error: unknown) => {
      answerSchema = undefined; // try again with the next search
      throw error;
    },
  ));

/** Kartverket writes place names in capitals (LARVIK); read them as names (Larvik). */
const asName = (text: string) =>
  text
    .toLocaleLowerCase('nb')
    .replace(/(^|[\s-])(\p{L})/gu, (_, before, letter) => before + letter.toLocaleUpperCase('nb'));

/**
 * Kartverket's open address search. Coordinates are asked for in EPSG:4258 (ETRS89 degrees,
 * within a metre of WGS 84 in Norway).
 */
export function kartverketGeocoder(url: string, fetchFunction: typeof fetch = fetch): Geocoder {
  return {
    async search(text, signal) {
      const query = new URL(url);
      query.searchParams.set('sok', text);
      query.searchParams.set('treffPerSide', String(HITS_PER_SEARCH));
      query.searchParams.set('utkoordsys', '4258');
      // One controller for the caller's signal and the timeout (AbortSignal.any is too new for
      // some workshop tablets).
      const controller = new AbortController();
      const abort = () => controller.abort();
      const timer = setTimeout(abort, TIMEOUT_MS);
      signal.addEventListener('abort', abort, { once: true });
      try {
        const response = await fetchFunction(query, { signal: controller.signal });
        if (!response.ok) return { ok: false, reason: 'unreachable' };
        const answer = (await kartverketAnswerSchema()).safeParse(await response.json());
        if (!answer.success) return { ok: false, reason: 'unexpected' };
        return {
          ok: true,
          hits: answer.data.adresser.map((address, index) => {
            const place = [address.postnummer, address.poststed && asName(address.poststed)]
              .filter(Boolean)
              .join(' ');
            return {
              id: `${index}:${address.adressetekst}`,
              label: place ? `${address.adressetekst}, ${place}` : address.adressetekst,
              position: [address.representasjonspunkt.lon, address.representasjonspunkt.lat],
            };
          }),
        };
      } catch (error) {
        if (signal.aborted) throw error;
        return { ok: false, reason: 'unreachable' };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
      }
    },
  };
}

/** The geocoder the web app's settings name, or `null` when address search is off. */
export function geocoderFor(config: GeocoderConfig): Geocoder | null {
  return config.kind === 'kartverket' ? kartverketGeocoder(config.url) : null;
}

/** Whether a hit lies within `[west, south, east, north]` widened by `marginDegrees`. */
export function isNear(
  position: LngLat,
  [west, south, east, north]: readonly [number, number, number, number],
  marginDegrees: number,
): boolean {
  const [lng, lat] = position;
  return (
    lng >= west - marginDegrees &&
    lng <= east + marginDegrees &&
    lat >= south - marginDegrees &&
    lat <= north + marginDegrees
  );
}
