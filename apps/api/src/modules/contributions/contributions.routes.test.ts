import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
});
afterAll(async () => {
  await app.close();
});

const clientToken = () => randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

function post(
  body: unknown,
  options: { token?: string; project?: string; headers?: Record<string, string> } = {},
) {
  return app.inject({
    method: 'POST',
    url: `/api/projects/${options.project ?? slug}/contributions`,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const pin = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  category: 'meeting-places',
  geometry: { type: 'Point', coordinates: INSIDE },
  story: 'We meet on the bench by the church.',
  ...overrides,
});

async function countStored(project = slug): Promise<number> {
  const { rows } = await app.pg.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM contributions c JOIN projects p ON p.id = c.project_id WHERE p.slug = $1',
    [project],
  );
  return rows[0]?.n ?? 0;
}

describe('POST /api/projects/:slug/contributions', () => {
  it('stores a point and issues a participant token when none was sent', async () => {
    const body = pin();
    const response = await post(body);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toEqual({ id: body.id, participantId: expect.any(String), token: expect.any(String) });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The issued token identifies the same participant from then on.
    const second = await post(pin(), { token: created.token });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual({ id: expect.any(String), participantId: created.participantId });
  });

  it('keeps a client-made token as the participant, and issues none', async () => {
    const token = clientToken();
    const first = await post(pin(), { token });
    const second = await post(pin({ category: 'landmarks' }), { token });
    expect(first.statusCode).toBe(201);
    expect(first.json().token).toBeUndefined();
    expect(second.json().participantId).toBe(first.json().participantId);
  });

  it('stores lines and areas where the category allows them', async () => {
    const line = pin({
      category: 'show-visitors',
      geometry: {
        type: 'LineString',
        coordinates: [
          [10.01, 59.046],
          [10.02, 59.05],
        ],
      },
    });
    const area = pin({
      category: 'great-value',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [10.01, 59.046],
            [10.02, 59.046],
            [10.02, 59.05],
            [10.01, 59.046],
          ],
        ],
      },
    });
    expect((await post(line)).statusCode).toBe(201);
    expect((await post(area)).statusCode).toBe(201);
  });

  it('answers a repeated id with the stored contribution and creates nothing', async () => {
    const token = clientToken();
    const body = pin();
    const first = await post(body, { token });
    const before = await countStored();
    const again = await post(body, { token });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: body.id, participantId: first.json().participantId });
    // Without the participant's token the answer names no participant and issues no token.
    const stranger = await post(body);
    expect(stranger.statusCode).toBe(200);
    expect(stranger.json()).toEqual({ id: body.id });
    expect(await countStored()).toBe(before);
  });

  it('stores a contribution once when the same id arrives many times at once', async () => {
    const token = clientToken();
    const body = pin();
    const before = await countStored();
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(body, { token })));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await countStored()).toBe(before + 1);
  });

  it('publishes at once when the project moderates after publishing, and hides no personal data leak', async () => {
    const body = pin({ participant: { ageBand: '30-44', relation: ['lives'], yearsInArea: 12 } });
    expect((await post(body)).statusCode).toBe(201);
    const list = await app.inject({ url: `/api/projects/${slug}/contributions` });
    const feature = list.json().features.find((candidate: { id: string }) => candidate.id === body.id);
    expect(feature.properties).toEqual({
      id: body.id,
      category: 'meeting-places',
      story: body.story,
      created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      photo: null,
    });
    expect(JSON.stringify(list.json())).not.toMatch(/participant|ageBand|30-44|yearsInArea|token/);
  });

  describe('refuses bad input with a reason and stores nothing', () => {
    const cases: Array<{ name: string; send: () => ReturnType<typeof post>; status: number; code: string }> =
      [
        { name: 'malformed JSON', send: () => post('{"id": '), status: 400, code: 'MALFORMED_JSON' },
        {
          name: 'wrong content type',
          send: () => post(JSON.stringify(pin()), { headers: { 'content-type': 'text/plain' } }),
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
        },
        {
          name: 'form-encoded body',
          send: () => post('id=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
        },
        {
          name: 'unknown category',
          send: () => post(pin({ category: 'pubs' })),
          status: 400,
          code: 'UNKNOWN_CATEGORY',
        },
        {
          name: 'a geometry type the category does not allow',
          send: () =>
            post(
              pin({
                category: 'attached-to',
                geometry: {
                  type: 'LineString',
                  coordinates: [
                    [10.01, 59.046],
                    [10.02, 59.05],
                  ],
                },
              }),
            ),
          status: 400,
          code: 'GEOMETRY_TYPE_NOT_ALLOWED',
        },
        {
          name: 'a self-intersecting polygon',
          send: () =>
            post(
              pin({
                geometry: {
                  type: 'Polygon',
                  coordinates: [
                    [
                      [10.01, 59.045],
                      [10.02, 59.05],
                      [10.02, 59.045],
                      [10.01, 59.05],
                      [10.01, 59.045],
                    ],
                  ],
                },
              }),
            ),
          status: 400,
          code: 'INVALID_GEOMETRY',
        },
        {
          name: 'a polygon ring that is not closed',
          send: () =>
            post(
              pin({
                geometry: {
                  type: 'Polygon',
                  coordinates: [
                    [
                      [10.01, 59.045],
                      [10.02, 59.05],
                      [10.02, 59.045],
                      [10.015, 59.044],
                    ],
                  ],
                },
              }),
            ),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          name: 'an unknown geometry type',
          send: () => post(pin({ geometry: { type: 'Circle', coordinates: INSIDE } })),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          name: 'coordinates out of range',
          send: () => post(pin({ geometry: { type: 'Point', coordinates: [190, 59] } })),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          name: 'latitude and longitude swapped',
          send: () => post(pin({ geometry: { type: 'Point', coordinates: [59.048, 10.015] } })),
          status: 400,
          code: 'OUTSIDE_PROJECT_AREA',
        },
        {
          name: 'a place far outside the area (Oslo)',
          send: () => post(pin({ geometry: { type: 'Point', coordinates: [10.75, 59.91] } })),
          status: 400,
          code: 'OUTSIDE_PROJECT_AREA',
        },
        {
          name: 'a missing id',
          send: () => post({ ...pin(), id: undefined }),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          name: 'an id that is not a UUID',
          send: () => post(pin({ id: '42' })),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          name: 'an oversized story',
          send: () => post(pin({ story: 'x'.repeat(4001) })),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          name: 'an oversized body',
          send: () => post(pin({ story: 'x'.repeat(300 * 1024) })),
          status: 413,
          code: 'BODY_TOO_LARGE',
        },
        {
          name: 'an unexpected field',
          send: () => post(pin({ participantId: randomUUID() })),
          status: 400,
          code: 'VALIDATION_FAILED',
        },
        {
          name: 'a malformed participant token',
          send: () => post(pin(), { headers: { authorization: 'Bearer short' } }),
          status: 401,
          code: 'UNAUTHORIZED',
        },
        {
          name: 'an unknown workshop session',
          send: () => post(pin({ session: 'ZZZZ99' })),
          status: 400,
          code: 'UNKNOWN_SESSION',
        },
        {
          name: 'an unknown project',
          send: () => post(pin(), { project: 'no-such-project' }),
          status: 404,
          code: 'PROJECT_NOT_FOUND',
        },
      ];

    for (const testCase of cases) {
      it(testCase.name, async () => {
        const before = await countStored();
        const response = await testCase.send();
        expect(response.statusCode).toBe(testCase.status);
        const body = response.json();
        expect(body.code).toBe(testCase.code);
        expect(body.message.length).toBeGreaterThan(10);
        expect(await countStored()).toBe(before);
      });
    }

    it('the same id with different content', async () => {
      const body = pin();
      await post(body);
      const before = await countStored();
      const response = await post({ ...body, story: 'Something else entirely' });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('ID_CONFLICT');
      expect(await countStored()).toBe(before);
      const list = await app.inject({ url: `/api/projects/${slug}/contributions` });
      const stored = list.json().features.find((feature: { id: string }) => feature.id === body.id);
      expect(stored.properties.story).toBe(body.story);
    });
  });

  it('refuses contributions to a closed project', async () => {
    const closed = await createTestProject(app, { closesAt: '2020-01-01T00:00:00Z' });
    const response = await post(pin(), { project: closed });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('PROJECT_CLOSED');
    expect(await countStored(closed)).toBe(0);
  });

  it('keeps contributions out of public view when the project moderates before publishing', async () => {
    const moderated = await createTestProject(app, { moderation: 'before' });
    expect((await post(pin(), { project: moderated })).statusCode).toBe(201);
    expect(await countStored(moderated)).toBe(1);
    const list = await app.inject({ url: `/api/projects/${moderated}/contributions` });
    expect(list.json().features).toEqual([]);
  });
});

describe('GET /api/projects/:slug/contributions', () => {
  let listSlug: string;
  beforeAll(async () => {
    listSlug = await createTestProject(app);
    await post(pin({ geometry: { type: 'Point', coordinates: [10.005, 59.045] } }), { project: listSlug });
    await post(pin({ category: 'least-liked', geometry: { type: 'Point', coordinates: [10.025, 59.052] } }), {
      project: listSlug,
    });
  });

  it('returns a GeoJSON FeatureCollection of the published contributions', async () => {
    const response = await app.inject({ url: `/api/projects/${listSlug}/contributions` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ type: 'FeatureCollection', truncated: false });
    expect(response.json().features).toHaveLength(2);
  });

  it('filters by bbox (minLon,minLat,maxLon,maxLat) and by category', async () => {
    const west = await app.inject({
      url: `/api/projects/${listSlug}/contributions?bbox=10.0,59.04,10.01,59.05`,
    });
    expect(
      west
        .json()
        .features.map((feature: { geometry: { coordinates: number[] } }) => feature.geometry.coordinates),
    ).toEqual([[10.005, 59.045]]);
    const disliked = await app.inject({
      url: `/api/projects/${listSlug}/contributions?category=least-liked`,
    });
    expect(disliked.json().features).toHaveLength(1);
    const both = await app.inject({
      url: `/api/projects/${listSlug}/contributions?category=least-liked,meeting-places`,
    });
    expect(both.json().features).toHaveLength(2);
  });

  it('says when the limit cut the list short', async () => {
    const response = await app.inject({ url: `/api/projects/${listSlug}/contributions?limit=1` });
    expect(response.json().features).toHaveLength(1);
    expect(response.json().truncated).toBe(true);
  });

  it('refuses a malformed bbox with a reason', async () => {
    for (const bbox of ['10,59', '10,59,a,60', '11,59,10,60']) {
      const response = await app.inject({ url: `/api/projects/${listSlug}/contributions?bbox=${bbox}` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('bbox'),
      });
    }
  });
});

describe('PATCH and DELETE /api/contributions/:id', () => {
  it('lets the participant edit and delete their own contribution', async () => {
    const token = clientToken();
    const body = pin();
    await post(body, { token });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/contributions/${body.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { story: 'A new story', geometry: { type: 'Point', coordinates: [10.016, 59.049] } },
    });
    expect(patched.statusCode).toBe(204);
    const list = await app.inject({ url: `/api/projects/${slug}/contributions` });
    const stored = list.json().features.find((feature: { id: string }) => feature.id === body.id);
    expect(stored.properties.story).toBe('A new story');
    expect(stored.geometry.coordinates).toEqual([10.016, 59.049]);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/contributions/${body.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(removed.statusCode).toBe(204);
    const after = await app.inject({ url: `/api/projects/${slug}/contributions` });
    expect(after.json().features.some((feature: { id: string }) => feature.id === body.id)).toBe(false);
  });

  it('accepts a DELETE that declares a JSON body but sends none', async () => {
    const token = clientToken();
    const body = pin();
    await post(body, { token });
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/contributions/${body.id}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(removed.statusCode).toBe(204);
  });

  it('refuses anyone else, and bad edits, changing nothing', async () => {
    const token = clientToken();
    const body = pin();
    await post(body, { token });
    const url = `/api/contributions/${body.id}`;
    const other = await app.inject({
      method: 'DELETE',
      url,
      headers: { authorization: `Bearer ${clientToken()}` },
    });
    expect(other.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
    const outside = await app.inject({
      method: 'PATCH',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload: { geometry: { type: 'Point', coordinates: [10.75, 59.91] } },
    });
    expect(outside.json().code).toBe('OUTSIDE_PROJECT_AREA');
    const empty = await app.inject({
      method: 'PATCH',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const missing = await app.inject({
      method: 'DELETE',
      url: `/api/contributions/${randomUUID()}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(missing.statusCode).toBe(404);
    const list = await app.inject({ url: `/api/projects/${slug}/contributions` });
    const stored = list.json().features.find((feature: { id: string }) => feature.id === body.id);
    expect(stored.properties.story).toBe(body.story);
    expect(stored.geometry.coordinates).toEqual(INSIDE);
  });
});

describe('reshaping a route or an area (PATCH geometry)', () => {
  const square = [
    [10.012, 59.046],
    [10.016, 59.046],
    [10.016, 59.049],
    [10.012, 59.049],
    [10.012, 59.046],
  ];
  const patch = (id: string, token: string | undefined, payload: unknown) =>
    app.inject({
      method: 'PATCH',
      url: `/api/contributions/${id}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: payload as Record<string, unknown>,
    });
  const storedGeometry = async (id: string) => {
    const { rows } = await app.pg.pool.query<{ geometry: { type: string; coordinates: unknown } }>(
      'SELECT ST_AsGeoJSON(geometry)::json AS geometry FROM contributions WHERE id = $1',
      [id],
    );
    return rows[0]?.geometry;
  };

  it('stores a reshaped area and a reshaped route, and the public list shows them', async () => {
    const token = clientToken();
    const area = pin({ category: 'great-value', geometry: { type: 'Polygon', coordinates: [square] } });
    const route = pin({
      category: 'show-visitors',
      geometry: {
        type: 'LineString',
        coordinates: [
          [10.01, 59.046],
          [10.02, 59.05],
        ],
      },
    });
    expect((await post(area, { token })).statusCode).toBe(201);
    expect((await post(route, { token })).statusCode).toBe(201);
    const reshapedArea = {
      type: 'Polygon',
      coordinates: [[[10.011, 59.045], ...square.slice(1, 4), [10.011, 59.045]]],
    };
    const reshapedRoute = {
      type: 'LineString',
      coordinates: [
        [10.01, 59.046],
        [10.015, 59.047],
        [10.02, 59.05],
      ],
    };
    expect((await patch(area.id, token, { geometry: reshapedArea })).statusCode).toBe(204);
    expect((await patch(route.id, token, { geometry: reshapedRoute })).statusCode).toBe(204);
    expect(await storedGeometry(area.id)).toEqual(reshapedArea);
    expect(await storedGeometry(route.id)).toEqual(reshapedRoute);
    const list = (await app.inject({ url: `/api/projects/${slug}/contributions` })).json();
    const listed = (id: string) =>
      list.features.find((feature: { id: string }) => feature.id === id)?.geometry;
    expect(listed(area.id)).toEqual(reshapedArea);
    expect(listed(route.id)).toEqual(reshapedRoute);
  });

  it('refuses an outline that crosses itself, a shape the category does not take, and anyone else, changing nothing', async () => {
    const token = clientToken();
    const area = pin({ category: 'great-value', geometry: { type: 'Polygon', coordinates: [square] } });
    expect((await post(area, { token })).statusCode).toBe(201);
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [10.012, 59.046],
          [10.016, 59.049],
          [10.016, 59.046],
          [10.012, 59.049],
          [10.012, 59.046],
        ],
      ],
    };
    const crossing = await patch(area.id, token, { geometry: bowTie });
    expect(crossing.statusCode).toBe(400);
    expect(crossing.json().message).toMatch(/cross|intersect/i);
    // great-value takes points and areas, not routes.
    const route = { type: 'LineString', coordinates: square.slice(0, 2) };
    const wrongType = await patch(area.id, token, { geometry: route });
    expect(wrongType.statusCode).toBe(400);
    const reshaped = {
      type: 'Polygon',
      coordinates: [[[10.011, 59.045], ...square.slice(1, 4), [10.011, 59.045]]],
    };
    const other = await patch(area.id, clientToken(), { geometry: reshaped });
    expect(other.statusCode).toBe(403);
    expect((await patch(area.id, undefined, { geometry: reshaped })).statusCode).toBe(401);
    expect((await patch(randomUUID(), token, { geometry: reshaped })).statusCode).toBe(404);
    expect(await storedGeometry(area.id)).toEqual({ type: 'Polygon', coordinates: [square] });
  });
});
