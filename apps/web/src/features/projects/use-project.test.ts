import type { Project } from '@nabolag/schema';
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../api/client.ts';
import { projectStateOf } from './use-project.ts';

const project = (title: string) => ({ slug: 'torstrand', title: { nb: title } }) as unknown as Project;
const fresh = project('Fersk');
const kept = { project: project('Lagret'), savedAt: '2026-12-07T18:00:00.000Z' };
const offline: ApiResult<Project> = {
  ok: false,
  error: { code: 'NETWORK', status: null, message: 'offline' },
};

describe('projectStateOf', () => {
  it("keeps the server's project on the device and shows it as it is", async () => {
    const keep = vi.fn(async () => undefined);
    const state = await projectStateOf(
      'torstrand',
      { ok: true, value: fresh, status: 200 },
      keep,
      async () => kept,
    );
    expect(state).toEqual({ status: 'ready', project: fresh, savedAt: null });
    expect(keep).toHaveBeenCalledWith(fresh);
  });

  it('shows the copy kept on the device, with its time, when no answer came', async () => {
    const state = await projectStateOf('torstrand', offline, vi.fn(), async () => kept);
    expect(state).toEqual({ status: 'ready', ...kept });
  });

  it('fails as before when there is no copy, and never covers a refusal with one', async () => {
    expect(await projectStateOf('torstrand', offline, vi.fn(), async () => undefined)).toMatchObject({
      status: 'failed',
      error: { code: 'NETWORK' },
    });
    const notFound: ApiResult<Project> = {
      ok: false,
      error: { code: 'PROJECT_NOT_FOUND', status: 404, message: 'no' },
    };
    expect(await projectStateOf('torstrand', notFound, vi.fn(), async () => kept)).toMatchObject({
      status: 'failed',
      error: { code: 'PROJECT_NOT_FOUND' },
    });
  });

  it("marks the service worker's copy, and prefers the device's own when it is newer", async () => {
    const keep = vi.fn(async () => undefined);
    const older = { ok: true as const, value: fresh, status: 200, savedAt: '2026-12-07T17:00:00.000Z' };
    expect(await projectStateOf('torstrand', older, keep, async () => kept)).toEqual({
      status: 'ready',
      ...kept,
    });
    const newer = { ...older, savedAt: '2026-12-07T19:00:00.000Z' };
    expect(await projectStateOf('torstrand', newer, keep, async () => kept)).toEqual({
      status: 'ready',
      project: fresh,
      savedAt: newer.savedAt,
    });
    expect(keep, 'a copy is not kept again as if it were fresh').not.toHaveBeenCalled();
  });
});
