// `pnpm screenshots` (tests/screenshots) regenerates the README's pictures. This test runs the same
// capture against the test server on a project of its own and checks that every screen opens and
// draws (a picture of the right size, not one flat colour), and that the README shows every
// screen from docs/screenshots/, so the pictures and the list cannot drift apart.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../scripts/web-build.mjs';
import { captureScreens, SCREENS } from '../screenshots/screens.ts';
import { seedShowcase } from '../screenshots/showcase.ts';
import { printServerLogOnFailure } from './harness.ts';
import { E2E_ADMIN } from './server.ts';
import { demoProjectDefinition, randomLetters, signInAsAdmin } from './staff-api.ts';

describe.skipIf(inject('e2eSkipped'))('the README’s screenshots', () => {
  const baseUrl = inject('baseUrl');
  let directory = '';
  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('the README shows every screen, from docs/screenshots/', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const screen of SCREENS) {
      const path = `docs/screenshots/${screen.name}.png`;
      expect(readme, `README shows ${path}`).toContain(path);
      expect(existsSync(join(repoRoot, path)), `${path} is committed`).toBe(true);
    }
  });

  it('every screen opens and draws at its size', { timeout: 600_000 }, async ({ onTestFailed }) => {
    printServerLogOnFailure(onTestFailed);
    const { headers } = await signInAsAdmin(baseUrl);
    const slug = `shots-${randomLetters()}`;
    const created = await fetch(`${baseUrl}/api/staff/projects`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...(await demoProjectDefinition()), slug }),
    });
    expect(created.status, await created.text()).toBe(201);
    const showcase = await seedShowcase(baseUrl, slug, E2E_ADMIN);
    directory = await mkdtemp(join(tmpdir(), 'nabolag-screenshots-'));
    const written = await captureScreens({
      baseUrl,
      chromiumPath: inject('chromiumPath'),
      showcase,
      credentials: E2E_ADMIN,
      directory,
    });
    expect(written).toHaveLength(SCREENS.length);
    for (const [index, screen] of SCREENS.entries()) {
      const image = sharp(written[index] as string);
      const { width, height } = await image.metadata();
      expect({ screen: screen.name, width, height }).toEqual({
        screen: screen.name,
        width: screen.viewport.width,
        height: screen.viewport.height,
      });
      // A blank or single-colour page has no spread in any channel.
      const { channels } = await image.stats();
      expect(
        Math.max(...channels.map((channel) => channel.stdev)),
        `${screen.name} is not blank`,
      ).toBeGreaterThan(10);
    }
  });
});
