// The process at its edges: a data folder it cannot write stops the start with a message an
// operator can act on; SIGTERM ends live streams (clients resume elsewhere) and exits cleanly.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiProcess, signIn, spawnApi, startApi, stopApi } from './api-process.ts';
import { postgresUrl } from './requirements.ts';

const folders: string[] = [];
/** Debian's unprivileged user and group `nobody` / `nogroup`. */
const NOBODY = { uid: 65534, gid: 65534 };
afterAll(async () => {
  for (const folder of folders) {
    await chmod(folder, 0o700).catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  }
});

async function startFails(
  dataDirectory: string,
  user?: { uid: number; gid: number },
): Promise<{ code: number | null; output: string }> {
  const api = await spawnApi({ dataDirectory, user });
  const timer = setTimeout(() => api.kill('SIGKILL'), 60_000);
  const { code } = await api.exited;
  clearTimeout(timer);
  return { code, output: api.output() };
}

describe('a data folder that cannot be written', () => {
  it('stops the start with a clear message naming the folder and NABOLAG_DATA_DIR', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'nabolag-faults-datadir-'));
    folders.push(folder);
    // A file where the folder should be: no user, root included, can make a folder inside it.
    const blocked = join(folder, 'not-a-folder');
    await writeFile(blocked, 'a file');
    const { code, output } = await startFails(join(blocked, 'data'));
    expect(code).toBe(73);
    expect(output).toContain(
      `The data folder ${join(blocked, 'data', 'pglite')} cannot be created or written`,
    );
    expect(output).toContain('NABOLAG_DATA_DIR');
    // One JSON line at level fatal, as log collectors expect.
    const line = output.split('\n').find((candidate) => candidate.includes('cannot be created or written'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 60 });
  });

  // Root writes anywhere, so as root (CI) the server is started as the unprivileged user `nobody`.
  it('also when the folder exists but is read-only', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'nabolag-faults-readonly-'));
    folders.push(folder);
    await chmod(folder, 0o500);
    const asRoot = process.getuid?.() === 0;
    const { code, output } = await startFails(folder, asRoot ? NOBODY : undefined);
    expect(code).toBe(73);
    expect(output).toContain('cannot be created or written');
  });
});

describe('graceful shutdown', () => {
  let api: ApiProcess | undefined;
  afterAll(async () => {
    await stopApi(api);
  });

  it('ends open live streams at SIGTERM and exits 0', async () => {
    const dataDirectory = postgresUrl ? undefined : await mkdtemp(join(tmpdir(), 'nabolag-faults-shutdown-'));
    if (dataDirectory) folders.push(dataDirectory);
    api = await startApi({ databaseUrl: postgresUrl, dataDirectory, env: { LOG_LEVEL: 'info' } });
    const staff = await signIn(api.baseUrl);
    const created = await fetch(`${api.baseUrl}/api/projects/torstrand/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: staff.cookie, 'x-csrf-token': staff.csrfToken },
      body: JSON.stringify({ title: 'Shutdown' }),
    });
    const { code } = (await created.json()) as { code: string };
    const stream = await fetch(`${api.baseUrl}/api/sessions/${code}/stream`);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // open

    const signalledAt = Date.now();
    api.kill('SIGTERM');
    // The stream ends (done) instead of hanging until the grace period kills the process.
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    const exit = await api.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(8_000);
    expect(api.output()).toContain('shut down cleanly');
    api = undefined;
  });
});
