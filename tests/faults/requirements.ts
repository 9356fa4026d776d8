// What a fault test needs, and what happens when it is missing: outside CI the test is skipped
// with a message saying why; in CI (CI=true) nothing may be skipped, so it fails instead.
import { privatePostgresUnavailable } from './private-postgres.ts';

/** The PostGIS server of the run (the second CI run), if any. */
export const postgresUrl = process.env.TEST_DATABASE_URL || undefined;

/**
 * Whether the tests that run a PostgreSQL server of their own (restart under a running API,
 * backup and restore) run now: on the PostGIS run (TEST_DATABASE_URL set), where the server's
 * packages are installed. Throws in CI when they cannot.
 */
export function privatePostgresWanted(): boolean {
  if (!postgresUrl) return false;
  const missing = privatePostgresUnavailable();
  if (!missing) return true;
  if (process.env.CI === 'true') throw new Error(`Fault tests need a private PostgreSQL server: ${missing}`);
  console.warn(`Skipping the private-PostgreSQL fault tests: ${missing}`);
  return false;
}
