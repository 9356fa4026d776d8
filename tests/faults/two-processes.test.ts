// Two API processes on one PostGIS, as behind a load-balancing proxy: a staff session, the rate
// limits and a workshop's live stream must work whichever process a request reaches (they live
// in PostgreSQL, not in a process's memory).
import { type AreaGeometry, projectSchema } from '@nabolag/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPointsInArea } from '../e2e/area.ts';
import { type ApiProcess, clientToken, signIn, startApi, stopApi } from './api-process.ts';
import { postgresUrl } from './requirements.ts';

// Only on the PostGIS run (two processes cannot share an embedded database).
if (postgresUrl)
  describe('two API processes on one PostGIS', () => {
    let a: ApiProcess;
    let b: ApiProcess;
    let points: [number, number][];

    beforeAll(async () => {
      // Rate limits on, and the client's address from X-Forwarded-For, as behind the proxy.
      const env = { NABOLAG_RATE_LIMITS: 'on', NABOLAG_TRUST_PROXY: 'true' };
      [a, b] = await Promise.all([
        startApi({ databaseUrl: postgresUrl, env }),
        startApi({ databaseUrl: postgresUrl, env }),
      ]);
      const project = projectSchema.parse(await (await fetch(`${a.baseUrl}/api/projects/torstrand`)).json());
      points = randomPointsInArea(project.area as AreaGeometry, 20);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([stopApi(a), stopApi(b)]);
    });

    const contribute = (api: ApiProcess, options: { address: string; session?: string; token?: string }) =>
      fetch(`${api.baseUrl}/api/projects/torstrand/contributions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.token ?? clientToken()}`,
          'x-forwarded-for': options.address,
        },
        body: JSON.stringify({
          id: crypto.randomUUID(),
          category: 'meeting-places',
          geometry: { type: 'Point', coordinates: points[Math.floor(Math.random() * points.length)] },
          ...(options.session ? { session: options.session } : {}),
        }),
      });

    it('a staff session made on one process works on the other, and signing out on one ends it on both', async () => {
      const session = await signIn(a.baseUrl);
      const me = await fetch(`${b.baseUrl}/api/auth/me`, { headers: { cookie: session.cookie } });
      expect(me.status).toBe(200);
      const out = await fetch(`${b.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      expect(out.status).toBeLessThan(300);
      expect((await fetch(`${a.baseUrl}/api/auth/me`, { headers: { cookie: session.cookie } })).status).toBe(
        401,
      );
    });

    it('counts one address’s contributions on both processes against one limit', async () => {
      const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const token = clientToken();
      // 60 a minute per address (http/rate-limit.ts), in windows aligned to the clock's minute:
      // start early in a window so that all 62 requests fall into the same one.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 20_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
      const statuses: number[] = [];
      // Alternating between the processes, ten at a time.
      for (let batch = 0; batch < 6; batch += 1) {
        const sent = Array.from({ length: 10 }, (_, index) =>
          contribute(index % 2 ? b : a, { address, token }).then((response) => response.status),
        );
        statuses.push(...(await Promise.all(sent)));
      }
      expect(statuses.filter((status) => status !== 201)).toEqual([]);
      const [onA, onB] = await Promise.all([
        contribute(a, { address, token }),
        contribute(b, { address, token }),
      ]);
      expect([onA.status, onB.status]).toEqual([429, 429]);
      // Another address is served.
      expect((await contribute(b, { address: '198.51.100.251', token })).status).toBe(201);
    });

    it('a pin sent to one process reaches a projector streaming from the other', async () => {
      const staff = await signIn(a.baseUrl);
      const created = await fetch(`${a.baseUrl}/api/projects/torstrand/sessions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: staff.cookie,
          'x-csrf-token': staff.csrfToken,
        },
        body: JSON.stringify({ title: 'Two processes' }),
      });
      expect(created.status).toBe(201);
      const { code } = (await created.json()) as { code: string };
      const controller = new AbortController();
      const stream = await fetch(`${b.baseUrl}/api/sessions/${code}/stream`, { signal: controller.signal });
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      await reader.read(); // the retry line: the stream is open
      const startedAt = Date.now();
      const posted = await contribute(a, { address: '203.0.113.9', session: code });
      expect(posted.status).toBe(201);
      const { id } = (await posted.json()) as { id: string };
      let text = '';
      const deadline = setTimeout(() => controller.abort(), 5_000);
      try {
        while (!text.includes(id)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted: the pin did not arrive in time
      } finally {
        clearTimeout(deadline);
        controller.abort();
      }
      expect(text).toContain(id);
      // Woken by NOTIFY, well before the streams' 5 s safety poll.
      expect(Date.now() - startedAt).toBeLessThan(2_000);
    });
  });
