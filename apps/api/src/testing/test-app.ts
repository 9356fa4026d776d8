import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ProjectDefinition, projectDefinitionSchema } from '@nabolag/schema';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { EMBEDDED_POOL_SIZE } from '../db/embedded.ts';
import { DEMO_PROJECT_FILE } from '../db/seed.ts';
import { insertProject } from '../modules/projects/projects.repository.ts';

/** Builds the app on the run's database (see global-setup.ts). Close it in `afterAll`. */
export async function createTestApp(): Promise<FastifyInstance> {
  const app = await buildApp({
    databaseUrl: inject('databaseUrl'),
    databaseKind: inject('databaseKind'),
    poolSize: inject('databaseKind') === 'embedded' ? EMBEDDED_POOL_SIZE : 4,
  });
  await app.ready();
  return app;
}

/** The demo project's definition (Torstrand's categories and area), to base test projects on. */
export function demoDefinition(): ProjectDefinition {
  return projectDefinitionSchema.parse(JSON.parse(readFileSync(DEMO_PROJECT_FILE, 'utf8')));
}

/** Creates a project of its own for a test file, with a unique slug; returns the slug. */
export async function createTestProject(app: FastifyInstance, overrides: Partial<ProjectDefinition> = {}) {
  const slug = `test-${randomUUID().slice(0, 12)}`;
  await insertProject(app.pg.pool, { ...demoDefinition(), ...overrides, slug });
  return slug;
}

/** A point inside the demo area (Torstrand, Larvik), `[longitude, latitude]`. */
export const INSIDE: [number, number] = [10.015, 59.048];
