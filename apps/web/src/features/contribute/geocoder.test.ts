import { describe, expect, it, vi } from 'vitest';
import { isNear, kartverketGeocoder } from './geocoder.ts';

const URL_BASE = 'https://ws.geonorge.no/adresser/v1/sok';

const answer = {
  metadata: { totaltAntallTreff: 1 },
  adresser: [
    {
      adressetekst: 'Kirkestredet 5',
      postnummer: '3263',
      poststed: 'LARVIK',
      representasjonspunkt: { epsg: 'EPSG:4258', lat: 59.0531, lon: 10.0268 },
    },
  ],
};

const respondWith = (body: unknown, status = 200) =>
  vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status }));

describe('kartverketGeocoder', () => {
  it('asks for 8 hits in degrees and reads them as labelled positions', async () => {
    const fetchFunction = respondWith(answer);
    const outcome = await kartverketGeocoder(URL_BASE, fetchFunction).search(
      'Kirkestredet 5',
      new AbortController().signal,
    );
    expect(outcome).toEqual({
      ok: true,
      hits: [{ id: '0:Kirkestredet 5', label: 'Kirkestredet 5, 3263 Larvik', position: [10.0268, 59.0531] }],
    });
    const asked = new URL(String(fetchFunction.mock.calls[0]?.[0]));
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      sok: 'Kirkestredet 5',
      treffPerSide: '8',
      utkoordsys: '4258',
    });
  });

  it('says the search cannot be reached when the request fails', async () => {
    const fetchFunction = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const outcome = await kartverketGeocoder(URL_BASE, fetchFunction).search(
      'x',
      new AbortController().signal,
    );
    expect(outcome).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('says the search cannot be reached when it answers with an error', async () => {
    const outcome = await kartverketGeocoder(URL_BASE, respondWith({}, 503)).search(
      'x',
      new AbortController().signal,
    );
    expect(outcome).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('tells an answer it cannot read', async () => {
    const outcome = await kartverketGeocoder(URL_BASE, respondWith({ adresser: 'none' })).search(
      'x',
      new AbortController().signal,
    );
    expect(outcome).toEqual({ ok: false, reason: 'unexpected' });
  });
});

describe('isNear', () => {
  const bounds: [number, number, number, number] = [10, 59, 10.1, 59.1];

  it('takes a position inside the box or its margin', () => {
    expect(isNear([10.05, 59.05], bounds, 0)).toBe(true);
    expect(isNear([10.105, 59.05], bounds, 0.01)).toBe(true);
  });

  it('leaves out a position beyond the margin', () => {
    expect(isNear([10.2, 59.05], bounds, 0.01)).toBe(false);
  });
});
