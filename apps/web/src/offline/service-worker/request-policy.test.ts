import { describe, expect, it } from 'vitest';
import { dataCacheKey, type RequestFacts, requestPolicy } from './request-policy.ts';

const ORIGIN = 'https://nabolag.example.no';
const precached = new Set(['/index.html', '/assets/index-abc123.js', '/favicon.svg']);

const get = (path: string, overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  method: 'GET',
  url: `${ORIGIN}${path}`,
  mode: 'cors',
  hasAuthorization: false,
  ...overrides,
});

const policy = (request: RequestFacts) => requestPolicy(request, ORIGIN, precached);

describe('requestPolicy', () => {
  it('serves precached shell files from the cache', () => {
    expect(policy(get('/assets/index-abc123.js'))).toBe('shell');
    expect(policy(get('/favicon.svg'))).toBe('shell');
  });

  it('opens pages network-first with the cached shell as fallback', () => {
    expect(policy(get('/p/torstrand', { mode: 'navigate' }))).toBe('page');
    expect(policy(get('/', { mode: 'navigate' }))).toBe('page');
    expect(policy(get('/p/torstrand?lang=en', { mode: 'navigate' }))).toBe('page');
  });

  it('keeps the public project data for offline use', () => {
    expect(policy(get('/api/projects'))).toBe('data');
    expect(policy(get('/api/projects/torstrand'))).toBe('data');
    expect(policy(get('/api/projects/torstrand/contributions'))).toBe('data');
    expect(policy(get('/api/projects/torstrand/reference-layers'))).toBe('data');
    expect(policy(get('/api/projects/torstrand/contributions?bbox=10,59,10.1,59.1&category=landmarks'))).toBe(
      'data',
    );
    expect(policy(get('/tiles/torstrand/contributions/15/17288/9540.mvt?v=3'))).toBe('data');
  });

  it('keeps no other tiles (the heatmap is aggregated on the fly)', () => {
    expect(policy(get('/tiles/torstrand/heatmap/15/17288/9540.mvt'))).toBe('network');
  });

  it('never touches a request that changes something', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(policy(get('/api/projects/torstrand/contributions', { method }))).toBe('network');
    }
  });

  it('never caches personal, staff or sign-in routes', () => {
    expect(policy(get('/api/projects/torstrand/me'))).toBe('network');
    expect(policy(get('/api/auth/me'))).toBe('network');
    expect(policy(get('/api/staff/projects'))).toBe('network');
    expect(policy(get('/api/staff/projects/torstrand/reference-layers'))).toBe('network');
    expect(policy(get('/api/contributions/3f0f2a4e-6a53-4c4e-9a36-0d6f4f1b8a01/photo'))).toBe('network');
    expect(policy(get('/api/projects/torstrand/export?format=gpkg'))).toBe('network');
  });

  it('never caches a request that carries a token', () => {
    expect(policy(get('/api/projects/torstrand', { hasAuthorization: true }))).toBe('network');
  });

  it('keeps basemap tiles from other origins, and nothing else from there', () => {
    const foreign = (url: string, overrides: Partial<RequestFacts> = {}) =>
      policy({ ...get('/'), url, ...overrides });
    expect(
      foreign('https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/12/1/2.png'),
    ).toBe('tile');
    expect(foreign('https://tiles.example.org/osm/15/17288/9540@2x.webp?key=abc')).toBe('tile');
    expect(foreign('https://tiles.example.org/vector/14/8644/4770.pbf')).toBe('tile');
    expect(foreign('https://tiles.example.org/styles/basic/style.json')).toBe('network');
    expect(foreign('https://fonts.example.org/Noto Sans/0-255.pbf')).toBe('network');
    expect(foreign('https://ws.geonorge.no/adresser/v1/sok?sok=Storgata%201')).toBe('network');
    expect(foreign('http://insecure.example.org/12/1/2.png')).toBe('network');
    expect(foreign('https://cache.kartverket.no/x/12/1/2.png', { hasAuthorization: true })).toBe('network');
    expect(foreign('https://cache.kartverket.no/x/12/1/2.png', { method: 'POST' })).toBe('network');
  });

  it('does not take API paths, OGC or files for pages', () => {
    expect(policy(get('/api/health', { mode: 'navigate' }))).toBe('network');
    expect(policy(get('/ogc/collections', { mode: 'navigate' }))).toBe('network');
    expect(policy(get('/robots.txt', { mode: 'navigate' }))).toBe('network');
  });

  it('fetches a shell file with a query from the network', () => {
    expect(policy(get('/favicon.svg?v=2'))).toBe('network');
  });
});

describe('dataCacheKey', () => {
  it('keeps a contribution tile once, whatever its version', () => {
    expect(dataCacheKey(`${ORIGIN}/tiles/torstrand/contributions/15/17288/9540.mvt?v=1`)).toBe(
      `${ORIGIN}/tiles/torstrand/contributions/15/17288/9540.mvt`,
    );
    expect(dataCacheKey(`${ORIGIN}/tiles/torstrand/contributions/15/17288/9540.mvt?v=2&category=a`)).toBe(
      `${ORIGIN}/tiles/torstrand/contributions/15/17288/9540.mvt?category=a`,
    );
  });

  it('keeps other data under its whole address', () => {
    const listed = `${ORIGIN}/api/projects/torstrand/contributions?bbox=10,59,10.1,59.1&v=1`;
    expect(dataCacheKey(listed)).toBe(listed);
  });
});
