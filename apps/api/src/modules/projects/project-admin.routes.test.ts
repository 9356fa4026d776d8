import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, createTestApp, demoDefinition, INSIDE, signIn } from '../../testing/test-app.ts';

let app: FastifyInstance;
let admin: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await signIn(app, await createStaffUser(app, ['admin']));
});
afterAll(async () => {
  await app.close();
});

function newDefinition() {
  const definition = demoDefinition();
  return {
    ...definition,
    slug: `admin-${randomUUID().slice(0, 8)}`,
    title: { nb: 'Nytt prosjekt', en: 'New project' },
    categories: definition.categories.slice(0, 3),
  };
}

describe('project admin', () => {
  it('creates a project that residents can open and contribute to at once', async () => {
    const definition = newDefinition();
    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: admin.headers(),
      payload: definition,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: definition.slug, basemap: null, k: 5 });
    const open = await app.inject({ url: `/api/projects/${definition.slug}` });
    expect(open.json().categories).toHaveLength(3);
    const contribution = await app.inject({
      method: 'POST',
      url: `/api/projects/${definition.slug}/contributions`,
      payload: { id: randomUUID(), category: 'landmarks', geometry: { type: 'Point', coordinates: INSIDE } },
    });
    expect(contribution.statusCode).toBe(201);
    const again = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: admin.headers(),
      payload: definition,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SLUG_TAKEN');
  });

  it('edits labels, adds and reorders categories, and refuses to drop one in use', async () => {
    const definition = newDefinition();
    await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: admin.headers(),
      payload: definition,
    });
    await app.inject({
      method: 'POST',
      url: `/api/projects/${definition.slug}/contributions`,
      payload: {
        id: randomUUID(),
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: INSIDE },
      },
    });
    const [first, second, third] = definition.categories as [
      (typeof definition.categories)[0],
      (typeof definition.categories)[0],
      (typeof definition.categories)[0],
    ];
    const edited = {
      ...definition,
      k: 10,
      categories: [
        { ...third, labels: { nb: 'Turer', en: 'Walks' } },
        first,
        second,
        {
          key: 'playgrounds',
          labels: { nb: 'Lekeplasser' },
          prompts: {},
          geometryTypes: ['Point'],
          colour: '#123456',
        },
      ],
    };
    const updated = await app.inject({
      method: 'PUT',
      url: `/api/staff/projects/${definition.slug}`,
      headers: admin.headers(),
      payload: edited,
    });
    expect(updated.statusCode).toBe(200);
    const project = (await app.inject({ url: `/api/projects/${definition.slug}` })).json();
    expect(project.k).toBe(10);
    expect(project.categories.map((category: { key: string }) => category.key)).toEqual([
      third.key,
      first.key,
      second.key,
      'playgrounds',
    ]);
    expect(project.categories[0].labels).toEqual({ nb: 'Turer', en: 'Walks' });

    const dropInUse = await app.inject({
      method: 'PUT',
      url: `/api/staff/projects/${definition.slug}`,
      headers: admin.headers(),
      payload: {
        ...edited,
        categories: edited.categories.filter((category) => category.key !== 'meeting-places'),
      },
    });
    expect(dropInUse.statusCode).toBe(409);
    expect(dropInUse.json()).toMatchObject({
      code: 'CATEGORY_IN_USE',
      details: { categories: ['meeting-places'] },
    });
    expect((await app.inject({ url: `/api/projects/${definition.slug}` })).json().categories).toHaveLength(4);
  });

  it('refuses invalid definitions with reasons', async () => {
    const definition = newDefinition();
    const cases = [
      { ...definition, k: 3 },
      { ...definition, defaultLanguage: 'de' },
      { ...definition, categories: [definition.categories[0], definition.categories[0]] },
      { ...definition, closesAt: '2020-01-01T00:00:00Z', opensAt: '2021-01-01T00:00:00Z' },
      {
        ...definition,
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [10, 59],
              [10.01, 59.01],
              [10.01, 59],
              [10, 59.01],
              [10, 59],
            ],
          ],
        },
      },
    ];
    for (const payload of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/staff/projects',
        headers: admin.headers(),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    expect((await app.inject({ url: `/api/projects/${definition.slug}` })).statusCode).toBe(404);
  });

  it('keeps a project’s own text fallback order through PUT and GET, and refuses unknown languages', async () => {
    const definition = { ...newDefinition(), languages: ['nb', 'nn', 'en', 'so'] };
    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: admin.headers(),
      payload: definition,
    });
    expect(created.statusCode).toBe(201);
    // Not set: stored as the default, which the public project spells out.
    expect(created.json().textFallback).toBeNull();
    const before = (await app.inject({ url: `/api/projects/${definition.slug}` })).json();
    expect(before.textFallback).toEqual(['en', 'nb']);

    const put = (textFallback: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/staff/projects/${definition.slug}`,
        headers: admin.headers(),
        payload: { ...definition, textFallback },
      });
    const saved = await put(['nn', 'nb', 'en']);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().textFallback).toEqual(['nn', 'nb', 'en']);
    const staffView = await app.inject({
      url: `/api/staff/projects/${definition.slug}`,
      headers: admin.headers(),
    });
    expect(staffView.json().textFallback).toEqual(['nn', 'nb', 'en']);
    expect((await app.inject({ url: `/api/projects/${definition.slug}` })).json().textFallback).toEqual([
      'nn',
      'nb',
      'en',
    ]);
    const listed = (await app.inject({ url: '/api/projects' }))
      .json()
      .projects.find((project: { slug: string }) => project.slug === definition.slug);
    expect(listed.textFallback).toEqual(['nn', 'nb', 'en']);

    // A language the project does not offer, a malformed tag, a repeat: 400, and nothing changes.
    for (const textFallback of [['ar'], ['nb', 'xx-yy'], ['nb', 'nb'], 'en']) {
      const refused = await put(textFallback);
      expect(refused.statusCode, JSON.stringify(textFallback)).toBe(400);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await app.inject({ url: `/api/projects/${definition.slug}` })).json().textFallback).toEqual([
      'nn',
      'nb',
      'en',
    ]);

    // Back to the default (null): English, then the default language again.
    const reset = await put(null);
    expect(reset.json().textFallback).toBeNull();
    expect((await app.inject({ url: `/api/projects/${definition.slug}` })).json().textFallback).toEqual([
      'en',
      'nb',
    ]);
  });
});
