import { z } from 'zod';

/** Kartverket's open address search (no key): `?sok=<text>` finds addresses across Norway. */
export const KARTVERKET_ADDRESS_SEARCH = 'https://ws.geonorge.no/adresser/v1/sok';

/**
 * The web app's build-time settings (Vite's `VITE_*` variables, read once here):
 * - `VITE_GEOCODER`: `kartverket` (default) or `none` (no address search; residents choose from
 *   the project's named places instead).
 * - `VITE_GEOCODER_URL`: the address search endpoint, for a proxy or a mirror of Kartverket's API.
 */
const webEnvironmentSchema = z.object({
  VITE_GEOCODER: z.enum(['kartverket', 'none']).default('kartverket'),
  VITE_GEOCODER_URL: z.url({ protocol: /^https?$/ }).default(KARTVERKET_ADDRESS_SEARCH),
});

export type GeocoderConfig = { kind: 'kartverket'; url: string } | { kind: 'none' };

export interface WebConfig {
  geocoder: GeocoderConfig;
}

/** Parses the build's environment, listing every problem in one error. */
export function parseWebConfig(environment: Record<string, unknown>): WebConfig {
  const parsed = webEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The web app's settings are not valid:\n  ${problems.join('\n  ')}`);
  }
  const { VITE_GEOCODER: kind, VITE_GEOCODER_URL: url } = parsed.data;
  return { geocoder: kind === 'none' ? { kind } : { kind, url } };
}

export const webConfig: WebConfig = parseWebConfig(import.meta.env);
