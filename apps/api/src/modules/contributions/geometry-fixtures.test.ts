import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../../config.ts';
import { createTestApp, createTestProject } from '../../testing/test-app.ts';

/** tests/fixtures/geometry: `valid-*` must be stored, `invalid-<failure>` refused with a reason. */
const FIXTURES = path.join(REPOSITORY_ROOT, 'tests/fixtures/geometry');
const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.geojson'));

let app: FastifyInstance;
let slug: string;
beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
});
afterAll(async () => {
  await app.close();
});

const stored = async () =>
  (
    await app.pg.pool.query(
      'SELECT count(*)::int AS n FROM contributions c JOIN projects p ON p.id = c.project_id WHERE p.slug = $1',
      [slug],
    )
  ).rows[0].n as number;

describe('geometry fixtures', () => {
  it('has both kinds', () => {
    expect(files.filter((name) => name.startsWith('valid-')).length).toBeGreaterThan(0);
    expect(files.filter((name) => name.startsWith('invalid-')).length).toBeGreaterThan(10);
  });

  for (const name of files) {
    it(name, async () => {
      const geometry = JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
      const before = await stored();
      const response = await app.inject({
        method: 'POST',
        url: `/api/projects/${slug}/contributions`,
        // least-liked takes points, lines and areas.
        payload: { id: randomUUID(), category: 'least-liked', geometry },
      });
      if (name.startsWith('valid-')) {
        expect(response.statusCode).toBe(201);
        expect(await stored()).toBe(before + 1);
      } else {
        expect(response.statusCode).toBe(400);
        expect(response.json().message.length).toBeGreaterThan(10);
        expect(await stored()).toBe(before);
      }
    });
  }
});
