// Faults of the database server, on a PostgreSQL of the test's own (private-postgres.ts): restart
// it under a running API, then back up, restore into a fresh database and compare, with the
// scripts in infra/deploy (no Docker). Runs on the PostGIS run (TEST_DATABASE_URL set).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type AreaGeometry, projectSchema } from '@nabolag/schema';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/web-build.mjs';
import { randomPointsInArea } from '../e2e/area.ts';
import { type ApiProcess, clientToken, startApi, stopApi } from './api-process.ts';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.ts';
import { privatePostgresWanted } from './requirements.ts';

const run = promisify(execFile);
const DEPLOY = join(repoRoot, 'infra', 'deploy');

// On the PostGIS run (see privatePostgresWanted: in CI it throws rather than leave this out).
if (privatePostgresWanted())
  describe('the database server', () => {
    let server: PrivatePostgres;
    let appUrl: string;
    let api: ApiProcess | undefined;
    let points: [number, number][];
    const token = clientToken();

    beforeAll(async () => {
      server = await startPrivatePostgres();
      appUrl = await server.createAppDatabase('nabolag', 'nabolag');
      api = await startApi({ databaseUrl: appUrl });
      const project = projectSchema.parse(
        await (await fetch(`${api.baseUrl}/api/projects/torstrand`)).json(),
      );
      points = randomPointsInArea(project.area as AreaGeometry, 30);
    });
    afterAll(async () => {
      await stopApi(api);
      await server?.remove();
    });

    const contribute = (baseUrl: string, index: number) =>
      fetch(`${baseUrl}/api/projects/torstrand/contributions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          id: crypto.randomUUID(),
          category: index % 2 ? 'meeting-places' : 'landmarks',
          geometry: { type: 'Point', coordinates: points[index % points.length] },
          story: `Plass nummer ${index}`,
        }),
      });

    it('answers 503 while PostgreSQL restarts, never 500, and recovers by itself', async () => {
      const baseUrl = (api as ApiProcess).baseUrl;
      expect((await contribute(baseUrl, 0)).status).toBe(201);

      const statuses: Array<{ route: string; status: number; code?: string }> = [];
      const failures: string[] = [];
      let probing = true;
      const probe = async () => {
        for (let index = 1; probing; index += 1) {
          for (const [route, request] of [
            ['health', () => fetch(`${baseUrl}/api/health`)],
            ['ready', () => fetch(`${baseUrl}/api/health/ready`)],
            ['contribute', () => contribute(baseUrl, index)],
          ] as const) {
            try {
              const response = await request();
              const body = (await response.json()) as { code?: string };
              statuses.push({ route, status: response.status, ...(body.code ? { code: body.code } : {}) });
            } catch (error) {
              failures.push(`${route}: ${(error as Error).message}`);
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      const probing$ = probe();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.restart(2_000);
      // Recovers without a restart of the API: the pool makes new connections.
      const until = Date.now() + 20_000;
      let recovered = false;
      while (!recovered && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const [health, posted] = await Promise.all([
          fetch(`${baseUrl}/api/health/ready`),
          contribute(baseUrl, 999),
        ]);
        recovered = health.status === 200 && posted.status === 201;
      }
      probing = false;
      await probing$;

      expect(recovered, 'the API recovered after PostgreSQL came back').toBe(true);
      expect(failures, 'the API kept answering (no dropped connections, no crash)').toEqual([]);
      expect((api as ApiProcess).child.exitCode).toBeNull();
      const errors = statuses.filter((entry) => entry.status >= 500);
      expect(errors.length, 'some requests met the outage').toBeGreaterThan(0);
      expect(errors.filter((entry) => entry.status !== 503)).toEqual([]);
      // Errors in the error list's shape say what happened; readiness says which check failed.
      expect(
        errors.filter((entry) => entry.route !== 'ready' && entry.code !== 'DATABASE_UNAVAILABLE'),
      ).toEqual([]);
      // An outage is logged as warnings ("database unavailable"), not as errors with stack traces.
      const errorLines = (api as ApiProcess)
        .output()
        .split('\n')
        .filter((line) => /"level":(50|60)/.test(line));
      expect(errorLines.slice(0, 3)).toEqual([]);
      expect((api as ApiProcess).output()).toContain('database unavailable');
    }, 60_000);

    it('backs up, restores into a fresh database and finds it the same (restore-drill.sh)', async () => {
      const baseUrl = (api as ApiProcess).baseUrl;
      // Lines and areas too, and a story, so that geometries of every kind are compared.
      for (let index = 0; index < 10; index += 1) expect((await contribute(baseUrl, index)).status).toBe(201);
      // The source must be still while it is compared: stop the API first.
      await stopApi(api);
      api = undefined;

      const admin = new pg.Client({ connectionString: server.superuserUrl() });
      await admin.connect();
      try {
        await admin.query('CREATE DATABASE nabolag_drill OWNER nabolag');
      } finally {
        await admin.end();
      }
      const drill = new pg.Client({ connectionString: server.superuserUrl('nabolag_drill') });
      await drill.connect();
      try {
        await drill.query('CREATE EXTENSION postgis');
      } finally {
        await drill.end();
      }
      const scratchUrl = appUrl.replace(/\/nabolag$/, '/nabolag_drill');

      const { stdout } = await run(join(DEPLOY, 'restore-drill.sh'), [appUrl, scratchUrl]);
      expect(stdout).toMatch(/contributions \(rows, content\)\s+\d+/);
      expect(stdout).toMatch(/contributions\.geometry \(geometries\)/);
      expect(stdout).toContain('the restored database matches the source');
      const rows = /same\s+contributions \(rows, content\)\s+(\d+)/.exec(stdout)?.[1];
      expect(Number(rows)).toBeGreaterThanOrEqual(12);

      // The comparison can fail: one moved place in the restored copy is found.
      const restored = new pg.Client({ connectionString: scratchUrl });
      await restored.connect();
      try {
        await restored.query(
          `UPDATE contributions SET geometry = ST_Translate(geometry, 0.0001, 0)
         WHERE id = (SELECT id FROM contributions ORDER BY id LIMIT 1)`,
        );
      } finally {
        await restored.end();
      }
      const check = await run(join(DEPLOY, 'check-restore.sh'), [appUrl, scratchUrl]).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(check.code).toBe(1);
      expect(check.stdout).toMatch(/DIFFERENT\s+contributions\.geometry/);

      // A restore never goes over existing data.
      const backup = join(await import('node:os').then((os) => os.tmpdir()), `nabolag-${Date.now()}.dump`);
      await run(join(DEPLOY, 'backup.sh'), [backup], { env: { ...process.env, DATABASE_URL: appUrl } });
      const refused = await run(join(DEPLOY, 'restore.sh'), [backup], {
        env: { ...process.env, DATABASE_URL: scratchUrl },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('not empty');
      await import('node:fs/promises').then((fs) => fs.rm(backup, { force: true }));
    }, 90_000);
  });
