import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every project. The API's integration tests share one
// database per run (embedded PGlite, or TEST_DATABASE_URL) started in their global setup.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'schema', include: ['packages/schema/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'geo', include: ['packages/geo/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'web', include: ['apps/web/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.test.ts'],
          globalSetup: ['apps/api/src/testing/global-setup.ts'],
          // The embedded database is one session: test files take turns (see db/embedded.ts).
          fileParallelism: Boolean(process.env.TEST_DATABASE_URL),
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // Real server processes killed, restarted, and their PostgreSQL restarted; one file at a
          // time, since each starts servers of its own.
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          // These need a PostgreSQL server: they run on the PostGIS run (TEST_DATABASE_URL set).
          exclude: process.env.TEST_DATABASE_URL
            ? []
            : ['tests/faults/two-processes.test.ts', 'tests/faults/postgres-server.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
