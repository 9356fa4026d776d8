// A stand-in for Kartverket's nearest-address search (`/adresser/v1/punktsok`) on a loopback port,
// so that no test ever reaches Kartverket. The API tests and the e2e run (tests/e2e/global-setup.ts)
// point the server at it (`addressSearch`, NABOLAG_ADDRESS_SEARCH_URL).
import { createServer, type Server } from 'node:http';

/** Streets of Torstrand, Larvik: the fixture's addresses are on these. */
const STREETS = [
  'Nansetgata',
  'Torstrandgata',
  'Storgata',
  'Kongegata',
  'Prinsegata',
  'Tollerodden',
  'Langestrandgata',
  'Bøkerveien',
] as const;

/**
 * The fixture's address nearest to a point: the same every time for the same point (street by
 * latitude, house number by longitude), so a test can say what a place must be called.
 */
export function fixtureAddress(latitude: number, longitude: number): string {
  const street = STREETS[Math.abs(Math.floor(latitude * 1000)) % STREETS.length] as string;
  const number = (Math.abs(Math.floor(longitude * 10_000)) % 90) + 1;
  return `${street} ${number}`;
}

/** What a test sees of the running fixture. */
export interface AddressFixtureServer {
  /** The `punktsok` URL to configure. */
  url: string;
  /** Requests answered so far, as `lat,lon,radius`. */
  requests: string[];
  /** Answers slower than this many ms from now on (0: at once). */
  setDelay(ms: number): void;
  /** Points with no address near (the answer has no hits). */
  setEmpty(empty: boolean): void;
  close(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1 (a port the OS picks). */
export async function startAddressFixtureServer(): Promise<AddressFixtureServer> {
  const requests: string[] = [];
  let delay = 0;
  let empty = false;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixture');
    const latitude = Number(url.searchParams.get('lat'));
    const longitude = Number(url.searchParams.get('lon'));
    const answer = () => {
      if (
        url.pathname !== '/adresser/v1/punktsok' ||
        !Number.isFinite(latitude) ||
        !Number.isFinite(longitude)
      ) {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'lat and lon are needed' }));
        return;
      }
      requests.push(`${latitude},${longitude},${url.searchParams.get('radius')}`);
      const adresser = empty
        ? []
        : [
            {
              adressetekst: fixtureAddress(latitude, longitude),
              postnummer: '3263',
              poststed: 'LARVIK',
              representasjonspunkt: { epsg: 'EPSG:4258', lat: latitude, lon: longitude },
              meterDistanseTilPunkt: 12.5,
            },
          ];
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({
          metadata: { side: 0, treffPerSide: 1, totaltAntallTreff: adresser.length },
          adresser,
        }),
      );
    };
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/adresser/v1/punktsok`,
    requests,
    setDelay: (ms) => {
      delay = ms;
    },
    setEmpty: (value) => {
      empty = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
