import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
});
afterAll(async () => {
  await app.close();
});

describe('GET /api/projects/:slug', () => {
  it('returns the project with its area, bounds, categories and basemap', async () => {
    const response = await app.inject({ url: `/api/projects/${slug}` });
    expect(response.statusCode).toBe(200);
    const project = response.json();
    expect(project).toMatchObject({
      slug,
      open: true,
      moderation: 'after',
      k: 5,
      defaultLanguage: 'nb',
      area: { type: 'MultiPolygon' },
      basemap: { kind: 'raster', attribution: '© Kartverket' },
    });
    expect(project.categories.map((category: { key: string }) => category.key)).toEqual([
      'meeting-places',
      'landmarks',
      'show-visitors',
      'community',
      'great-value',
      'least-liked',
      'most-time',
      'attached-to',
    ]);
    expect(project.categories[0].labels).toMatchObject({ nb: 'Møtesteder', en: 'Meeting places' });
    const [west, south, east, north] = project.bounds;
    expect(west).toBeLessThan(east);
    expect(south).toBeLessThan(north);
    expect(west).toBeGreaterThan(9.9);
    expect(north).toBeLessThan(59.1);
    // Server-side fields stay on the server.
    expect(project).not.toHaveProperty('id');
    expect(project).not.toHaveProperty('areaMarginMetres');
  });

  it('answers 404 with a reason for an unknown project, 400 for a malformed slug', async () => {
    const missing = await app.inject({ url: '/api/projects/no-such-place' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PROJECT_NOT_FOUND');
    const malformed = await app.inject({ url: '/api/projects/Not_A_Slug!' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
  });

  it('lists open projects and leaves closed ones out', async () => {
    const closed = await createTestProject(app, { closesAt: '2020-01-01T00:00:00Z' });
    const response = await app.inject({ url: '/api/projects' });
    const slugs = response.json().projects.map((project: { slug: string }) => project.slug);
    expect(slugs).toContain(slug);
    expect(slugs).not.toContain(closed);
  });
});

describe('unknown API paths', () => {
  it('answer a JSON 404', async () => {
    const response = await app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
