/** Kartverket's open address search (no key): `?sok=<text>` finds addresses across Norway. */
export const KARTVERKET_ADDRESS_SEARCH = 'https://ws.geonorge.no/adresser/v1/sok';

/**
 * The web app's build-time settings (Vite's `VITE_*` variables, read once here):
 * - `VITE_GEOCODER`: `kartverket` (default) or `none` (no address search; residents choose from
 *   the project's named places instead).
 * - `VITE_GEOCODER_URL`: the address search endpoint, for a proxy or a mirror of Kartverket's API.
 * Checked by hand, not with zod: this module is in every page's first download.
 */
const GEOCODER_KINDS = ['kartverket', 'none'] as const;

const isHttpUrl = (value: string): boolean => {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
};

export type GeocoderConfig = { kind: 'kartverket'; url: string } | { kind: 'none' };

export interface WebConfig {
  geocoder: GeocoderConfig;
}

/** Parses the build's environment, listing every problem in one error. */
export function parseWebConfig(environment: Record<string, unknown>): WebConfig {
  const { VITE_GEOCODER: kind = 'kartverket', VITE_GEOCODER_URL: url = KARTVERKET_ADDRESS_SEARCH } =
    environment;
  const problems: string[] = [];
  if (!GEOCODER_KINDS.includes(kind as never))
    problems.push(`VITE_GEOCODER: must be ${GEOCODER_KINDS.join(' or ')}, not ${JSON.stringify(kind)}`);
  if (typeof url !== 'string' || !isHttpUrl(url))
    problems.push(`VITE_GEOCODER_URL: must be an http(s) URL, not ${JSON.stringify(url)}`);
  if (problems.length > 0)
    throw new Error(`The web app's settings are not valid:\n  ${problems.join('\n  ')}`);
  return { geocoder: kind === 'none' ? { kind } : { kind: 'kartverket', url: url as string } };
}

export const webConfig: WebConfig = parseWebConfig(import.meta.env);
