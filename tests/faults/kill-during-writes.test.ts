// kill -9 the server while contributions stream in, start it again, and check the invariant:
// every contribution the server acknowledged is stored, once; a retry of one it acknowledged
// creates nothing; a retry of one it never answered is stored once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AreaGeometry, projectSchema } from '@nabolag/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { randomPointsInArea } from '../e2e/area.ts';
import { type ApiProcess, clientToken, spawnApi, startApi, stopApi, waitUntilReady } from './api-process.ts';
import { postgresUrl } from './requirements.ts';

/** Concurrent senders, as many tablets or phones at once. */
const WRITERS = 8;
/** Contributions acknowledged before the kill, at least. */
const ACKNOWLEDGED_BEFORE_KILL = 40;

interface Sent {
  body: string;
  /** 200 or 201 came back. */
  acknowledged: boolean;
}

async function writeUntilKilled(api: ApiProcess, token: string) {
  const project = projectSchema.parse(await (await fetch(`${api.baseUrl}/api/projects/torstrand`)).json());
  const points = randomPointsInArea(project.area as AreaGeometry, 50);
  const sent = new Map<string, Sent>();
  let acknowledged = 0;
  let killed = false;
  let refused: string | undefined;
  const writer = async (index: number) => {
    for (let n = 0; !killed; n += 1) {
      const id = crypto.randomUUID();
      const body = JSON.stringify({
        id,
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: points[(index * 7 + n) % points.length] },
        story: `Skrevet av sender ${index}, nummer ${n}`,
      });
      const entry: Sent = { body, acknowledged: false };
      sent.set(id, entry);
      try {
        const response = await fetch(`${api.baseUrl}/api/projects/torstrand/contributions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        if (response.status === 201 || response.status === 200) {
          entry.acknowledged = true;
          acknowledged += 1;
        } else {
          refused ??= `${response.status} ${await response.text()}`;
          return;
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));
  const startedAt = Date.now();
  while (acknowledged < ACKNOWLEDGED_BEFORE_KILL && !refused && Date.now() - startedAt < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // In the middle of the stream: requests are in flight right now.
  api.kill('SIGKILL');
  killed = true;
  await api.exited;
  await Promise.all(writers);
  if (refused) throw new Error(`a contribution was refused before the kill: ${refused}`);
  return sent;
}

async function ownContributionIds(baseUrl: string, token: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/projects/torstrand/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { contributions: Array<{ id: string }> };
  return body.contributions.map((contribution) => contribution.id);
}

async function checkAfterRestart(api: ApiProcess, token: string, sent: Map<string, Sent>) {
  const acknowledged = [...sent].filter(([, entry]) => entry.acknowledged).map(([id]) => id);
  const unanswered = [...sent].filter(([, entry]) => !entry.acknowledged).map(([id]) => id);
  expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

  const stored = await ownContributionIds(api.baseUrl, token);
  // Once each: no id twice, nothing that was not sent, and every acknowledged one is there.
  expect(new Set(stored).size).toBe(stored.length);
  expect(stored.filter((id) => !sent.has(id))).toEqual([]);
  expect(acknowledged.filter((id) => !stored.includes(id))).toEqual([]);

  // The outbox sends again what it has no answer for, and (lost replies) some it has.
  const retry = async (id: string) => {
    const response = await fetch(`${api.baseUrl}/api/projects/torstrand/contributions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: sent.get(id)?.body,
    });
    return response.status;
  };
  for (const id of acknowledged.slice(0, 10)) expect(await retry(id)).toBe(200);
  for (const id of unanswered) expect([200, 201]).toContain(await retry(id));

  const after = await ownContributionIds(api.baseUrl, token);
  expect(after.length).toBe(sent.size);
  expect(new Set(after).size).toBe(after.length);
}

// Each database on its own run: the embedded one on the embedded run, PostGIS on the PostGIS run.
if (!postgresUrl)
  describe('kill -9 during a stream of writes, on the embedded database', () => {
    let directory: string | undefined;
    let api: ApiProcess | undefined;
    afterAll(async () => {
      await stopApi(api);
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it('keeps every acknowledged contribution, once, across the kill and restart', async () => {
      directory = await mkdtemp(join(tmpdir(), 'nabolag-faults-embedded-'));
      const first = await startApi({ dataDirectory: directory });
      const token = clientToken();
      const sent = await writeUntilKilled(first, token);
      // Same data folder, same port: as a supervisor restarts it.
      api = await spawnApi({ dataDirectory: directory, port: first.port });
      await waitUntilReady(api);
      await checkAfterRestart(api, token, sent);
    }, 240_000);
  });

if (postgresUrl)
  describe('kill -9 during a stream of writes, on PostGIS', () => {
    let api: ApiProcess | undefined;
    afterAll(async () => {
      await stopApi(api);
    });

    it('keeps every acknowledged contribution, once, across the kill and restart', async () => {
      const first = await startApi({ databaseUrl: postgresUrl });
      const token = clientToken();
      const sent = await writeUntilKilled(first, token);
      api = await startApi({ databaseUrl: postgresUrl, port: first.port });
      await checkAfterRestart(api, token, sent);
    }, 120_000);
  });
