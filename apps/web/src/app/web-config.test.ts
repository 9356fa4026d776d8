import { describe, expect, it } from 'vitest';
import { KARTVERKET_ADDRESS_SEARCH, parseWebConfig } from './web-config.ts';

describe('parseWebConfig', () => {
  it("uses Kartverket's address search by default", () => {
    expect(parseWebConfig({})).toEqual({ geocoder: { kind: 'kartverket', url: KARTVERKET_ADDRESS_SEARCH } });
  });

  it('takes another address for the search', () => {
    expect(parseWebConfig({ VITE_GEOCODER_URL: 'https://proxy.example/adresser/sok' }).geocoder).toEqual({
      kind: 'kartverket',
      url: 'https://proxy.example/adresser/sok',
    });
  });

  it('turns the address search off', () => {
    expect(parseWebConfig({ VITE_GEOCODER: 'none' }).geocoder).toEqual({ kind: 'none' });
  });

  it('lists every problem at once', () => {
    expect(() => parseWebConfig({ VITE_GEOCODER: 'google', VITE_GEOCODER_URL: 'not a url' })).toThrow(
      /VITE_GEOCODER:[\s\S]*VITE_GEOCODER_URL:/,
    );
  });
});
