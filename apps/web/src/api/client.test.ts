import { projectListSchema } from '@nabolag/schema';
import { describe, expect, it, vi } from 'vitest';
import { type FetchLike, requestJson, requestJsonCheckedLater } from './client.ts';
import { createContribution } from './nabolag-api.ts';
import { loadSchemas, pageIsInteractive } from './schemas.ts';

const answer =
  (status: number, body: unknown): FetchLike =>
  async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

describe('requestJson', () => {
  it('returns the parsed body of a successful answer', async () => {
    const result = await requestJson('/api/projects', projectListSchema, {}, answer(200, { projects: [] }));
    expect(result).toEqual({ ok: true, status: 200, value: { projects: [] } });
  });

  it('returns the code of an error body', async () => {
    const body = { code: 'OUTSIDE_PROJECT_AREA', message: 'outside', details: { distance: 12 } };
    const result = await requestJson('/x', projectListSchema, {}, answer(400, body));
    expect(result).toEqual({ ok: false, error: { ...body, status: 400 } });
  });

  it('reports NETWORK when no answer comes', async () => {
    const offline: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const result = await requestJson('/x', projectListSchema, {}, offline);
    expect(result.ok === false && result.error.code).toBe('NETWORK');
  });

  it('reports NETWORK for a gateway error without an error body', async () => {
    const result = await requestJson('/x', projectListSchema, {}, answer(502, '<html>Bad gateway</html>'));
    expect(result.ok === false && result.error).toMatchObject({ code: 'NETWORK', status: 502 });
  });

  it('reports UNEXPECTED_RESPONSE for a body that breaks the contract', async () => {
    const result = await requestJson('/x', projectListSchema, {}, answer(200, { projects: 'none' }));
    expect(result.ok === false && result.error.code).toBe('UNEXPECTED_RESPONSE');
  });

  it('does not take an error body without a code of the API', async () => {
    const result = await requestJson(
      '/x',
      projectListSchema,
      {},
      answer(400, { code: 'nope', message: 'x' }),
    );
    expect(result.ok === false && result.error).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 400 });
  });

  it('loads a lazily given schema and checks the answer with it', async () => {
    const lazy = async () => (await loadSchemas()).projectListSchema;
    expect(await requestJson('/x', lazy, {}, answer(200, { projects: [] }))).toEqual({
      ok: true,
      status: 200,
      value: { projects: [] },
    });
    const broken = await requestJson('/x', lazy, {}, answer(200, { projects: 'none' }));
    expect(broken.ok === false && broken.error.code).toBe('UNEXPECTED_RESPONSE');
  });

  it('reports NETWORK when a lazily given schema cannot be loaded', async () => {
    const missing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const result = await requestJson('/x', missing, {}, answer(200, { projects: [] }));
    expect(result.ok === false && result.error.code).toBe('NETWORK');
  });
});

describe('requestJsonCheckedLater', () => {
  const lazy = async () => (await loadSchemas()).projectListSchema;

  it('hands the answer over before it is checked, and reports a breach once the page is interactive', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await requestJsonCheckedLater('/x', lazy, {}, answer(200, { projects: 'none' }));
      expect(result).toEqual({ ok: true, status: 200, value: { projects: 'none' } });
      pageIsInteractive();
      await vi.waitFor(() =>
        expect(errors).toHaveBeenCalledWith(
          'the answer to /x does not match the contract',
          expect.any(Array),
        ),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('reports UNEXPECTED_RESPONSE at once for an answer that is not a JSON object', async () => {
    const result = await requestJsonCheckedLater(
      '/x',
      lazy,
      {},
      answer(200, '<html>Log in to the Wi-Fi</html>'),
    );
    expect(result.ok === false && result.error.code).toBe('UNEXPECTED_RESPONSE');
  });

  it('returns the code of an error body', async () => {
    const body = { code: 'PROJECT_NOT_FOUND', message: 'no such project' };
    const result = await requestJsonCheckedLater('/x', lazy, {}, answer(404, body));
    expect(result).toEqual({ ok: false, error: { ...body, status: 404 } });
  });
});

describe('createContribution', () => {
  const body = {
    id: '0b6a4a3e-5d0e-4d43-9a39-2f8a4bb0d0f1',
    category: 'meeting-places',
    geometry: { type: 'Point' as const, coordinates: [10.03, 59.05] as [number, number] },
  };
  const created = { id: body.id, participantId: '7c0e5f1e-1f43-4b8e-8f0a-1b5b1b2a3c4d' };

  it('sends the body as JSON with the participant token', async () => {
    let sent: RequestInit | undefined;
    const capture: FetchLike = async (_input, init) => {
      sent = init;
      return new Response(JSON.stringify(created), { status: 201 });
    };
    await createContribution('torstrand', body, 'a'.repeat(43), capture);
    expect(sent?.method).toBe('POST');
    expect(new Headers(sent?.headers).get('Authorization')).toBe(`Bearer ${'a'.repeat(43)}`);
    expect(JSON.parse(String(sent?.body))).toEqual(body);
  });

  it('treats 201 as created', async () => {
    const result = await createContribution('torstrand', body, 'a'.repeat(43), answer(201, created));
    expect(result.ok && result.value.created).toBe(true);
  });

  it('treats 200 as success for an id the server already had', async () => {
    const result = await createContribution('torstrand', body, 'a'.repeat(43), answer(200, { id: body.id }));
    expect(result).toMatchObject({ ok: true, value: { id: body.id, created: false } });
  });
});
